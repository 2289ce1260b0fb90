/* SPDX-License-Identifier: MIT */
/* GDT layout, selectors and descriptor bits (Intel SDM vol. 3A 3.4.5, 5.2.1 for 64-bit code, 7.2.3
 * TSS). */
#ifndef ARCH_SEGMENT_H
#define ARCH_SEGMENT_H

/*
 * Descriptor bits as positions within the 64-bit descriptor. In long mode base and limit are
 * ignored for code and data; what matters is present, type, DPL and the L bit.
 */
#define DESC_ACCESSED_BIT     40 /* set here so the CPU never needs to write the GDT */
#define DESC_RW_BIT           41 /* data: writable; code: readable */
#define DESC_EXEC_BIT         43 /* code segment */
#define DESC_S_BIT            44 /* code/data descriptor (clear: system descriptor such as a TSS) */
#define DESC_PRESENT_BIT      47 /* segment is present */
#define DESC_LONG_BIT         53 /* 64-bit code segment */
#define DESC_DB_BIT           54 /* 32-bit segment (code: default operand size; data: 32-bit stack) */
#define DESC_GRAN_BIT         55 /* limit counts 4 KiB units: with limit 0xfffff, all of 4 GiB */
#define DESC_LIMIT_HIGH_SHIFT 48 /* limit bits 16-19 go to descriptor bits 48-51 */

/* System descriptor fields (a 64-bit TSS descriptor takes two GDT slots) */
#define DESC_TYPE_SHIFT     40  /* 4-bit type field */
#define DESC_TYPE_TSS       0x9 /* available 64-bit TSS */
#define DESC_LIMIT_LOW_MASK 0xffff
#define DESC_BASE_LOW_SHIFT 16 /* base bits 0-23 go to descriptor bits 16-39 */
#define DESC_BASE_MID_SHIFT 56 /* base bits 24-31 go to descriptor bits 56-63 */

/* GDT slots, and the selectors (slot * 8, RPL 0) that name them. */
#define GDT_NULL        0
#define GDT_KERNEL_CODE 1
#define GDT_KERNEL_DATA 2
#define GDT_TSS         3 /* and slot 4: base bits 32-63 */
#define GDT_ENTRIES     5

#define SELECTOR_KERNEL_CODE (GDT_KERNEL_CODE * 8)
#define SELECTOR_KERNEL_DATA (GDT_KERNEL_DATA * 8)
#define SELECTOR_TSS         (GDT_TSS * 8)

#define GDT_POINTER_BASE                                                                           \
    2 /* lgdt's operand: a 16-bit limit, then the base (SDM 3A figure 3-11)                        \
       */

#ifndef __ASSEMBLER__
#include <stdint.h>

extern const uint64_t gdt[GDT_ENTRIES];
/* lgdt's operand for gdt, by its virtual address once start64.S has run. */
extern struct __attribute__((packed)) gdt_pointer {
    uint16_t limit;
    uint64_t base;
} gdt_pointer;
#endif

#endif
