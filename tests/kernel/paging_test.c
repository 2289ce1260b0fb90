/* SPDX-License-Identifier: MIT */
/* The kernel's page tables: what is mapped, with which permissions, and the map/unmap API. */
#include "ktest.h"

#include <arch/memlayout.h>
#include <arch/paging.h>
#include <arch/pc/vga.h>
#include <arch/stacks.h>

#define SCRATCH_VIRT 0xffffc00000000000ULL /* unused by the kernel: far from both of its maps */

static uint64_t flags_of(const void *addr)
{
    phys_addr_t phys;
    uint64_t flags;

    if (!paging_query(&kernel_space, (uintptr_t)addr, &phys, &flags))
        ktest_fail(__FILE__, __LINE__, "%p is not mapped", addr);
    return flags;
}

KTEST(kernel_sections_have_their_own_permissions)
{
    uint64_t nx = paging_nx_enabled() ? PTE_NX : 0;

    KT_ASSERT_EQ(0, flags_of(_text_start) & (PTE_WRITE | PTE_NX));
    KT_ASSERT_EQ(nx, flags_of(_rodata_start) & (PTE_WRITE | PTE_NX));
    KT_ASSERT_EQ(PTE_WRITE | nx, flags_of(_data_start) & (PTE_WRITE | PTE_NX));
}

KTEST(null_page_and_boot_identity_map_are_gone)
{
    uint64_t phys, flags;

    KT_ASSERT(!paging_query(&kernel_space, 0, &phys, &flags));
    KT_ASSERT(!paging_query(&kernel_space, KERNEL_LOAD_PHYS, &phys, &flags));
}

KTEST(stack_guard_pages_are_unmapped)
{
    uint64_t phys, flags;

    for (unsigned i = 0; i < kernel_stack_count; i++) {
        KT_ASSERT(!paging_query(&kernel_space, (uintptr_t)kernel_stacks[i].guard, &phys, &flags));
        KT_ASSERT(paging_query(&kernel_space, (uintptr_t)kernel_stacks[i].bottom, &phys, &flags));
    }
}

KTEST(vga_buffer_is_mapped_uncached_and_not_executable)
{
    uint64_t flags = flags_of(phys_to_virt(VGA_TEXT_PHYS));

    KT_ASSERT_EQ(PTE_PCD | PTE_PWT, flags & (PTE_PCD | PTE_PWT));
    KT_ASSERT(flags & PTE_WRITE);
}

KTEST(paging_map_makes_an_alias_and_unmap_removes_it)
{
    /* volatile: the compiler cannot know the two addresses are the same memory */
    static volatile uint64_t page[PAGE_SIZE / 8] __attribute__((aligned(PAGE_SIZE)));
    volatile uint64_t *alias = (volatile uint64_t *)SCRATCH_VIRT;
    uint64_t phys, flags;

    KT_ASSERT(paging_map(&kernel_space, SCRATCH_VIRT, kernel_virt_to_phys((const void *)page),
                         PAGE_READ_WRITE));
    page[3] = 0x5a5a;
    KT_ASSERT_EQ(0x5a5a, alias[3]);
    alias[4] = 0xa5a5;
    KT_ASSERT_EQ(0xa5a5, page[4]);
    KT_ASSERT(paging_query(&kernel_space, SCRATCH_VIRT + 8, &phys, &flags));
    KT_ASSERT_EQ(kernel_virt_to_phys((const void *)page) + 8, phys);

    KT_ASSERT(paging_unmap(&kernel_space, SCRATCH_VIRT));
    KT_ASSERT(!paging_query(&kernel_space, SCRATCH_VIRT, &phys, &flags));
    KT_ASSERT(!paging_unmap(&kernel_space, SCRATCH_VIRT)); /* nothing left to unmap */
}

KTEST(paging_map_rejects_unaligned_addresses)
{
    KT_ASSERT(!paging_map(&kernel_space, SCRATCH_VIRT + 1, 0, PAGE_READ));
    KT_ASSERT(!paging_map(&kernel_space, SCRATCH_VIRT, 1, PAGE_READ));
}
