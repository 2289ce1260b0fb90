/* SPDX-License-Identifier: MIT */
/* Address types: which address space a number belongs to, said in its type. */
#ifndef ARCH_TYPES_H
#define ARCH_TYPES_H

#include <stdint.h>

typedef uint64_t phys_addr_t; /* a physical address: what the memory bus and devices see */
typedef uint64_t virt_addr_t; /* a virtual address: what the CPU translates through page tables */

#endif
