/* SPDX-License-Identifier: MIT */
/* The kernel heap's large blocks: page runs, found through a hash table keyed by address. */
#include "heap_internal.h"

#include <string.h>

/*
 * A large block is a whole run from the page source, its data starting at the run's first byte,
 * so kmalloc(4096) costs one page and kmalloc_aligned gets any alignment up to the run's size for
 * free. Nothing about the block is stored in the run itself: its order and size live in this
 * table (open addressing, linear probing, kept at most half full so that a probe is short).
 * The table's pages come from the page source too, and it doubles when it fills.
 */
static struct {
    struct large_block *slots;
    unsigned order; /* the table is 2^order pages */
    unsigned shift; /* 64 - log2(slot count): the hash keeps the top bits */
    size_t used;
} table;

#define SLOTS_PER_PAGE (HEAP_PAGE_SIZE / sizeof(struct large_block))
#define GOLDEN_RATIO   0x9e3779b97f4a7c15ull /* 2^64 / phi: Fibonacci hashing (Knuth 6.4) */

static size_t slot_count(void)
{
    return table.slots ? SLOTS_PER_PAGE << table.order : 0;
}

static size_t home_slot(uintptr_t addr)
{
    return (size_t)(((uint64_t)(addr >> HEAP_PAGE_SHIFT) * GOLDEN_RATIO) >> table.shift);
}

struct large_block *large_find(const void *p)
{
    if (!table.slots)
        return NULL;
    size_t mask = slot_count() - 1;
    for (size_t i = home_slot((uintptr_t)p);; i = (i + 1) & mask) {
        if (table.slots[i].addr == (uintptr_t)p)
            return &table.slots[i];
        if (table.slots[i].addr == 0)
            return NULL; /* the table always has free slots, so every probe ends */
    }
}

static void insert(struct large_block block)
{
    size_t mask = slot_count() - 1;
    size_t i = home_slot(block.addr);
    while (table.slots[i].addr)
        i = (i + 1) & mask;
    table.slots[i] = block;
    table.used++;
}

/* Room for one more entry, doubling the table if it would be more than half full. */
static bool reserve_slot(void)
{
    if ((table.used + 1) * 2 <= slot_count())
        return true;
    unsigned order = table.slots ? table.order + 1 : 0;
    if (order > HEAP_MAX_ORDER)
        return false;
    struct large_block *slots = heap_take_pages(order);
    if (!slots)
        return false;
    memset(slots, 0, (size_t)HEAP_PAGE_SIZE << order);
    struct large_block *old = table.slots;
    size_t old_count = slot_count();
    unsigned old_order = table.order;
    table.slots = slots;
    table.order = order;
    table.shift = 64 - (unsigned)__builtin_ctzll(SLOTS_PER_PAGE << order);
    table.used = 0;
    for (size_t i = 0; i < old_count; i++)
        if (old[i].addr)
            insert(old[i]);
    if (old)
        heap_give_pages(old, old_order);
    return true;
}

/* Remove an entry, moving later entries of its probe run back so that no probe ends early. */
static void remove_entry(struct large_block *entry)
{
    size_t mask = slot_count() - 1;
    size_t hole = (size_t)(entry - table.slots);
    for (size_t i = (hole + 1) & mask; table.slots[i].addr; i = (i + 1) & mask) {
        size_t home = home_slot(table.slots[i].addr);
        /* the entry at i may fill the hole unless its home lies cyclically in (hole, i] */
        bool stays = hole < i ? (home > hole && home <= i) : (home > hole || home <= i);
        if (!stays) {
            table.slots[hole] = table.slots[i];
            hole = i;
        }
    }
    table.slots[hole].addr = 0;
    table.used--;
}

void *large_alloc(size_t size, unsigned min_order)
{
    unsigned order = heap_run_order(size);
    if (order < min_order)
        order = min_order;
    if (order > HEAP_MAX_ORDER || !reserve_slot())
        return NULL;
    void *run = heap_take_pages(order);
    if (!run)
        return NULL;
    insert((struct large_block){(uintptr_t)run, order, (uint32_t)size});
    if (HEAP_DEBUG)
        memset((char *)run + size, POISON_REDZONE, ((size_t)HEAP_PAGE_SIZE << order) - size);
    heap_counters.large_live++;
    heap_counters.large_pages += (size_t)1 << order;
    count_alloc(size);
    return run;
}

static void debug_check_redzone(const struct large_block *block, uintptr_t caller)
{
    size_t run = (size_t)HEAP_PAGE_SIZE << block->order;
    if (!heap_all_bytes((char *)block->addr + block->size, POISON_REDZONE, run - block->size))
        heap_fault("red zone overwritten (written past the end of the block)", (void *)block->addr,
                   block->size, caller);
}

void large_free(struct large_block *block, uintptr_t caller)
{
    void *run = (void *)block->addr;
    unsigned order = block->order;
    if (HEAP_DEBUG) {
        debug_check_redzone(block, caller);
        memset(run, POISON_FREE, (size_t)HEAP_PAGE_SIZE << order);
    }
    heap_counters.large_live--;
    heap_counters.large_pages -= (size_t)1 << order;
    count_free(block->size);
    remove_entry(block);
    heap_give_pages(run, order);
}

bool large_resize(struct large_block *block, size_t size, uintptr_t caller)
{
    if (HEAP_DEBUG)
        debug_check_redzone(block, caller);
    /* stay in the run while it is the right size or one order too big, and not for a small block */
    unsigned order = heap_run_order(size);
    if (size <= SMALL_LIMIT || size > LARGE_LIMIT || order > block->order ||
        order + 1 < block->order)
        return false;
    if (HEAP_DEBUG && size < block->size)
        memset((char *)block->addr + size, POISON_REDZONE, block->size - size);
    heap_counters.bytes_live = heap_counters.bytes_live - block->size + size;
    if (heap_counters.bytes_live > heap_counters.bytes_peak)
        heap_counters.bytes_peak = heap_counters.bytes_live;
    block->size = (uint32_t)size;
    return true;
}
