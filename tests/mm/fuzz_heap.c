/* SPDX-License-Identifier: MIT */
/*
 * Differential fuzzing of the kernel heap (debug build) against a shadow model: each input is a
 * sequence of kmalloc/kzalloc/kcalloc/kmalloc_aligned/krealloc/kfree calls and page-source
 * limits. After every call: no two live blocks overlap, every block is aligned as asked, keeps
 * what was written into it (through krealloc too), and the statistics equal the model's counts.
 */
#include "heap_host.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS       64
#define SMALL_EXTRA 16u /* debug build: red zone and tag */
#define LARGE_EXTRA 8u
#define PAGE        4096u

static const unsigned class_sizes[HEAP_CLASSES] = {
    16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 640, 768, 896, 1024};

struct shadow {
    unsigned char *p; /* NULL: slot empty */
    size_t size;
    unsigned seed;
    int cls;        /* size class, or -1 for a page run */
    unsigned order; /* page runs */
};
static struct shadow slots[SLOTS];
static unsigned seed_counter;
static int limited; /* whether the page source has a limit now: only then may allocation fail */

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz_heap: %s:%d: %s\n", __FILE__, __LINE__, #cond);                  \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static unsigned char pattern(unsigned seed, size_t i)
{
    return (unsigned char)(seed * 151 + i * 13 + (i >> 8));
}

/*
 * The bytes of an n-byte block that are written and checked: the first and last EDGE, and one in
 * every STRIDE between (all of them would make large blocks too slow to fuzz).
 */
#define EDGE   256
#define STRIDE 509
static size_t next_index(size_t i, size_t n)
{
    return i + 1 < EDGE || i + 1 >= n - (n < EDGE ? n : EDGE) ? i + 1 : i + STRIDE;
}

static void fill(struct shadow *s)
{
    s->seed = ++seed_counter;
    for (size_t i = 0; i < s->size; i = next_index(i, s->size))
        s->p[i] = pattern(s->seed, i);
}

/* The first n bytes of the block hold what fill wrote into its first n (of old_size). */
static void check_kept(const unsigned char *p, unsigned seed, size_t old_size, size_t n)
{
    for (size_t i = 0; i < n; i = next_index(i, old_size))
        CHECK(p[i] == pattern(seed, i));
}

static void check_contents(const struct shadow *s, size_t n)
{
    check_kept(s->p, s->seed, s->size, n);
}

/* How big a block of the slot's class (or run) is: where it may not overlap another. */
static size_t extent(const struct shadow *s)
{
    return s->cls >= 0 ? class_sizes[s->cls] : (size_t)PAGE << s->order;
}

/* Which class or run the heap must have put a new block of size n (aligned to align) in. */
static void classify(struct shadow *s, size_t n, size_t align)
{
    s->cls = -1;
    for (int c = 0; c < HEAP_CLASSES && n + SMALL_EXTRA <= HEAP_SMALL_MAX; c++)
        if (class_sizes[c] >= n + SMALL_EXTRA && class_sizes[c] >= align &&
            (class_sizes[c] & -class_sizes[c]) >= align && align <= HEAP_SMALL_MAX) {
            s->cls = c;
            break;
        }
    s->order = 0;
    while (((size_t)PAGE << s->order) < n + LARGE_EXTRA || ((size_t)PAGE << s->order) < align)
        s->order++;
}

/* The statistics and the page source agree with the model. */
static void check_counts(void)
{
    struct heap_stats st = heap_stats();
    size_t bytes = 0, large = 0, large_pages = 0;
    uint32_t live[HEAP_CLASSES] = {0};
    for (int i = 0; i < SLOTS; i++) {
        if (!slots[i].p)
            continue;
        if (slots[i].cls >= 0) {
            live[slots[i].cls]++;
            bytes += class_sizes[slots[i].cls];
        } else {
            large++;
            large_pages += (size_t)1 << slots[i].order;
            bytes += slots[i].size;
        }
    }
    CHECK(st.bytes_live == bytes);
    CHECK(st.large_live == large);
    CHECK(st.large_pages == large_pages);
    for (int c = 0; c < HEAP_CLASSES; c++)
        CHECK(st.classes[c].live == live[c]);
    CHECK(st.pages_held == host_pages_outstanding());
    CHECK(st.bytes_peak >= st.bytes_live && st.pages_peak >= st.pages_held);
}

/* A new block: aligned, inside its class's slot or its run, overlapping no other live block. */
static void check_placement(int slot, size_t align)
{
    const struct shadow *s = &slots[slot];
    CHECK((uintptr_t)s->p % align == 0);
    CHECK(s->cls >= 0 ? (uintptr_t)s->p % PAGE != 0 : (uintptr_t)s->p % PAGE == 0);
    for (int i = 0; i < SLOTS; i++) {
        if (i == slot || !slots[i].p)
            continue;
        uintptr_t a = (uintptr_t)s->p, b = (uintptr_t)slots[i].p;
        CHECK(a + extent(s) <= b || b + extent(&slots[i]) <= a);
    }
}

