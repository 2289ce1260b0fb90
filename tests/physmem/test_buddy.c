/* SPDX-License-Identifier: MIT */
/*
 * Host unit tests of the buddy frame allocator (src/mm/buddy.c) on simulated physical memory: a
 * window of RAM on both sides of 4 GiB, backed by a heap block, so zones, alignment, coalescing
 * and every refused free can be checked. Run under ASan and UBSan.
 */
#include "buddy.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define MIB         (1024ULL * 1024)
#define GIB         (1024 * MIB)
#define WINDOW_BASE (4 * GIB - 8 * MIB) /* simulated RAM: 8 MiB below 4 GiB, 8 MiB above */
#define WINDOW_SIZE (16 * MIB)
#define WINDOW_END  (WINDOW_BASE + WINDOW_SIZE)
#define FRAMES      (WINDOW_END / FRAME_SIZE)

static uint8_t *ram;   /* backs [WINDOW_BASE, WINDOW_END) */
static uint8_t *state; /* one byte per frame from physical 0 */
static struct buddy_link *links;
static struct buddy b;
static const char *last_fault;

static void *to_virt(phys_addr_t frame)
{
    assert_true(frame >= WINDOW_BASE && frame < WINDOW_END); /* never outside its RAM */
    return ram + (frame - WINDOW_BASE);
}

static void fault(const char *what, phys_addr_t frame, unsigned order, const void *caller)
{
    (void)frame, (void)order, (void)caller;
    last_fault = what;
}

static int setup(void **st)
{
    (void)st;
    ram = malloc(WINDOW_SIZE);
    state = malloc(FRAMES);
    links = malloc(FRAMES * sizeof(*links));
    buddy_init(&b, state, links, FRAMES, to_virt, fault);
    buddy_add_range(&b, WINDOW_BASE, WINDOW_SIZE);
    last_fault = NULL;
    return 0;
}

static int teardown(void **st)
{
    (void)st;
    free(ram);
    free(state);
    free(links);
    return 0;
}

static uint64_t free_frames(void)
{
    uint64_t n = 0;
    for (int z = 0; z < FRAME_ZONES; z++)
        n += b.stats.free[z];
    return n;
}

/* How many free blocks of each order the lists hold, walked through the frames themselves. */
static unsigned blocks_of_order(unsigned order)
{
    unsigned n = 0;
    for (int z = 0; z < FRAME_ZONES; z++) {
        for (phys_addr_t f = b.free_list[z][order]; f;
             f = (phys_addr_t)b.links[f >> FRAME_SHIFT].next << FRAME_SHIFT)
            n++;
    }
    return n;
}

static void ranges_become_maximal_blocks_in_their_zones(void **st)
{
    (void)st;
    assert_int_equal(b.stats.total[FRAME_ZONE_DMA32], 8 * MIB / FRAME_SIZE);
    assert_int_equal(b.stats.total[FRAME_ZONE_HIGH], 8 * MIB / FRAME_SIZE);
    assert_int_equal(free_frames(), WINDOW_SIZE / FRAME_SIZE);
    /* 16 MiB of 4 MiB blocks, none merged across the 4 GiB line (which is 4 MiB aligned anyway) */
    assert_int_equal(blocks_of_order(FRAME_ORDERS - 1), 4);
}

static void allocations_are_naturally_aligned_and_zeroed_on_request(void **st)
{
    (void)st;
    for (unsigned order = 0; order < FRAME_ORDERS; order++) {
        phys_addr_t f = buddy_alloc(&b, order, FRAME_ZERO);
        assert_int_not_equal(f, 0);
        assert_int_equal(f % ((uint64_t)FRAME_SIZE << order), 0);
        for (size_t i = 0; i < ((size_t)FRAME_SIZE << order); i++)
            assert_int_equal(((uint8_t *)to_virt(f))[i], 0);
        memset(to_virt(f), 0xa5, (size_t)FRAME_SIZE << order);
    }
}

