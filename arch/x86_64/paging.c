/* SPDX-License-Identifier: MIT */
/*
 * 4-level page tables: one walk for map, unmap and query, on an explicit address space. What the
 * kernel's own space contains is kernel_map.c's business.
 */
#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <arch/paging.h>
#include <string.h>

#define PT_POOL_PAGES 64 /* page tables for a few GiB of direct map plus the kernel: 256 KiB */
#define TABLE_FLAGS   (PTE_PRESENT | PTE_WRITE) /* tables never restrict: leaves decide */
#define LEVEL_BITS    9                         /* each level indexes 512 entries */

static pte_t pt_pool[PT_POOL_PAGES][PT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static size_t pt_used;
static uint64_t nx_mask; /* PTE_NX if the CPU has NX (and EFER.NXE is on), else 0 */

struct address_space kernel_space;

/* The page size each level's entries map, from the PML4 down. */
static const unsigned level_shift[] = {PML4_SHIFT, PDPT_SHIFT, PD_SHIFT, PT_SHIFT};

static pte_t *table_alloc(void)
{
    if (pt_used == PT_POOL_PAGES)
        return NULL;
    pte_t *table = pt_pool[pt_used++];
    memset(table, 0, PAGE_SIZE);
    return table;
}

bool paging_create(struct address_space *as)
{
    as->root = table_alloc();
    return as->root != NULL;
}

void paging_set_nx(bool on)
{
    nx_mask = on ? PTE_NX : 0;
}

/* The table an entry points to; all tables live in the kernel image's .bss. */
static pte_t *table_of(pte_t entry)
{
    return (pte_t *)((entry & PTE_ADDR_MASK) + KERNEL_VMA);
}

static pte_t leaf_flags(uint64_t flags)
{
    return PTE_PRESENT | (flags & ~PTE_NX) | (flags & nx_mask);
}

/* Replace a large page (2 MiB or 1 GiB) by a table of 512 pages one level smaller, with the same
 * mapping and flags. */
static bool split_large(pte_t *entry, unsigned shift)
{
    pte_t *table = table_alloc();
    if (!table)
        return false;
    unsigned child_shift = shift - LEVEL_BITS;
    pte_t base = *entry & PTE_ADDR_MASK, flags = *entry & ~PTE_ADDR_MASK;
    if (child_shift == PT_SHIFT)
        flags &= ~PTE_HUGE; /* bit 7 of a 4 KiB entry is PAT, not "large" */
    for (uint64_t i = 0; i < PT_ENTRIES; i++)
        table[i] = (base + (i << child_shift)) | flags;
    *entry = kernel_virt_to_phys(table) | TABLE_FLAGS;
    return true;
}

/*
 * The one walk that map, unmap and query share: the entry for virt at the level whose pages are
 * 1 << *shift bytes. With create, it goes down to *shift, making missing tables and splitting
 * large pages in the way (NULL if out of table memory). Without, it stops at the first entry that
 * does not point to a table (a page of any size, or not present) and sets *shift to its level.
 */
static pte_t *walk(const struct address_space *as, virt_addr_t virt, unsigned *shift, bool create)
{
    pte_t *table = as->root;

    for (unsigned level = 0;; level++) {
        unsigned s = level_shift[level];
        pte_t *entry = &table[(virt >> s) & (PT_ENTRIES - 1)];
        bool leaf = s == PT_SHIFT || !(*entry & PTE_PRESENT) || (*entry & PTE_HUGE);
        if (create ? s == *shift : leaf) {
            *shift = s;
            return entry;
        }
        if (!(*entry & PTE_PRESENT)) {
            pte_t *next = table_alloc();
            if (!next)
                return NULL;
            *entry = kernel_virt_to_phys(next) | TABLE_FLAGS;
        } else if ((*entry & PTE_HUGE) && !split_large(entry, s)) {
            return NULL;
        }
        table = table_of(*entry);
    }
}

bool paging_map(struct address_space *as, virt_addr_t virt, phys_addr_t phys, uint64_t flags)
{
    unsigned shift = PT_SHIFT;

    if ((virt | phys) % PAGE_SIZE)
        return false;
    pte_t *pte = walk(as, virt, &shift, true);
    if (!pte)
        return false;
    *pte = phys | leaf_flags(flags);
    cpu_invlpg(virt);
    return true;
}

/* Map [phys, phys + size) at virt, with 2 MiB pages where alignment allows. */
bool paging_map_range(struct address_space *as, virt_addr_t virt, phys_addr_t phys, uint64_t size,
                      uint64_t flags)
{
    for (uint64_t off = 0; off < size;) {
        virt_addr_t v = virt + off;
        phys_addr_t p = phys + off;
        unsigned shift = PD_SHIFT;
        if (v % LARGE_PAGE_SIZE == 0 && p % LARGE_PAGE_SIZE == 0 && size - off >= LARGE_PAGE_SIZE) {
            pte_t *pde = walk(as, v, &shift, true);
            if (pde && !(*pde & PTE_PRESENT)) {
                *pde = p | leaf_flags(flags) | PTE_HUGE;
                off += LARGE_PAGE_SIZE;
                continue;
            }
        }
        if (!paging_map(as, v, p, flags))
            return false;
        off += PAGE_SIZE;
    }
    return true;
}

bool paging_unmap(struct address_space *as, virt_addr_t virt)
{
    unsigned shift = PT_SHIFT;
    pte_t *entry = walk(as, virt, &shift, false);

    if (!(*entry & PTE_PRESENT))
        return false;
    if (shift != PT_SHIFT) {
        shift = PT_SHIFT;
        entry = walk(as, virt, &shift, true); /* splits the large page around virt */
        if (!entry)
            return false;
    }
    *entry = 0;
    cpu_invlpg(virt);
    return true;
}

bool paging_query(const struct address_space *as, virt_addr_t virt, phys_addr_t *phys,
                  uint64_t *flags)
{
    unsigned shift = PT_SHIFT;
    pte_t entry = *walk(as, virt, &shift, false);

    if (!(entry & PTE_PRESENT))
        return false;
    *phys = (entry & PTE_ADDR_MASK & ~((1ULL << shift) - 1)) + (virt & ((1ULL << shift) - 1));
    *flags = entry & ~PTE_ADDR_MASK;
    return true;
}

bool paging_map_device(struct address_space *as, phys_addr_t phys, uint64_t size)
{
    phys_addr_t start = phys & ~(uint64_t)(PAGE_SIZE - 1);
    phys_addr_t end = (phys + size + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);

    if (!phys_in_direct_map(start, end - start))
        return false;
    for (phys_addr_t p = start; p < end; p += PAGE_SIZE) {
        if (!paging_map(as, (virt_addr_t)phys_to_virt(p), p, PAGE_DEVICE))
            return false;
    }
    return true;
}

bool paging_nx_enabled(void)
{
    return nx_mask != 0;
}
