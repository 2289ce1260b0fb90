/* SPDX-License-Identifier: MIT */
/*
 * Benchmark: the kernel heap (release build, the kernel's code-generation flags, pages from
 * aligned_alloc) against glibc's malloc, jemalloc and mimalloc, on the same traces in the same
 * run, as alloc+free pairs per second and ratios; and the heap's fragmentation on each trace.
 * Linked as Debian ships them, jemalloc and mimalloc would each replace malloc for the whole
 * program, glibc's column included: jemalloc is linked from its static library with its symbols
 * renamed (jemalloc_malloc, see meson.build), mimalloc loaded with dlopen and called through
 * dlsym.
 */
#define _GNU_SOURCE
#include "heap_host.h"

#include <dlfcn.h>
#include <gnu/libc-version.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct allocator {
    const char *name;
    void *(*alloc)(size_t);
    void (*free)(void *);
};

#if HAVE_JEMALLOC
void *jemalloc_malloc(size_t size);
void jemalloc_free(void *p);
#define JEMALLOC                                                                                   \
    {                                                                                              \
        "jemalloc", jemalloc_malloc, jemalloc_free                                                 \
    }
#else
#define JEMALLOC                                                                                   \
    {                                                                                              \
        "jemalloc (no libjemalloc-dev)", NULL, NULL                                                \
    }
#endif

enum { CYAN, GLIBC, JEMALLOC_COLUMN, MIMALLOC, ALLOCATORS };
static struct allocator allocators[ALLOCATORS] = {
    {"cyan", kmalloc, kfree},
    {"glibc", malloc, free},
    JEMALLOC,
    {"mimalloc", NULL, NULL},
};

/* An allocator from a shared library, its functions looked up in that library only. */
static void load(struct allocator *a, const char *library, const char *alloc, const char *free)
{
    void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        printf("%s: not loaded (%s): its column is empty\n", a->name, dlerror());
        return;
    }
    a->alloc = (void *(*)(size_t))dlsym(handle, alloc);
    a->free = (void (*)(void *))dlsym(handle, free);
    if (!a->alloc || !a->free || a->alloc == malloc) {
        printf("%s: %s/%s not found in %s: its column is empty\n", a->name, alloc, free, library);
        a->alloc = NULL;
    }
}

/*
 * A trace: `count` allocations of sizes[i], and after each allocation i the free of the block
 * allocated at step frees[i] (or none when frees[i] is NONE). Traces keep LIVE blocks live.
 */
#define LIVE  1000
#define STEPS 100000
#define NONE  ((unsigned)-1)
struct trace {
    const char *name;
    size_t sizes[STEPS];
    unsigned frees[STEPS];
};

static uint64_t rng_state = 0x2545f4914f6cdd1dull;
static uint64_t rng(void) /* xorshift64 (Marsaglia 2003) */
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Small blocks in rounds of LIVE allocations then LIVE frees, in the order `order` says. */
enum order { LIFO, FIFO, RANDOM };
static void small_trace(struct trace *t, enum order order)
{
    static unsigned perm[LIVE];
    for (unsigned i = 0; i < STEPS; i++) {
        t->sizes[i] = 16 + rng() % (512 - 16 + 1);
        t->frees[i] = NONE;
    }
    /* round r allocates steps [r*LIVE, (r+1)*LIVE) and frees them while the next allocates */
    for (unsigned r = 0; r + 1 < STEPS / LIVE; r++) {
        for (unsigned i = 0; i < LIVE; i++)
            perm[i] = order == LIFO ? LIVE - 1 - i : i;
        for (unsigned i = LIVE - 1; order == RANDOM && i > 0; i--) {
            unsigned j = (unsigned)(rng() % (i + 1)), x = perm[i];
            perm[i] = perm[j];
            perm[j] = x;
        }
        for (unsigned i = 0; i < LIVE; i++)
            t->frees[(r + 1) * LIVE + i] = r * LIVE + perm[i];
    }
}

/* Mixed sizes up to 64 KiB (most small, as in a kernel), LIVE live, a random one freed each step.
 */
static void mixed_trace(struct trace *t)
{
    static unsigned live[LIVE];
    for (unsigned i = 0; i < STEPS; i++) {
        uint64_t r = rng();
        unsigned kind = (unsigned)(r % 100);
        t->sizes[i] = kind < 80   ? 16 + (r >> 8) % 497
                      : kind < 95 ? 512 + (r >> 8) % 7681
                                  : 8192 + (r >> 8) % 57345;
        t->frees[i] = NONE;
        if (i < LIVE) {
            live[i] = i;
            continue;
        }
        unsigned slot = (unsigned)((r >> 40) % LIVE);
        t->frees[i] = live[slot];
        live[slot] = i;
    }
}

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