static void exhausting_and_freeing_everything_coalesces_back(void **st)
{
    (void)st;
    static phys_addr_t got[WINDOW_SIZE / FRAME_SIZE];
    size_t n = 0;
    phys_addr_t f;

    while ((f = buddy_alloc(&b, 0, 0)) != 0) {
        *(uint64_t *)to_virt(f) = f; /* a pattern per frame, checked below */
        got[n++] = f;
    }
    assert_int_equal(n, WINDOW_SIZE / FRAME_SIZE);
    assert_int_equal(free_frames(), 0);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(*(uint64_t *)to_virt(got[i]), got[i]); /* no frame handed out twice */
    for (size_t i = 0; i < n; i++)
        buddy_free(&b, got[(i * 7919) % n], 0, NULL); /* a scrambled order */
    assert_null(last_fault);
    assert_int_equal(free_frames(), WINDOW_SIZE / FRAME_SIZE);
    assert_int_equal(blocks_of_order(FRAME_ORDERS - 1), 4);
    for (unsigned order = 0; order + 1 < FRAME_ORDERS; order++)
        assert_int_equal(blocks_of_order(order), 0);
}

static void below_4g_is_honoured(void **st)
{
    (void)st;
    phys_addr_t high = buddy_alloc(&b, 0, 0), low = buddy_alloc(&b, 0, FRAME_BELOW_4G);

    assert_true(high >= 4 * GIB); /* plain requests leave the scarcer zones alone */
    assert_true(low < 4 * GIB && low >= WINDOW_BASE);
    assert_int_equal(buddy_zone_of(low), FRAME_ZONE_DMA32);
    for (int i = 1; i < 2048; i++) /* the rest of the 8 MiB below 4 GiB */
        assert_int_not_equal(buddy_alloc(&b, 0, FRAME_BELOW_4G), 0);
    assert_int_equal(buddy_alloc(&b, 0, FRAME_BELOW_4G), 0);
    assert_int_not_equal(buddy_alloc(&b, 0, 0), 0);
}

static void refused_frees_name_the_mistake(void **st)
{
    (void)st;
    phys_addr_t f = buddy_alloc(&b, 2, 0);

    buddy_free(&b, f, 1, NULL);
    assert_string_equal(last_fault, "freed with another order than it was allocated with");
    buddy_free(&b, f + FRAME_SIZE, 2, NULL);
    assert_string_equal(last_fault, "not the start of an allocated block");
    buddy_free(&b, f, 2, NULL);
    last_fault = NULL;
    buddy_free(&b, f, 2, NULL);
    assert_string_equal(last_fault, "freed twice (the block is already free)");
    buddy_free(&b, FRAME_SIZE, 0, NULL); /* below the window: never RAM */
    assert_string_equal(last_fault, "never managed by the frame allocator");
    buddy_free(&b, f + 1, 0, NULL);
    assert_string_equal(last_fault, "not a frame address or order");
    assert_int_equal(free_frames(), WINDOW_SIZE / FRAME_SIZE);
}

static void adding_a_range_twice_adds_nothing(void **st)
{
    (void)st;
    buddy_add_range(&b, WINDOW_BASE, WINDOW_SIZE);
    assert_int_equal(free_frames(), WINDOW_SIZE / FRAME_SIZE);
    assert_int_equal(b.stats.total[FRAME_ZONE_HIGH], 8 * MIB / FRAME_SIZE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(ranges_become_maximal_blocks_in_their_zones, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(allocations_are_naturally_aligned_and_zeroed_on_request,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(exhausting_and_freeing_everything_coalesces_back, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(below_4g_is_honoured, setup, teardown),
        cmocka_unit_test_setup_teardown(refused_frees_name_the_mistake, setup, teardown),
        cmocka_unit_test_setup_teardown(adding_a_range_twice_adds_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
