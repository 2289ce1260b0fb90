/* SPDX-License-Identifier: MIT */
/* Unit tests of the kernel heap on the host (cmocka, under ASan and UBSan), debug or release. */
#define _GNU_SOURCE
#include "heap_host.h"

#include <dlfcn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#ifndef HEAP_DEBUG
#define HEAP_DEBUG 0
#endif
/* what a debug build adds to a small block (red zone and tag) and to a large one (red zone) */
#define SMALL_EXTRA (HEAP_DEBUG ? 16u : 0u)
#define LARGE_EXTRA (HEAP_DEBUG ? 8u : 0u)
#define PAGE        4096u

static const unsigned class_sizes[HEAP_CLASSES] = {
    16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 640, 768, 896, 1024};

/* Every test starts and ends with nothing live, and the page source agrees with the stats. */
static void assert_idle(void)
{
    struct heap_stats s = heap_stats();
    assert_int_equal(s.bytes_live, 0);
    assert_int_equal(s.large_live, 0);
    assert_int_equal(s.large_pages, 0);
    for (int i = 0; i < HEAP_CLASSES; i++)
        assert_int_equal(s.classes[i].live, 0);
    assert_int_equal(s.pages_held, host_pages_outstanding());
}

static int setup(void **state)
{
    (void)state;
    host_pages_set_limit(SIZE_MAX);
    assert_idle();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    assert_idle();
    return 0;
}

static void fill(void *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        ((unsigned char *)p)[i] = (unsigned char)(seed * 31 + i * 7);
}

static int filled(const void *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        if (((const unsigned char *)p)[i] != (unsigned char)(seed * 31 + i * 7))
            return 0;
    return 1;
}

/* The class a small request of n bytes lands in, from the table above. */
static int expected_class(size_t n)
{
    for (int i = 0; i < HEAP_CLASSES; i++)
        if (class_sizes[i] >= n + SMALL_EXTRA)
            return i;
    return -1;
}

static void class_sizes_are_reported(void **state)
{
    (void)state;
    struct heap_stats s = heap_stats();
    for (int i = 0; i < HEAP_CLASSES; i++)
        assert_int_equal(s.classes[i].size, class_sizes[i]);
}

/* Every small size lands in the smallest class that holds it, and counts there. */
static void each_size_lands_in_its_class(void **state)
{
    (void)state;
    for (size_t n = 0; n + SMALL_EXTRA <= HEAP_SMALL_MAX; n++) {
        int c = expected_class(n);
        uint32_t before = heap_stats().classes[c].live;
        void *p = kmalloc(n);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % HEAP_MIN_ALIGN, 0);
        assert_int_equal(heap_stats().classes[c].live, before + 1);
        assert_int_equal(heap_stats().bytes_live, class_sizes[c]);
        fill(p, n, (unsigned)n);
        kfree(p);
    }
}

/* Large blocks are page runs of the smallest order that holds them. */
static void large_blocks_are_page_runs(void **state)
{
    (void)state;
    static const size_t sizes[] = {HEAP_SMALL_MAX + 1, 4096, 4097, 12288, 65536, 1u << 22};
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        size_t n = sizes[i] - (sizes[i] == (1u << 22) ? LARGE_EXTRA : 0);
        size_t pages = 1;
        while (pages * PAGE < n + LARGE_EXTRA)
            pages *= 2;
        void *p = kmalloc(n);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % PAGE, 0);
        struct heap_stats s = heap_stats();
        assert_int_equal(s.large_live, 1);
        assert_int_equal(s.large_pages, pages);
        assert_int_equal(s.bytes_live, n);
        fill(p, n, 3);
        assert_true(filled(p, n, 3));
        kfree(p);
    }
}

static void too_large_fails(void **state)
{
    (void)state;
    uint64_t failures = heap_stats().failures;
    assert_null(kmalloc(((size_t)PAGE << 10) - LARGE_EXTRA + 1));
    assert_null(kmalloc(SIZE_MAX));
    assert_null(krealloc(NULL, SIZE_MAX));
    assert_int_equal(heap_stats().failures, failures + 3);
}

