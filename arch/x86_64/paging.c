/* SPDX-License-Identifier: MIT */
/*
 * The kernel's own page tables. The boot tables map 4 GiB three times over with writable,
 * executable 2 MiB pages; these replace them with what the kernel really needs: its sections with
 * their own permissions (write xor execute), RAM in the direct map, device memory mapped on
 * purpose, guard pages under the stacks left unmapped, and nothing at low addresses (so a NULL
 * dereference faults).
 */
#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <arch/paging.h>
#include <arch/processor.h>
#include <arch/stacks.h>
#include <string.h>

#define PT_POOL_PAGES 64 /* page tables for a few GiB of direct map plus the kernel: 256 KiB */
#define TABLE_FLAGS   (PTE_PRESENT | PTE_WRITE) /* tables never restrict: leaves decide */

static uint64_t pt_pool[PT_POOL_PAGES][PT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static size_t pt_used;
static uint64_t *pml4;
static uint64_t nx_mask; /* PTE_NX if the CPU has NX (and EFER.NXE is on), else 0 */

static uint64_t *table_alloc(void)
{
    if (pt_used == PT_POOL_PAGES)
        return NULL;
    uint64_t *table = pt_pool[pt_used++];
    memset(table, 0, PAGE_SIZE);
    return table;
}

/* The table an entry points to; all tables live in the kernel's .bss. */
static uint64_t *entry_table(uint64_t entry)
{
    return (uint64_t *)((entry & PTE_ADDR_MASK) + KERNEL_VMA);
}

/* Replace a 2 MiB page by a table of 512 4 KiB pages with the same mapping and flags. */
static uint64_t *split_large(uint64_t *pde)
{
    uint64_t *table = table_alloc();
    if (!table)
        return NULL;
    uint64_t base = *pde & PTE_ADDR_MASK, flags = *pde & ~PTE_ADDR_MASK & ~PTE_HUGE;
    for (int i = 0; i < PT_ENTRIES; i++)
        table[i] = (base + (uint64_t)i * PAGE_SIZE) | flags;
    *pde = kernel_virt_to_phys(table) | TABLE_FLAGS;
    return table;
}

/*
 * The entry for virt at the level whose pages are 1 << shift bytes (PD_SHIFT or PT_SHIFT). With
 * create, missing tables are made and a 2 MiB page in the way is split; NULL if out of table
 * memory. Without, NULL where the walk ends early.
 */
static uint64_t *walk(uint64_t virt, int shift, bool create)
{
    static const int shifts[] = {PML4_SHIFT, PDPT_SHIFT, PD_SHIFT, PT_SHIFT};
    uint64_t *table = pml4;

    for (int level = 0; shifts[level] != shift; level++) {
        uint64_t *entry = &table[(virt >> shifts[level]) & (PT_ENTRIES - 1)];
        if (!create && (!(*entry & PTE_PRESENT) || (*entry & PTE_HUGE)))
            return NULL;
        if (!(*entry & PTE_PRESENT)) {
            uint64_t *next = table_alloc();
            if (!next)
                return NULL;
            *entry = kernel_virt_to_phys(next) | TABLE_FLAGS;
        } else if (*entry & PTE_HUGE) {
            if (!split_large(entry))
                return NULL;
        }
        table = entry_table(*entry);
    }
    return &table[(virt >> shift) & (PT_ENTRIES - 1)];
}

bool paging_map(uint64_t virt, uint64_t phys, uint64_t flags)
{
    if ((virt | phys) % PAGE_SIZE)
        return false;
    uint64_t *pte = walk(virt, PT_SHIFT, true);
    if (!pte)
        return false;
    *pte = phys | PTE_PRESENT | (flags & ~PTE_NX) | (flags & nx_mask);
    cpu_invlpg(virt);
    return true;
}

/* Map [phys, phys + size) at virt, with 2 MiB pages where alignment allows. */
static bool map_range(uint64_t virt, uint64_t phys, uint64_t size, uint64_t flags)
{
    uint64_t leaf = PTE_PRESENT | (flags & ~PTE_NX) | (flags & nx_mask);

    for (uint64_t off = 0; off < size;) {
        uint64_t v = virt + off, p = phys + off;
        if (v % LARGE_PAGE_SIZE == 0 && p % LARGE_PAGE_SIZE == 0 && size - off >= LARGE_PAGE_SIZE) {
            uint64_t *pde = walk(v, PD_SHIFT, true);
            if (pde && !(*pde & PTE_PRESENT)) {
                *pde = p | leaf | PTE_HUGE;
                off += LARGE_PAGE_SIZE;
                continue;
            }
        }
        if (!paging_map(v, p, flags))
            return false;
        off += PAGE_SIZE;
    }
    return true;
}

void paging_unmap(uint64_t virt)
{
    uint64_t *pde = walk(virt, PD_SHIFT, false);

    if (pde && (*pde & PTE_HUGE) && !split_large(pde))
        return; /* out of table memory: cannot unmap part of a 2 MiB page */
    uint64_t *pte = walk(virt, PT_SHIFT, false);
    if (pte)
        *pte = 0;
    cpu_invlpg(virt);
}

bool paging_query(uint64_t virt, uint64_t *phys, uint64_t *flags)
{
    uint64_t *pde = walk(virt, PD_SHIFT, false);

    if (!pde || !(*pde & PTE_PRESENT))
        return false;
    if (*pde & PTE_HUGE) {
        *phys = (*pde & PTE_ADDR_MASK) + virt % LARGE_PAGE_SIZE;
        *flags = *pde & ~PTE_ADDR_MASK;
        return true;
    }
    uint64_t pte = entry_table(*pde)[PT_INDEX(virt)];
    if (!(pte & PTE_PRESENT))
        return false;
    *phys = (pte & PTE_ADDR_MASK) + virt % PAGE_SIZE;
    *flags = pte & ~PTE_ADDR_MASK;
    return true;
}

bool paging_map_device(uint64_t phys, uint64_t size)
{
    uint64_t start = phys & ~(uint64_t)(PAGE_SIZE - 1);
    uint64_t end = (phys + size + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);

    if (!phys_in_direct_map(start, end - start))
        return false;
    for (uint64_t p = start; p < end; p += PAGE_SIZE) {
        if (!paging_map((uint64_t)(uintptr_t)phys_to_virt(p), p, PAGE_DEVICE))
            return false;
    }
    return true;
}

bool paging_nx_enabled(void)
{
    return nx_mask != 0;
}

/* Turn on EFER.NXE when the CPU has NX; without it the NX bit would be a reserved-bit fault. */
static void enable_nx(void)
{
    uint32_t regs[4];

    cpu_cpuid(CPUID_EXT_MAX_LEAF, regs);
    if (regs[0] < CPUID_EXT_FEATURES)
        return;
    cpu_cpuid(CPUID_EXT_FEATURES, regs);
    if (!(regs[3] & CPUID_EXT_EDX_NX))
        return;
    cpu_wrmsr(MSR_EFER, cpu_rdmsr(MSR_EFER) | EFER_NXE);
    nx_mask = PTE_NX;
}

static bool map_section(const char *start, const char *end, uint64_t flags)
{
    return map_range((uintptr_t)start, kernel_virt_to_phys(start), (uint64_t)(end - start), flags);
}

/* Map RAM [base, end) in the direct map, read-write, never executable. */
static bool map_ram(uint64_t base, uint64_t end)
{
    base = (base + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
    end &= ~(uint64_t)(PAGE_SIZE - 1);
    if (end > DIRECT_MAP_SIZE)
        end = DIRECT_MAP_SIZE;
    if (base >= end)
        return true;
    return map_range((uintptr_t)phys_to_virt(base), base, end - base, PAGE_READ_WRITE);
}

/*
 * The kernel's code and constants appear in the direct map too; leave them out there, or they
 * would have a writable alias and W^X would hold only at their kernel-window address.
 */
static bool map_ram_except_kernel_code(uint64_t base, uint64_t end)
{
    uint64_t hole_start = kernel_virt_to_phys(_text_start);
    uint64_t hole_end = kernel_virt_to_phys(_rodata_end);

    if (end <= hole_start || base >= hole_end)
        return map_ram(base, end);
    return map_ram(base, hole_start) && map_ram(hole_end, end);
}

const char *paging_init(const struct phys_range *ram, size_t count)
{
    enable_nx();
    pml4 = table_alloc();
    bool ok = map_section(_text_start, _text_end, PAGE_READ_EXEC) &&
              map_section(_rodata_start, _rodata_end, PAGE_READ) &&
              map_section(_data_start, _data_end, PAGE_READ_WRITE);
    for (size_t i = 0; ok && i < count; i++)
        ok = map_ram_except_kernel_code(ram[i].base, ram[i].base + ram[i].length);
    if (!ok)
        return "paging: out of page-table memory (raise PT_POOL_PAGES in arch/x86_64/paging.c)";
    for (unsigned i = 0; i < kernel_stack_count; i++)
        paging_unmap((uintptr_t)kernel_stacks[i].guard);
    return NULL;
}

void paging_activate(void)
{
    cpu_write_cr3(kernel_virt_to_phys(pml4));
}
