/* SPDX-License-Identifier: MIT */
/* The kernel heap in a test kernel (its HEAP_DEBUG build) on the frame allocator. */
#include "frame.h"
#include "heap.h"
#include "ktest.h"

#include <string.h>

#define STRESS_OPS   1000000
#define STRESS_SLOTS 512

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

/* xorshift64 (Marsaglia 2003): fixed seed, so a failure repeats */
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Sizes as a kernel asks for them: three in four up to 256 bytes, nearly all the rest up to
 * 1100 (past the largest class, in the debug build's 1008), one in 256 up to 64 KiB. */
static size_t random_size(void)
{
    uint64_t r = rng();
    if ((r & 255) == 0)
        return (size_t)(r >> 8) % 65536;
    return (size_t)(r >> 8) % ((r & 3) ? 257 : 1100);
}

struct stress_block {
    unsigned char *p;
    size_t size;
    uint8_t seed;
};

/* The first 16 bytes and the last 16 (after those) carry the block's seed, so an overlap or a lost
 * copy shows. */
static void mark(struct stress_block *b)
{
    for (size_t i = 0; i < b->size && i < 16; i++)
        b->p[i] = (unsigned char)(b->seed + i);
    for (size_t i = b->size > 32 ? b->size - 16 : 16; i < b->size; i++)
        b->p[i] = (unsigned char)(b->seed ^ i);
}

static void check_mark(const struct stress_block *b, size_t size)
{
    for (size_t i = 0; i < size && i < 16; i++)
        KT_ASSERT_EQ((unsigned char)(b->seed + i), b->p[i]);
    for (size_t i = b->size > 32 ? b->size - 16 : 16; i < size; i++)
        KT_ASSERT_EQ((unsigned char)(b->seed ^ i), b->p[i]);
}

static void stress_step(struct stress_block *b, uint64_t op)
{
    op = rng() ^ op;
    if (!b->p) {
        b->size = random_size();
        b->seed = (uint8_t)op;
        size_t align = (op >> 8) % 16 ? HEAP_MIN_ALIGN : (size_t)32 << ((op >> 12) % 8);
        if (align > HEAP_MIN_ALIGN)
            b->p = kmalloc_aligned(b->size, align); /* one in 16: 32 B to 4 KiB alignment */
        else
            b->p = op & 1 ? kmalloc(b->size) : kzalloc(b->size);
        KT_ASSERT(b->p != NULL);
        KT_ASSERT_EQ(0, (uintptr_t)b->p % align);
        mark(b);
    } else if (op % 3) {
        check_mark(b, b->size);
        kfree(b->p);
        b->p = NULL;
    } else {
        size_t size = random_size() + 1;
        unsigned char *p = krealloc(b->p, size);
        KT_ASSERT(p != NULL);
        b->p = p;
        check_mark(b, size < b->size ? size : b->size); /* what both sizes hold survives */
        b->size = size;
        mark(b);
    }
}

/* 10^6 random kmalloc/kzalloc/kmalloc_aligned/krealloc/kfree, every block checked when freed or
 * moved; at the end the heap holds what it held before, counted exactly. */
KTEST(heap_stress_random_operations)
{
    static struct stress_block blocks[STRESS_SLOTS];
    struct heap_stats before = heap_stats();

    for (uint64_t op = 0; op < STRESS_OPS; op++)
        stress_step(&blocks[rng() % STRESS_SLOTS], op);
    for (unsigned i = 0; i < STRESS_SLOTS; i++) {
        if (blocks[i].p) {
            check_mark(&blocks[i], blocks[i].size);
            kfree(blocks[i].p);
            blocks[i].p = NULL;
        }
    }
    struct heap_stats after = heap_stats();
    KT_ASSERT_EQ(before.bytes_live, after.bytes_live);
    KT_ASSERT_EQ(before.large_live, after.large_live);
    KT_ASSERT_EQ(after.allocs - before.allocs, after.frees - before.frees);
    KT_ASSERT(after.allocs - before.allocs >= STRESS_OPS / 4);
    for (unsigned c = 0; c < HEAP_CLASSES; c++)
        KT_ASSERT_EQ(before.classes[c].live, after.classes[c].live);
}

/* Frames free in all zones. */
static uint64_t frames_free(void)
{
    struct frame_stats f = frame_stats();
    uint64_t free = 0;
    for (int z = 0; z < FRAME_ZONES; z++)
        free += f.free[z];
    return free;
}

/* The heap's pages are the frame allocator's: a 64 KiB block takes 32 frames (16, plus one for
 * the debug build's red zone, rounded up to a power of two), and gives them back. */
KTEST(heap_takes_its_pages_from_the_frame_allocator)
{
    uint64_t free0 = frames_free();
    struct heap_stats h0 = heap_stats();
    size_t held0 = h0.pages_held;
    void *p = kmalloc(65536);
    KT_ASSERT(p != NULL);
    memset(p, 0x5a, 65536);
    struct heap_stats h1 = heap_stats();
    KT_ASSERT_EQ(h1.pages_held - held0, free0 - frames_free());
    KT_ASSERT_EQ(32, h1.large_pages - h0.large_pages);
    kfree(p);
    /* what the heap keeps (the table of large blocks) is all that stays taken */
    KT_ASSERT_EQ(free0 - (heap_stats().pages_held - held0), frames_free());
    KT_ASSERT_EQ(h0.large_pages, heap_stats().large_pages);
}

/*
 * Misuse is caught and the panic names the function that called the heap. Each test does more
 * after the bad call, so that the call is not compiled into a jump (which would name the runner).
 */
KTEST_SHOULD_PANIC(heap_double_free_is_caught,
                   "heap: double free*called from heap_double_free_is_caught+0x")
{
    void *p = kmalloc(40);
    kfree(p);
    kfree(p);
    ktest_fail(__FILE__, __LINE__, "the second kfree returned");
}

KTEST_SHOULD_PANIC(heap_invalid_free_is_caught,
                   "heap: invalid free*called from heap_invalid_free_is_caught+0x")
{
    char *p = kmalloc(64);
    kfree(p + 16);
    ktest_fail(__FILE__, __LINE__, "kfree of a pointer inside a block returned");
}

KTEST_SHOULD_PANIC(heap_invalid_free_of_a_page_is_caught,
                   "heap: invalid free*called from heap_invalid_free_of_a_page_is_caught+0x")
{
    char *p = kmalloc(3 * 4096);
    kfree(p + 4096);
    ktest_fail(__FILE__, __LINE__, "kfree of a page inside a large block returned");
}

KTEST_SHOULD_PANIC(heap_red_zone_overwrite_is_caught,
                   "heap: red zone overwritten*(24 bytes), called from "
                   "heap_red_zone_overwrite_is_caught+0x")
{
    unsigned char *p = kmalloc(24);
    p[24] = 0; /* one byte past the end */
    kfree(p);
    ktest_fail(__FILE__, __LINE__, "kfree of an overrun block returned");
}