/* Many blocks of many sizes at once: none overlaps another, each keeps what was written. */
static void live_blocks_do_not_overlap(void **state)
{
    (void)state;
    enum { N = 3000 };
    static void *blocks[N];
    static size_t sizes[N];
    srand(1);
    for (unsigned i = 0; i < N; i++) {
        sizes[i] = (size_t)rand() % (i % 10 == 0 ? 70000 : 1100);
        blocks[i] = kmalloc(sizes[i]);
        assert_non_null(blocks[i]);
        fill(blocks[i], sizes[i], i);
    }
    for (unsigned i = 0; i < N; i++) {
        assert_true(filled(blocks[i], sizes[i], i));
        kfree(blocks[i]);
    }
}

static void kzalloc_and_kcalloc_zero(void **state)
{
    (void)state;
    for (size_t n = 1; n < 9000; n += 997) {
        void *dirty = kmalloc(n);
        memset(dirty, 0xff, n);
        kfree(dirty);
        unsigned char *z = kzalloc(n);
        unsigned char *c = kcalloc(n, 3);
        assert_non_null(z);
        assert_non_null(c);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(z[i], 0);
        for (size_t i = 0; i < 3 * n; i++)
            assert_int_equal(c[i], 0);
        kfree(z);
        kfree(c);
    }
}

static void kcalloc_overflow_fails(void **state)
{
    (void)state;
    uint64_t failures = heap_stats().failures;
    assert_null(kcalloc(SIZE_MAX / 2 + 1, 2));
    assert_null(kcalloc(2, SIZE_MAX / 2 + 1));
    assert_null(kcalloc((size_t)1 << 32, (size_t)1 << 32));
    assert_int_equal(heap_stats().failures, failures + 3);
    void *p = kcalloc(0, 5);
    assert_non_null(p);
    kfree(p);
}

static void kmalloc_aligned_aligns(void **state)
{
    (void)state;
    static const size_t sizes[] = {1, 100, 1000, 5000, 70000};
    for (size_t align = 1; align <= HEAP_MAX_ALIGN; align *= 2) {
        for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
            void *p = kmalloc_aligned(sizes[i], align);
            assert_non_null(p);
            assert_int_equal((uintptr_t)p % align, 0);
            fill(p, sizes[i], 9);
            void *q = krealloc(p, sizes[i] + 1); /* an aligned block is an ordinary one */
            assert_non_null(q);
            assert_true(filled(q, sizes[i], 9));
            kfree(q);
        }
    }
    /* small alignments come from the power-of-two classes, not from whole pages */
    void *p = kmalloc_aligned(100, 128);
    assert_int_equal(heap_stats().large_live, 0);
    kfree(p);
}

static void kmalloc_aligned_rejects_bad_alignment(void **state)
{
    (void)state;
    assert_null(kmalloc_aligned(64, 0));
    assert_null(kmalloc_aligned(64, 3));
    assert_null(kmalloc_aligned(64, 48));
    assert_null(kmalloc_aligned(64, HEAP_MAX_ALIGN * 2));
    assert_null(kmalloc_aligned(SIZE_MAX, 64));
}

/* krealloc keeps the contents, growing and shrinking, small and large. */
static void krealloc_keeps_contents(void **state)
{
    (void)state;
    static const size_t steps[] = {1, 17, 100, 128, 1000, 1024, 3000, 5000, 65536, 300000, 70, 3};
    size_t size = 10;
    unsigned char *p = kmalloc(size);
    fill(p, size, 5);
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        unsigned char *q = krealloc(p, steps[i]);
        assert_non_null(q);
        size_t kept = size < steps[i] ? size : steps[i];
        assert_true(filled(q, kept, 5));
        fill(q, steps[i], 5);
        p = q;
        size = steps[i];
    }
    assert_null(krealloc(p, 0));
}

static void krealloc_in_place_within_a_class(void **state)
{
    (void)state;
    void *p = kmalloc(100);
    assert_ptr_equal(krealloc(p, 110 - SMALL_EXTRA), p);
    assert_ptr_equal(krealloc(p, 90), p);
    void *big = kmalloc(5000);
    assert_ptr_equal(krealloc(big, 8000), big);
    kfree(big);
    kfree(p);
}