/* Runs the trace once (every block's first byte written, the rest freed at the end): ns. */
static void *blocks[STEPS];
static double run(const struct allocator *a, const struct trace *t)
{
    double start = now_ns();
    for (unsigned i = 0; i < STEPS; i++) {
        unsigned char *p = a->alloc(t->sizes[i]);
        if (!p) {
            fprintf(stderr, "bench_heap: %s failed to allocate %zu bytes\n", a->name, t->sizes[i]);
            exit(1);
        }
        *(volatile unsigned char *)p = 1;
        blocks[i] = p;
        if (t->frees[i] != NONE) {
            a->free(blocks[t->frees[i]]);
            blocks[t->frees[i]] = NULL;
        }
    }
    for (unsigned i = 0; i < STEPS; i++)
        if (blocks[i])
            a->free(blocks[i]);
    memset(blocks, 0, sizeof(blocks));
    return now_ns() - start;
}

/* The heap's pages at their peak over the live bytes (as asked for) at theirs, on one trace. */
static void fragmentation(const struct trace *t, size_t *peak_live, size_t *peak_held)
{
    size_t live = 0;
    *peak_live = *peak_held = 0;
    for (unsigned i = 0; i < STEPS; i++) {
        blocks[i] = kmalloc(t->sizes[i]);
        live += t->sizes[i];
        *peak_live = live > *peak_live ? live : *peak_live;
        size_t held = heap_stats().pages_held * HEAP_PAGE_SIZE;
        *peak_held = held > *peak_held ? held : *peak_held;
        if (t->frees[i] != NONE) {
            kfree(blocks[t->frees[i]]);
            live -= t->sizes[t->frees[i]];
            blocks[t->frees[i]] = NULL;
        }
    }
    for (unsigned i = 0; i < STEPS; i++)
        kfree(blocks[i]);
    memset(blocks, 0, sizeof(blocks));
}

#define REPEATS 25

static void measure(const struct trace *t)
{
    double best[ALLOCATORS];
    for (int k = 0; k < ALLOCATORS; k++)
        best[k] = 1e300;
    for (int r = 0; r < REPEATS; r++) { /* interleaved, so that a change of clock hits all alike */
        for (int k = 0; k < ALLOCATORS; k++) {
            if (!allocators[k].alloc)
                continue;
            double ns = run(&allocators[k], t);
            best[k] = ns < best[k] ? ns : best[k];
        }
    }
    printf("%-22s", t->name);
    double rate[ALLOCATORS];
    for (int k = 0; k < ALLOCATORS; k++) {
        rate[k] = allocators[k].alloc ? STEPS / best[k] * 1e3 : 0; /* million pairs per second */
        if (rate[k] > 0)
            printf(" %9.1f", rate[k]);
        else
            printf(" %9s", "-");
    }
    for (int k = GLIBC; k < ALLOCATORS; k++) {
        if (rate[k] > 0)
            printf(" %10.2fx", rate[CYAN] / rate[k]);
        else
            printf(" %11s", "-");
    }
    printf("\n");
    fflush(stdout);
}

int main(void)
{
    static struct trace traces[4] = {
        {.name = "small 16-512 B, LIFO"},
        {.name = "small 16-512 B, FIFO"},
        {.name = "small 16-512 B, random"},
        {.name = "mixed 16 B-64 KiB"},
    };
    small_trace(&traces[0], LIFO);
    small_trace(&traces[1], FIFO);
    small_trace(&traces[2], RANDOM);
    mixed_trace(&traces[3]);
    load(&allocators[MIMALLOC], "libmimalloc.so.2", "mi_malloc", "mi_free");

    printf("kernel heap benchmark: million alloc+free pairs per second, best of %d runs of %d "
           "allocations with %d live; every block's first byte written; glibc %s\n",
           REPEATS, STEPS, LIVE, gnu_get_libc_version());
    printf("cyan: the kernel heap's release build on the kernel's buddy allocator\n\n");
    printf("%-22s %9s %9s %9s %9s %11s %11s %11s\n", "trace", "cyan", "glibc", "jemalloc",
           "mimalloc", "cyan/glibc", "cyan/jemal.", "cyan/mimal.");
    for (int i = 0; i < 4; i++)
        measure(&traces[i]);

    printf("\nfragmentation of the kernel heap: pages held at the peak over bytes live (as asked "
           "for) at the peak\n\n");
    printf("%-22s %14s %14s %10s\n", "trace", "peak live KiB", "peak held KiB", "held/live");
    for (int i = 0; i < 4; i++) {
        size_t live, held;
        fragmentation(&traces[i], &live, &held);
        printf("%-22s %14zu %14zu %10.2f\n", traces[i].name, live / 1024, held / 1024,
               (double)held / (double)live);
    }
    return 0;
}
