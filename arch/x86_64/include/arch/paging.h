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
#define PTE_PWT_BIT     3 /* page-level write-through */
#define PTE_PWT         BIT(PTE_PWT_BIT)
#define PTE_PCD_BIT     4 /* page-level cache disable; with PWT: uncacheable under the default PAT */
#define PTE_PCD         BIT(PTE_PCD_BIT)
#define PTE_HUGE_BIT    7 /* in a PDE: maps a 2 MiB page instead of pointing to a page table */
#define PTE_HUGE        BIT(PTE_HUGE_BIT)
#define PTE_NX_BIT      63 /* no execute (needs EFER.NXE) */
#define PTE_NX          BIT(PTE_NX_BIT)
#define PTE_ADDR_MASK   0x000ffffffffff000 /* bits 12-51: physical address of page or next table */

/* Index of a virtual address in each level: 9 bits per level above the 12-bit page offset. */
#define PML4_SHIFT     39
#define PDPT_SHIFT     30
#define PD_SHIFT       21
#define PT_SHIFT       12
#define PML4_INDEX(va) (((va) >> PML4_SHIFT) & (PT_ENTRIES - 1))
#define PDPT_INDEX(va) (((va) >> PDPT_SHIFT) & (PT_ENTRIES - 1))
#define PD_INDEX(va)   (((va) >> PD_SHIFT) & (PT_ENTRIES - 1))
#define PT_INDEX(va)   (((va) >> PT_SHIFT) & (PT_ENTRIES - 1))

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Permissions for paging_map(): a kernel page is always present and readable. */
#define PAGE_READ_EXEC  0                                     /* code */
#define PAGE_READ       PTE_NX                                /* constants */
#define PAGE_READ_WRITE (PTE_WRITE | PTE_NX)                  /* data */
#define PAGE_DEVICE     (PAGE_READ_WRITE | PTE_PCD | PTE_PWT) /* device memory: uncached */

/* A range of physical RAM, for the direct map. */
struct phys_range {
    uint64_t base;
    uint64_t length;
};

/*
 * Build the kernel's own page tables: the kernel image in 4 KiB pages with the permissions of its
 * sections and its stack guard pages left out, and the RAM ranges in the direct map. Nothing is
 * identity-mapped, so page 0 (NULL) is not mapped. Takes effect with paging_activate().
 */
const char *paging_init(const struct phys_range *ram, size_t count);
/* Switch CR3 to the tables paging_init built. */
void paging_activate(void);
/* Map one 4 KiB page (flags from PAGE_*); false if out of page-table memory or misaligned. */
bool paging_map(uint64_t virt, uint64_t phys, uint64_t flags);
/* Map physical device memory at phys_to_virt(phys), uncached. */
bool paging_map_device(uint64_t phys, uint64_t size);
/* Remove the mapping of one 4 KiB page. */
void paging_unmap(uint64_t virt);
/* Physical address and flags of the page mapping virt; false if unmapped. */
bool paging_query(uint64_t virt, uint64_t *phys, uint64_t *flags);
/* Whether EFER.NXE is on, so PTE_NX is honoured. */
bool paging_nx_enabled(void);
#endif

#endif