/* A failed krealloc leaves the old block as it was; a failed kmalloc changes nothing. */
static void exhaustion_fails_cleanly(void **state)
{
    (void)state;
    void *p = kmalloc(200);
    fill(p, 200, 7);
    void *large = kmalloc(5000);
    host_pages_set_limit(host_pages_outstanding());
    struct heap_stats before = heap_stats();
    assert_null(krealloc(p, 100000));
    assert_null(kmalloc(100000));
    assert_null(kmalloc_aligned(10, 8192));
    struct heap_stats after = heap_stats();
    assert_int_equal(after.failures, before.failures + 3);
    assert_int_equal(after.bytes_live, before.bytes_live);
    assert_int_equal(after.pages_held, before.pages_held);
    assert_true(filled(p, 200, 7));
    host_pages_set_limit(SIZE_MAX);
    kfree(large);
    kfree(p);
}

/* More large blocks than one table page holds, freed in an order unlike allocation's. */
static void many_large_blocks(void **state)
{
    (void)state;
    enum { N = 700 };
    static void *blocks[N];
    for (unsigned i = 0; i < N; i++) {
        blocks[i] = kmalloc(2000 + (i % 5) * 4096);
        fill(blocks[i], 2000, i);
    }
    assert_int_equal(heap_stats().large_live, N);
    for (unsigned k = 0; k < N; k++) {
        unsigned i = (k * 397) % N; /* 397 is prime to N: every block once */
        assert_true(filled(blocks[i], 2000, i));
        kfree(blocks[i]);
    }
}

static void stats_count_exactly(void **state)
{
    (void)state;
    struct heap_stats s0 = heap_stats();
    void *a = kmalloc(10);   /* class 16 (32 in debug) */
    void *b = kmalloc(5000); /* large: 5000 bytes */
    struct heap_stats s1 = heap_stats();
    assert_int_equal(s1.bytes_live, class_sizes[expected_class(10)] + 5000);
    assert_int_equal(s1.allocs, s0.allocs + 2);
    kfree(a);
    kfree(b);
    struct heap_stats s2 = heap_stats();
    assert_int_equal(s2.frees, s0.frees + 2);
    assert_true(s2.bytes_peak >= s1.bytes_live);
    assert_true(s2.pages_peak >= s1.pages_held);
    kfree(NULL);
}

