/* SPDX-License-Identifier: MIT */
/* What heap.c (slabs, the kmalloc family) and heap_large.c (page runs) share. */
#ifndef CYAN_HEAP_INTERNAL_H
#define CYAN_HEAP_INTERNAL_H

#include "heap.h"
#include "heap_pages.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * HEAP_DEBUG=1 (the test kernels and host tests) checks every block given back; 0 (the product
 * kernel) checks nothing it would have to spend work on. Every check is an `if (HEAP_DEBUG)`,
 * so both builds compile all the code and the release build drops the checks as dead code.
 */
#ifndef HEAP_DEBUG
#define HEAP_DEBUG 0
#endif

/* Debug builds only: freed memory is filled with POISON_FREE (and checked when handed out again),
 * the bytes between a block's end and its slot's end with POISON_REDZONE (checked on free). */
#define POISON_FREE         0x6b
#define POISON_REDZONE      0xbb
/* A debug small block's slot ends in a tag (requested size, state) after at least this much red
 * zone; a debug large block has at least this much red zone before the end of its run. */
#define DEBUG_REDZONE_MIN   8u
#define DEBUG_TAG_SIZE      8u
#define DEBUG_SMALL_EXTRA   (HEAP_DEBUG ? DEBUG_REDZONE_MIN + DEBUG_TAG_SIZE : 0u)
#define DEBUG_LARGE_REDZONE (HEAP_DEBUG ? DEBUG_REDZONE_MIN : 0u)

/* The largest block kmalloc serves from a slab: the rest of the slot is the debug overhead. */
#define SMALL_LIMIT (HEAP_SMALL_MAX - DEBUG_SMALL_EXTRA)
/* The largest block at all: a run of the largest order, minus the debug red zone. */
#define LARGE_LIMIT (((size_t)HEAP_PAGE_SIZE << HEAP_MAX_ORDER) - DEBUG_LARGE_REDZONE)

/* The statistics, kept up to date by both files (the class sizes are filled in by heap_stats). */
extern struct heap_stats heap_counters;

static inline void count_alloc(size_t bytes)
{
    heap_counters.allocs++;
    heap_counters.bytes_live += bytes;
    if (heap_counters.bytes_live > heap_counters.bytes_peak)
        heap_counters.bytes_peak = heap_counters.bytes_live;
}

static inline void count_free(size_t bytes)
{
    heap_counters.frees++;
    heap_counters.bytes_live -= bytes;
}

/* Pages from the page source, counted in pages_held. */
void *heap_take_pages(unsigned order);
void heap_give_pages(void *pages, unsigned order);

/* Reports misuse (does not return); see heap_pages.h. */
noreturn void heap_fault(const char *what, const void *block, size_t size, uintptr_t caller);
/* Debug builds: whether all n bytes at p are `value`. */
bool heap_all_bytes(const void *p, unsigned char value, size_t n);

/* The smallest order whose run holds size bytes plus the debug red zone. */
unsigned heap_run_order(size_t size);

/* ---- heap_large.c: blocks that are page runs, found through a hash table by address */
struct large_block {
    uintptr_t addr; /* 0: a free table slot */
    uint32_t order;
    uint32_t size; /* bytes asked for */
};

/* A run of at least min_order for size bytes, or NULL. */
void *large_alloc(size_t size, unsigned min_order);
/* The table entry of the large block at p, or NULL if p is not one. */
struct large_block *large_find(const void *p);
void large_free(struct large_block *block, uintptr_t caller);
/* Gives the block a new size if its run suits it (the block stays where it is); else false. */
bool large_resize(struct large_block *block, size_t size, uintptr_t caller);

#endif
