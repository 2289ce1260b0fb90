/* SPDX-License-Identifier: MIT */
/* GDT layout, selectors and descriptor bits (Intel SDM vol. 3A 3.4.5, 5.2.1 for 64-bit code). */
#ifndef ARCH_SEGMENT_H
#define ARCH_SEGMENT_H

/*
 * Descriptor bits as positions within the 64-bit descriptor. In long mode base and limit are
 * ignored for code and data; what matters is present, type, DPL and the L bit.
 */
#define DESC_ACCESSED_BIT 40 /* set here so the CPU never needs to write the GDT */
#define DESC_RW_BIT       41 /* data: writable; code: readable */
#define DESC_EXEC_BIT     43 /* code segment */
#define DESC_S_BIT        44 /* code/data descriptor (clear: system descriptor such as a TSS) */
#define DESC_PRESENT_BIT  47 /* segment is present */
#define DESC_LONG_BIT     53 /* 64-bit code segment */

/* GDT slots, and the selectors (slot * 8, RPL 0) that name them. */
#define GDT_NULL        0
#define GDT_KERNEL_CODE 1
#define GDT_KERNEL_DATA 2
#define GDT_ENTRIES     3

#define SELECTOR_KERNEL_CODE (GDT_KERNEL_CODE * 8)
#define SELECTOR_KERNEL_DATA (GDT_KERNEL_DATA * 8)

#ifndef __ASSEMBLER__
#include <stdint.h>

extern const uint64_t gdt[GDT_ENTRIES];
#endif

#endif