/* Fault tests: the heap reports, names the caller (a function of this file), and carries on. */
#define EXPECT_FAULT(statement, text)                                                              \
    do {                                                                                           \
        jmp_buf catcher;                                                                           \
        fault_catcher = &catcher;                                                                  \
        if (setjmp(catcher) == 0) {                                                                \
            statement;                                                                             \
            fault_catcher = NULL;                                                                  \
            fail_msg("no fault from %s", #statement);                                              \
        }                                                                                          \
        fault_catcher = NULL;                                                                      \
        if (!strstr(last_fault.what, text))                                                        \
            fail_msg("fault \"%s\", expected \"%s\"", last_fault.what, text);                      \
    } while (0)

/* The function the return address in the last fault lies in. */
static const char *fault_caller(void)
{
    Dl_info info;
    if (!dladdr((void *)(last_fault.caller - 1), &info) || !info.dli_sname)
        return "?";
    return info.dli_sname;
}

/*
 * Named callers (exported for dladdr), kept out of line so that each is its own frame; the empty
 * asm after the call keeps it from becoming a jump, which would leave the test as the caller.
 */
__attribute__((noinline)) void free_from_caller(void *p);
__attribute__((noinline)) void free_from_caller(void *p)
{
    kfree(p);
    __asm__ volatile("");
}
__attribute__((noinline)) void *alloc_from_caller(size_t n);
__attribute__((noinline)) void *alloc_from_caller(size_t n)
{
    void *p = kmalloc(n);
    __asm__ volatile("");
    return p;
}

/* Page-aligned pointers go through the table of large blocks, in release builds too. */
static void free_of_an_unknown_page_is_invalid(void **state)
{
    (void)state;
    char *p = kmalloc(3 * PAGE);
    EXPECT_FAULT(free_from_caller(p + PAGE), "invalid free");
    assert_string_equal(fault_caller(), "free_from_caller");
    kfree(p);
    EXPECT_FAULT(free_from_caller(p), "invalid free");
}

/* What only the debug build checks. */
#if HEAP_DEBUG
static void double_free_names_the_caller(void **state)
{
    (void)state;
    void *p = kmalloc(40);
    kfree(p);
    EXPECT_FAULT(free_from_caller(p), "double free");
    assert_ptr_equal(last_fault.block, p);
    assert_string_equal(fault_caller(), "free_from_caller");
}

static void free_inside_a_small_block_is_invalid(void **state)
{
    (void)state;
    char *p = kmalloc(64);
    EXPECT_FAULT(free_from_caller(p + 16), "invalid free");
    assert_string_equal(fault_caller(), "free_from_caller");
    kfree(p);
}

static void small_red_zone_overwrite_is_caught(void **state)
{
    (void)state;
    unsigned char *p = kmalloc(24);
    p[24] ^= 1;
    EXPECT_FAULT(free_from_caller(p), "red zone overwritten");
    assert_int_equal(last_fault.size, 24);
    assert_string_equal(fault_caller(), "free_from_caller");
    p[24] ^= 1;
    kfree(p);
}

static void large_red_zone_overwrite_is_caught(void **state)
{
    (void)state;
    unsigned char *p = kmalloc(5000);
    p[8191] ^= 1;
    EXPECT_FAULT(free_from_caller(p), "red zone overwritten");
    assert_int_equal(last_fault.size, 5000);
    p[8191] ^= 1;
    p[5000] ^= 1;
    EXPECT_FAULT(krealloc(p, 6000), "red zone overwritten");
    p[5000] ^= 1;
    kfree(p);
}

static void freed_blocks_are_poisoned(void **state)
{
    (void)state;
    unsigned char *p = kmalloc(100);
    memset(p, 0, 100);
    kfree(p);
    for (size_t i = sizeof(void *); i < 100; i++)
        assert_int_equal(p[i], 0x6b);
}

static void write_after_free_is_caught(void **state)
{
    (void)state;
    unsigned char *p = kmalloc(40);
    kfree(p);
    p[20] ^= 1;
    EXPECT_FAULT(alloc_from_caller(40), "write after free");
    assert_ptr_equal(last_fault.block, p);
    assert_string_equal(fault_caller(), "alloc_from_caller");
    p[20] ^= 1;
    kfree(kmalloc(40));
}

static void corrupt_free_list_is_caught(void **state)
{
    (void)state;
    void **p = kmalloc(40);
    kfree(p);
    void *next = *p;
    assert_non_null(next);
    *p = (char *)next + 8; /* the link inside the freed block now points between blocks */
    assert_ptr_equal(kmalloc(40), p);
    EXPECT_FAULT(alloc_from_caller(40), "free list corrupted");
    assert_string_equal(fault_caller(), "alloc_from_caller");
    kfree(p); /* p is the head again, and its link can be mended */
    *p = next;
}

#endif

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(class_sizes_are_reported),
        TEST(each_size_lands_in_its_class),
        TEST(large_blocks_are_page_runs),
        TEST(too_large_fails),
        TEST(live_blocks_do_not_overlap),
        TEST(kzalloc_and_kcalloc_zero),
        TEST(kcalloc_overflow_fails),
        TEST(kmalloc_aligned_aligns),
        TEST(kmalloc_aligned_rejects_bad_alignment),
        TEST(krealloc_keeps_contents),
        TEST(krealloc_in_place_within_a_class),
        TEST(exhaustion_fails_cleanly),
        TEST(many_large_blocks),
        TEST(stats_count_exactly),
        TEST(free_of_an_unknown_page_is_invalid),
#if HEAP_DEBUG
        TEST(double_free_names_the_caller),
        TEST(free_inside_a_small_block_is_invalid),
        TEST(small_red_zone_overwrite_is_caught),
        TEST(large_red_zone_overwrite_is_caught),
        TEST(freed_blocks_are_poisoned),
        TEST(write_after_free_is_caught),
        TEST(corrupt_free_list_is_caught),
#endif
    };
    return cmocka_run_group_tests_name(HEAP_DEBUG ? "heap (debug)" : "heap (release)", tests, NULL,
                                       NULL);
}
