/* SPDX-License-Identifier: MIT */
/* 4-level page table entry bits and sizes (Intel SDM vol. 3A 4.5, "4-Level Paging"). */
#ifndef ARCH_PAGING_H
#define ARCH_PAGING_H

#include <arch/bits.h>

#define PAGE_SIZE       0x1000   /* 4 KiB: the smallest page */
#define LARGE_PAGE_SIZE 0x200000 /* 2 MiB: a page mapped directly by a page-directory entry */
#define PT_ENTRIES      512      /* entries in every level's table (4 KiB / 8 bytes) */
#define PT_ENTRY_SIZE   8        /* bytes per entry */

#define PTE_PRESENT_BIT  0 /* entry is valid */
#define PTE_PRESENT      BIT(PTE_PRESENT_BIT)
#define PTE_WRITE_BIT    1 /* writes allowed */
#define PTE_WRITE        BIT(PTE_WRITE_BIT)
#define PTE_PWT_BIT      3 /* page-level write-through */
#define PTE_PWT          BIT(PTE_PWT_BIT)
#define PTE_PCD_BIT      4 /* page-level cache disable; with PWT: uncacheable under the default PAT */
#define PTE_PCD          BIT(PTE_PCD_BIT)
#define PTE_ACCESSED_BIT 5 /* set by the CPU when the entry is used */
#define PTE_ACCESSED     BIT(PTE_ACCESSED_BIT)
#define PTE_DIRTY_BIT    6 /* set by the CPU when the page is written (leaves only) */
#define PTE_DIRTY        BIT(PTE_DIRTY_BIT)
#define PTE_HUGE_BIT     7 /* in a PDE: maps a 2 MiB page instead of pointing to a page table */
#define PTE_HUGE         BIT(PTE_HUGE_BIT)
#define PTE_NX_BIT       63 /* no execute (needs EFER.NXE) */
#define PTE_NX           BIT(PTE_NX_BIT)
#define PTE_ADDR_MASK    0x000ffffffffff000 /* bits 12-51: physical address of page or next table */

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
#include <arch/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Permissions for paging_map(): a kernel page is always present and readable. */
#define PAGE_READ_EXEC  0                                     /* code */
#define PAGE_READ       PTE_NX                                /* constants */
#define PAGE_READ_WRITE (PTE_WRITE | PTE_NX)                  /* data */
#define PAGE_DEVICE     (PAGE_READ_WRITE | PTE_PCD | PTE_PWT) /* PAT entry 3: uncached */
#define PAGE_DEVICE_WC  (PAGE_READ_WRITE | PTE_PWT) /* PAT entry 1, made write-combining */

/* How device memory is cached (Intel SDM vol. 3A 12.3, "Methods of Caching Available"). */
enum page_cache {
    PAGE_CACHE_UC, /* uncached: registers, where every access must reach the device in order */
    PAGE_CACHE_WC, /* write-combining: frame buffers, where writes may be merged into bursts */
};

/* One entry of a page table, at any of the four levels. */
typedef uint64_t pte_t;

/* A set of page tables: what one CR3 value selects. */
struct address_space {
    pte_t *root; /* the PML4, at its kernel virtual address */
};

/* The kernel's own tables, which paging_init builds and loads. */
extern struct address_space kernel_space;

/* A range of physical memory. */
struct phys_range {
    phys_addr_t base;
    uint64_t length;
};

/* Device memory to map at phys_to_virt(base), and how to cache it. */
struct device_range {
    phys_addr_t base;
    uint64_t length;
    enum page_cache cache;
};

/* What paging_init maps besides the kernel image: RAM in the direct map, and the device memory
 * the drivers that run before it (the console's screen) said they need. */
struct paging_layout {
    const struct phys_range *ram;
    size_t ram_count;
    const struct device_range *devices;
    size_t device_count;
};

/*
 * Build kernel_space and switch CR3 to it: the kernel image in 4 KiB pages with the permissions of
 * its sections and its stack guard pages left out, RAM in the direct map (1 GiB pages where the
 * CPU has them, else 2 MiB, 4 KiB at the edges), device memory as asked. Nothing is
 * identity-mapped, so page 0 (NULL) is not mapped. Page tables come from alloc_zeroed_frame, which
 * must hand out frames below 4 GiB until this returns. NULL, or what went wrong.
 */
const char *paging_init(const struct paging_layout *layout,
                        phys_addr_t (*alloc_zeroed_frame)(void));
/* Where page tables come from (paging_init sets it). */
void paging_set_table_source(phys_addr_t (*alloc_zeroed_frame)(void));
/*
 * The core's TLB shootdown: called after a present leaf entry for virt was removed or changed
 * (and flushed on this CPU), to flush virt on every other CPU before the change returns. Another
 * CPU may cache the old entry: a removed or downgraded mapping would stay usable there, and an
 * upgraded one would fault there. NULL (the default): one CPU, nothing to do.
 */
void paging_set_shootdown(void (*shootdown)(virt_addr_t virt));
/*
 * The core's lock around every change to page tables (map, unmap, splitting a large page), so
 * CPUs changing the same tables at once lose nothing; lock returns what unlock is given back.
 * Queries read without it. Unset (the default): one CPU, no lock.
 */
void paging_set_lock(uint64_t (*lock)(void), void (*unlock)(uint64_t saved));
/* Give as an empty root table; false if out of page-table memory. */
bool paging_create(struct address_space *as);
/* Map one 4 KiB page (flags from PAGE_*); false if out of page-table memory or misaligned. */
bool paging_map(struct address_space *as, virt_addr_t virt, phys_addr_t phys, uint64_t flags);
/* Map [phys, phys + size) at virt, page-aligned, with 1 GiB (if enabled) or 2 MiB pages where
 * alignment allows. */
bool paging_map_range(struct address_space *as, virt_addr_t virt, phys_addr_t phys, uint64_t size,
                      uint64_t flags);
/* Map physical device memory at phys_to_virt(phys), wherever it is (above 4 GiB too); false if it
 * lies outside the direct map's span or page tables ran out. */
bool paging_map_device(struct address_space *as, phys_addr_t phys, uint64_t size,
                       enum page_cache cache);
/* Remove the mapping of one 4 KiB page (splitting a large page around it); false if nothing was
 * mapped there or a large page could not be split (out of page-table memory). */
bool paging_unmap(struct address_space *as, virt_addr_t virt);
/* Physical address and flags of the page mapping virt; false if unmapped. */
bool paging_query(const struct address_space *as, virt_addr_t virt, phys_addr_t *phys,
                  uint64_t *flags);
/* Whether EFER.NXE is on, so PTE_NX is honoured; paging_set_nx says so once it is. */
bool paging_nx_enabled(void);
void paging_set_nx(bool on);
/* Whether paging_map_range may use 1 GiB pages (CPUID page1gb), and whether PAT entry 1 is
 * write-combining; kernel_map.c finds out and says so. */
void paging_set_1g_pages(bool on);
void paging_set_write_combining(bool on);
#endif

#endif
