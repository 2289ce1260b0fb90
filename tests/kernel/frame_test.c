/* SPDX-License-Identifier: MIT */
/*
 * The frame allocator and the direct map in the running kernel: its counts agree with the
 * normalised memory map, every frame can be handed out once and comes back, patterns survive, a
 * wrong free is a panic naming the caller, and RAM above 4 GiB (QEMU -m 8G) is reachable.
 */
#include "frame.h"
#include "ktest.h"
#include "mm.h"

#include <arch/memlayout.h>
#include <arch/paging.h>

#define GIB (1ULL << 30)

static uint64_t total_frames(const struct frame_stats *s)
{
    return s->total[FRAME_ZONE_LOW] + s->total[FRAME_ZONE_DMA32] + s->total[FRAME_ZONE_HIGH];
}

static uint64_t free_frames(const struct frame_stats *s)
{
    return s->free[FRAME_ZONE_LOW] + s->free[FRAME_ZONE_DMA32] + s->free[FRAME_ZONE_HIGH];
}

KTEST(frame_allocator_holds_exactly_the_usable_frames_of_the_memory_map)
{
    size_t n;
    const struct memmap_region *map = memory_map(&n);
    uint64_t expected = 0;
    struct frame_stats s = frame_stats();

    for (size_t i = 0; i < n; i++) {
        if (map[i].type != MEMMAP_USABLE)
            continue;
        uint64_t start = (map[i].base + FRAME_SIZE - 1) / FRAME_SIZE;
        uint64_t end = (map[i].base + map[i].length) / FRAME_SIZE;
        expected += end > start ? end - start : 0;
    }
    KT_ASSERT_EQ(expected, total_frames(&s));
    KT_ASSERT_EQ(0, s.total[FRAME_ZONE_LOW]); /* the low 1 MiB is kept back */
}

/* Every free frame, taken in blocks as large as are left, chained through their first words. */
static phys_addr_t take_everything(uint64_t *frames)
{
    phys_addr_t chain = 0;

    *frames = 0;
    for (int order = FRAME_ORDERS - 1; order >= 0; order--) {
        phys_addr_t f;
        while ((f = frame_alloc((unsigned)order, 0)) != 0) {
            uint64_t *words = phys_to_virt(f);
            words[0] = chain;
            words[1] = (uint64_t)order;
            /* the last frame's address in it: blocks overlapping would overwrite one */
            phys_addr_t last = f + ((1ULL << order) - 1) * FRAME_SIZE;
            words[2] = last;
            if (order)
                *(uint64_t *)phys_to_virt(last) = last;
            chain = f;
            *frames += 1ULL << order;
        }
    }
    return chain;
}

KTEST(allocating_until_exhausted_then_freeing_everything_returns_to_the_start)
{
    struct frame_stats before = frame_stats();
    uint64_t frames;
    phys_addr_t chain = take_everything(&frames);
    struct frame_stats empty = frame_stats();

    KT_ASSERT_EQ(free_frames(&before), frames);
    KT_ASSERT_EQ(0, free_frames(&empty));
    KT_ASSERT_EQ(0, frame_alloc(0, 0));
    while (chain) {
        uint64_t *words = phys_to_virt(chain);
        phys_addr_t next = words[0];
        unsigned order = (unsigned)words[1];
        phys_addr_t last = chain + ((1ULL << order) - 1) * FRAME_SIZE;
        KT_ASSERT_EQ(last, words[2]);
        if (order)
            KT_ASSERT_EQ(last, *(uint64_t *)phys_to_virt(last));
        frame_free(chain, order);
        chain = next;
    }
    struct frame_stats after = frame_stats();
    for (int z = 0; z < FRAME_ZONES; z++)
        KT_ASSERT_EQ(before.free[z], after.free[z]);
}

KTEST(zeroed_and_below_4g_allocations_are_what_they_say)
{
    phys_addr_t f = frame_alloc(3, FRAME_ZERO | FRAME_BELOW_4G);
    const uint64_t *words = phys_to_virt(f);

    KT_ASSERT(f != 0 && f < 4 * GIB);
    KT_ASSERT_EQ(0, f % (8 * FRAME_SIZE));
    for (size_t i = 0; i < 8 * FRAME_SIZE / 8; i++)
        KT_ASSERT_EQ(0, words[i]);
    frame_free(f, 3);
}

KTEST_SHOULD_PANIC(freeing_a_frame_twice_names_the_frame_and_the_caller,
                   "frame_free: frame 0x* (order 0) freed twice (the block is already free); "
                   "called from freeing_a_frame_twice_names_the_frame_and_the_caller+0x")
{
    phys_addr_t f = frame_alloc(0, 0);

    frame_free(f, 0);
    frame_free(f, 0);
    __asm__ volatile("" ::: "memory"); /* no tail call: the caller must be this function */
}

KTEST_SHOULD_PANIC(freeing_a_frame_never_allocated_is_refused,
                   "frame_free: frame 0x1000 (order 0) never managed by the frame allocator")
{
    frame_free(FRAME_SIZE, 0); /* in the low 1 MiB, which the allocator never gets */
}

KTEST(ram_above_4g_is_in_the_direct_map)
{
    struct frame_stats s = frame_stats();
    phys_addr_t phys;
    uint64_t flags;

    if (s.total[FRAME_ZONE_HIGH] == 0)
        KT_SKIP("no RAM above 4 GiB (QEMU -m 8G has some)");
    phys_addr_t f = frame_alloc(0, 0);
    KT_ASSERT(f >= 4 * GIB); /* the allocator prefers the high zone */
    *(volatile uint64_t *)phys_to_virt(f) = f ^ 0x5a5a5a5a5a5a5a5aULL;
    KT_ASSERT(paging_query(&kernel_space, (virt_addr_t)phys_to_virt(f), &phys, &flags));
    KT_ASSERT_EQ(f, phys);
    KT_ASSERT_EQ(f ^ 0x5a5a5a5a5a5a5a5aULL, *(volatile uint64_t *)phys_to_virt(f));
    frame_free(f, 0);
}

KTEST(device_memory_above_4g_is_mapped_write_combining_on_request)
{
    /* far above any RAM QEMU gives these tests: where a 64-bit PCI BAR could sit */
    const phys_addr_t bar = 0x3f0000000000ULL;
    phys_addr_t phys;
    uint64_t flags;

    KT_ASSERT(paging_map_device(&kernel_space, bar, 2 * FRAME_SIZE, PAGE_CACHE_WC));
    KT_ASSERT(
        paging_query(&kernel_space, (virt_addr_t)phys_to_virt(bar + FRAME_SIZE), &phys, &flags));
    KT_ASSERT_EQ(bar + FRAME_SIZE, phys);
    KT_ASSERT_EQ(PTE_PWT, flags & (PTE_PWT | PTE_PCD)); /* PAT entry 1: write-combining */
    KT_ASSERT(paging_unmap(&kernel_space, (virt_addr_t)phys_to_virt(bar)));
    KT_ASSERT(paging_unmap(&kernel_space, (virt_addr_t)phys_to_virt(bar + FRAME_SIZE)));
}