/* Input bytes, read one at a time; past the end everything reads as zero. */
struct input {
    const uint8_t *data;
    size_t size, at;
};

static unsigned next_byte(struct input *in)
{
    return in->at < in->size ? in->data[in->at++] : 0;
}

/* Mostly small sizes, some up to 20 KB, a few up to 300 KB, rarely the largest run. */
static size_t next_size(struct input *in)
{
    unsigned v = next_byte(in) | next_byte(in) << 8 | next_byte(in) << 16;
    switch (v >> 22) {
    case 0:
    case 1:
        return v % 1100;
    case 2:
        return v % 9000;
    default:
        if ((v & 0xff) == 0xff)
            return ((size_t)PAGE << HEAP_MAX_ORDER) - (v >> 8 & 15);
        return (v & 7) == 0 ? v % 300000 : v % 20000;
    }
}

static void do_alloc(int slot, unsigned kind, size_t size, size_t align)
{
    struct shadow *s = &slots[slot];
    size_t count = 1 + kind % 4;
    struct heap_stats before = heap_stats();
    switch (kind % 4) {
    case 0:
        s->p = kmalloc(size);
        break;
    case 1:
        s->p = kzalloc(size);
        break;
    case 2:
        size /= count;
        s->p = kcalloc(count, size);
        size *= count;
        break;
    default:
        s->p = kmalloc_aligned(size, align);
    }
    if (kind % 4 != 3)
        align = HEAP_MIN_ALIGN;
    classify(s, size, align);
    if (!s->p) {
        struct heap_stats after = heap_stats();
        CHECK(after.failures == before.failures + 1 && after.bytes_live == before.bytes_live);
        CHECK(limited || s->order > HEAP_MAX_ORDER || align > HEAP_MAX_ALIGN);
        return;
    }
    CHECK(s->order <= HEAP_MAX_ORDER);
    s->size = size;
    if (kind % 4 == 1 || kind % 4 == 2)
        for (size_t i = 0; i < size; i = next_index(i, size))
            CHECK(s->p[i] == 0);
    check_placement(slot, align);
    fill(s);
}

static void do_realloc(int slot, size_t size)
{
    struct shadow *s = &slots[slot];
    struct shadow old = *s;
    unsigned char *p = krealloc(s->p, size);
    if (size == 0) {
        CHECK(p == NULL);
        s->p = NULL;
        return;
    }
    if (!p) { /* the old block is untouched */
        CHECK(limited || size + LARGE_EXTRA > ((size_t)PAGE << HEAP_MAX_ORDER));
        check_contents(s, s->size);
        return;
    }
    s->p = p;
    s->size = size;
    if (p != old.p) {
        classify(s, size, HEAP_MIN_ALIGN);
    } else if (old.cls >= 0) { /* in place: the slot must hold the new size */
        CHECK(size + SMALL_EXTRA <= class_sizes[old.cls]);
    } else {
        CHECK(size + LARGE_EXTRA <= ((size_t)PAGE << old.order));
    }
    size_t kept = old.size < size ? old.size : size;
    check_kept(p, old.seed, old.size, kept);
    if (p != old.p)
        check_placement(slot, HEAP_MIN_ALIGN);
    fill(s);
}

static void free_all(void)
{
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].p) {
            check_contents(&slots[i], slots[i].size);
            kfree(slots[i].p);
            slots[i].p = NULL;
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct input in = {data, size, 0};
    while (in.at < in.size) {
        unsigned op = next_byte(&in);
        int slot = (int)(next_byte(&in) % SLOTS);
        struct shadow *s = &slots[slot];
        if (op < 0xf0 && op % 3 != 2 && !s->p) {
            /* alignments mostly up to 32 KiB, sometimes up to twice the largest */
            unsigned a = next_byte(&in);
            size_t align = (size_t)1 << (a < 0xf0 ? a % 16 : 16 + a % 8);
            do_alloc(slot, op >> 2, next_size(&in), align);
        } else if (op < 0xf0 && op % 3 == 1 && s->p) {
            check_contents(s, s->size);
            kfree(s->p);
            s->p = NULL;
        } else if (op < 0xf0 && s->p) {
            do_realloc(slot, next_size(&in));
        } else if (op >= 0xf0) {
            /* the frame allocator running out: a few more pages at most, then none */
            limited = op != 0xff;
            host_pages_set_limit(limited ? host_pages_outstanding() + op % 8 : SIZE_MAX);
        }
        check_counts();
    }
    limited = 0;
    host_pages_set_limit(SIZE_MAX);
    free_all();
    check_counts();
    return 0;
}
