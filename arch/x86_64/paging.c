/* SPDX-License-Identifier: MIT */
/*
 * 4-level page tables: one walk for map, unmap and query, on an explicit address space. What the
 * kernel's own space contains is kernel_map.c's business.
 */
#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <arch/paging.h>

#define TABLE_FLAGS (PTE_PRESENT | PTE_WRITE) /* tables never restrict: leaves decide */
#define LEVEL_BITS  9                         /* each level indexes 512 entries */

static phys_addr_t (*table_source)(void); /* a zeroed 4 KiB frame, or 0 */
static void (*shootdown)(virt_addr_t);    /* flush on the other CPUs, or NULL */
static uint64_t (*lock_tables)(void);     /* the core's lock around table changes, or NULL */
static void (*unlock_tables)(uint64_t saved);
static uint64_t nx_mask;     /* PTE_NX if the CPU has NX (and EFER.NXE), else 0 */
static bool huge_1g_pages;   /* the CPU has 1 GiB pages (CPUID page1gb) */
static bool write_combining; /* PAT entry 1 is write-combining (kernel_map.c) */

struct address_space kernel_space;

/* The page size each level's entries map, from the PML4 down. */
static const unsigned level_shift[] = {PML4_SHIFT, PDPT_SHIFT, PD_SHIFT, PT_SHIFT};

void paging_set_table_source(phys_addr_t (*alloc_zeroed_frame)(void))
{
    table_source = alloc_zeroed_frame;
}

void paging_set_shootdown(void (*fn)(virt_addr_t virt))
{
    shootdown = fn;
}

void paging_set_lock(uint64_t (*lock)(void), void (*unlock)(uint64_t saved))
{
    lock_tables = lock;
    unlock_tables = unlock;
}

static uint64_t tables_lock(void)
{
    return lock_tables ? lock_tables() : 0;
}

static void tables_unlock(uint64_t saved)
{
    if (unlock_tables)
        unlock_tables(saved);
}

/* The leaf for virt changed from old (flushed here already): other CPUs may cache old. */
static void changed(virt_addr_t virt, pte_t old, pte_t new)
{
    /* the CPU sets the accessed and dirty bits itself: they change no translation */
    const pte_t hardware = PTE_ACCESSED | PTE_DIRTY;

    if ((old & PTE_PRESENT) && (old & ~hardware) != (new & ~hardware) && shootdown)
        shootdown(virt);
}

/* A new, empty table, reached through the direct map (so below 4 GiB until the kernel's own
 * tables are loaded: the source must hand out such frames until then). */
static pte_t *table_alloc(void)
{
    phys_addr_t frame = table_source ? table_source() : 0;
    return frame ? phys_to_virt(frame) : NULL;
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

void paging_set_1g_pages(bool on)
{
    huge_1g_pages = on;
}

void paging_set_write_combining(bool on)
{
    write_combining = on;
}

/* The table an entry points to, through the direct map. */
static pte_t *table_of(pte_t entry)
{
    return phys_to_virt(entry & PTE_ADDR_MASK);
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
    *entry = direct_map_virt_to_phys(table) | TABLE_FLAGS;
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
            *entry = direct_map_virt_to_phys(next) | TABLE_FLAGS;
        } else if ((*entry & PTE_HUGE) && !split_large(entry, s)) {
            return NULL;
        }
        table = table_of(*entry);
    }
}

/* paging_map with the tables' lock held. */
static bool map_page(struct address_space *as, virt_addr_t virt, phys_addr_t phys, uint64_t flags)
{
    unsigned shift = PT_SHIFT;

    if ((virt | phys) % PAGE_SIZE)
        return false;
    pte_t *pte = walk(as, virt, &shift, true);
    if (!pte)
        return false;
    pte_t old = *pte, new = phys | leaf_flags(flags);
    *pte = new;
    cpu_invlpg(virt);
    changed(virt, old, new);
    return true;
}

bool paging_map(struct address_space *as, virt_addr_t virt, phys_addr_t phys, uint64_t flags)
{
    uint64_t saved = tables_lock();
    bool ok = map_page(as, virt, phys, flags);

    tables_unlock(saved);
    return ok;
}

/* The largest page (1 GiB if allowed, 2 MiB, 4 KiB) that maps virt to phys inside size bytes. */
static unsigned page_shift_for(virt_addr_t virt, phys_addr_t phys, uint64_t size, bool huge_1g)
{
    static const unsigned shifts[] = {PDPT_SHIFT, PD_SHIFT};

    for (unsigned i = huge_1g ? 0 : 1; i < 2; i++) {
        uint64_t page = 1ULL << shifts[i];
        if (virt % page == 0 && phys % page == 0 && size >= page)
            return shifts[i];
    }
    return PT_SHIFT;
}

static bool map_range(struct address_space *as, virt_addr_t virt, phys_addr_t phys, uint64_t size,
                      uint64_t flags)
{
    for (uint64_t off = 0; off < size;) {
        virt_addr_t v = virt + off;
        phys_addr_t p = phys + off;
        unsigned shift = page_shift_for(v, p, size - off, huge_1g_pages);
        if (shift != PT_SHIFT) {
            pte_t *entry = walk(as, v, &shift, true);
            if (entry && !(*entry & PTE_PRESENT)) {
                *entry = p | leaf_flags(flags) | PTE_HUGE;
                off += 1ULL << shift;
                continue;
            }
        }
        if (!map_page(as, v, p, flags))
            return false;
        off += PAGE_SIZE;
    }
    return true;
}

bool paging_map_range(struct address_space *as, virt_addr_t virt, phys_addr_t phys, uint64_t size,
                      uint64_t flags)
{
    uint64_t saved = tables_lock();
    bool ok = map_range(as, virt, phys, size, flags);

    tables_unlock(saved);
    return ok;
}

static bool unmap_page(struct address_space *as, virt_addr_t virt)
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
    pte_t old = *entry;
    *entry = 0;
    cpu_invlpg(virt);
    changed(virt, old, 0);
    return true;
}

bool paging_unmap(struct address_space *as, virt_addr_t virt)
{
    uint64_t saved = tables_lock();
    bool ok = unmap_page(as, virt);

    tables_unlock(saved);
    return ok;
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

bool paging_map_device(struct address_space *as, phys_addr_t phys, uint64_t size,
                       enum page_cache cache)
{
    phys_addr_t start = phys & ~(uint64_t)(PAGE_SIZE - 1);
    phys_addr_t end = (phys + size + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
    /* without a write-combining PAT entry, uncached is the safe choice for device memory */
    uint64_t flags = cache == PAGE_CACHE_WC && write_combining ? PAGE_DEVICE_WC : PAGE_DEVICE;

    if (end < start || !phys_in_direct_map_span(start, end - start))
        return false;
    uint64_t saved = tables_lock();
    bool ok = true;
    for (phys_addr_t p = start; p < end && ok; p += PAGE_SIZE)
        ok = map_page(as, (virt_addr_t)phys_to_virt(p), p, flags);
    tables_unlock(saved);
    return ok;
}

bool paging_nx_enabled(void)
{
    return nx_mask != 0;
}
