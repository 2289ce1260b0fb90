/* SPDX-License-Identifier: MIT */
/* 4-level page table entry bits and sizes (Intel SDM vol. 3A 4.5, "4-Level Paging"). */
#ifndef ARCH_PAGING_H
#define ARCH_PAGING_H

#include <arch/bits.h>

#define PAGE_SIZE       0x1000   /* 4 KiB: the smallest page */
#define LARGE_PAGE_SIZE 0x200000 /* 2 MiB: a page mapped directly by a page-directory entry */
#define PT_ENTRIES      512      /* entries in every level's table (4 KiB / 8 bytes) */
#define PT_ENTRY_SIZE   8        /* bytes per entry */

#define PTE_PRESENT_BIT 0 /* entry is valid */
#define PTE_PRESENT     BIT(PTE_PRESENT_BIT)
#define PTE_WRITE_BIT   1 /* writes allowed */
#define PTE_WRITE       BIT(PTE_WRITE_BIT)
#define PTE_HUGE_BIT    7 /* in a PDE: maps a 2 MiB page instead of pointing to a page table */
#define PTE_HUGE        BIT(PTE_HUGE_BIT)

/* Index of a virtual address in each level: 9 bits per level above the 12-bit page offset. */
#define PML4_SHIFT     39
#define PDPT_SHIFT     30
#define PD_SHIFT       21
#define PML4_INDEX(va) (((va) >> PML4_SHIFT) & (PT_ENTRIES - 1))
#define PDPT_INDEX(va) (((va) >> PDPT_SHIFT) & (PT_ENTRIES - 1))

#endif
