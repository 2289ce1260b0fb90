/* SPDX-License-Identifier: MIT */
/* BIT(n): a single-bit mask that works in both C and assembly. */
#ifndef ARCH_BITS_H
#define ARCH_BITS_H

#ifdef __ASSEMBLER__
#define BIT(n) (1 << (n))
#else
#define BIT(n) (1UL << (n))
#endif

#endif
