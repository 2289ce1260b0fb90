/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the memory map normaliser and the buddy allocator. The first part of the
 * input is a memory map (overlapping, unsorted, any type) checked address by address against the
 * naive definition; the rest is a sequence of allocations and frees checked against a shadow
 * model: no frame handed out twice, contents kept, refused frees exactly where they must be, and
 * freeing everything returns every frame.
 */
#include "buddy.h"
#include "physmem_check.h"

#include <stdlib.h>
#include <string.h>

#define MAX_IN     48
#define MAX_CARVE  4
#define RAM_FRAMES 1024 /* 4 MiB of simulated RAM at 4 MiB */
#define RAM_BASE   (4ULL << 20)
#define LIVE_MAX   256

static uint8_t ram[RAM_FRAMES * FRAME_SIZE];
static uint8_t state[RAM_FRAMES * 2];
static struct buddy_link links[RAM_FRAMES * 2];
static struct buddy b;
static const char *fault_seen;

static void *to_virt(phys_addr_t f)
{
    if (f < RAM_BASE || f >= RAM_BASE + sizeof(ram))
        abort();
    return ram + (f - RAM_BASE);
}

static void on_fault(const char *what, phys_addr_t f, unsigned order, const void *caller)
{
    (void)f, (void)order, (void)caller;
    fault_seen = what;
}

static uint64_t take(const uint8_t **p, size_t *n, unsigned bytes)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < bytes && *n; i++, (*p)++, (*n)--)
        v |= (uint64_t) * *p << (8 * i);
    return v;
}

static void check_map(const uint8_t **data, size_t *size)
{
    static struct memmap_region in[MAX_IN], carve[MAX_CARVE], out[2 * (MAX_IN + MAX_CARVE) + 1];
    static struct memmap_event events[2 * (MAX_IN + MAX_CARVE)];
    size_t n = take(data, size, 1) % MAX_IN, c = take(data, size, 1) % MAX_CARVE;

    for (size_t i = 0; i < n + c; i++) {
        struct memmap_region r = {take(data, size, 2) << 12, take(data, size, 2) << 10,
                                  (uint32_t)take(data, size, 1) % (MEMMAP_TYPES + 3)};
        if (take(data, size, 1) == 0xff)
            r.base = UINT64_MAX - r.base; /* near the top: the 2^64 cut */
        if (i < n)
            in[i] = r;
        else
            carve[i - n] =
                (struct memmap_region){r.base, r.length, 1 + r.type % (MEMMAP_TYPES - 1)};
    }
    bool truncated;
    size_t count = memmap_normalise(in, n, carve, c, events, out, 2 * (n + c) + 1, &truncated);
    if (truncated || map_shape_error(out, count))
        abort();
    for (size_t i = 0; i < n + c; i++) {
        const struct memmap_region *r = i < n ? &in[i] : &carve[i - n];
        uint64_t points[] = {r->base, r->base - 1, r->base + r->length, r->base + r->length - 1};
        for (size_t k = 0; k < 4; k++) {
            if (map_type(out, count, points[k]) != reference_type(in, n, carve, c, points[k]))
                abort();
        }
    }
}

static void check_buddy(const uint8_t *data, size_t size)
{
    static phys_addr_t live[LIVE_MAX];
    static unsigned live_order[LIVE_MAX];
    static uint8_t owner[RAM_FRAMES * 2]; /* shadow: 1 where a frame is allocated */
    size_t nlive = 0;

    buddy_init(&b, state, links, sizeof(state), to_virt, on_fault);
    buddy_add_range(&b, RAM_BASE, take(&data, &size, 2) % (sizeof(ram) + 1));
    memset(owner, 0, sizeof(owner));
    uint64_t total = b.stats.total[FRAME_ZONE_DMA32];
    while (size) {
        unsigned op = (unsigned)take(&data, &size, 1);
        if (op < 128 && nlive < LIVE_MAX) {
            unsigned order = op % 6;
            phys_addr_t f = buddy_alloc(&b, order, 0);
            if (!f)
                continue;
            for (uint64_t i = 0; i < (1u << order); i++) {
                if (owner[(f >> FRAME_SHIFT) + i]++)
                    abort(); /* handed out twice */
            }
            for (uint64_t i = 0; i < (1u << order); i++) /* a tag in every frame of the block */
                *(phys_addr_t *)to_virt(f + i * FRAME_SIZE) = f;
            live_order[nlive] = order;
            live[nlive++] = f;
        } else if (nlive && op < 250) {
            size_t k = op % nlive;
            phys_addr_t f = live[k];
            unsigned order = live_order[k];
            for (uint64_t i = 0; i < (1u << order); i++) {
                if (*(phys_addr_t *)to_virt(f + i * FRAME_SIZE) != f)
                    abort(); /* someone else wrote into it */
            }
            for (uint64_t i = 0; i < (1u << order); i++)
                owner[(f >> FRAME_SHIFT) + i] = 0;
            fault_seen = NULL;
            buddy_free(&b, f, order, NULL);
            if (fault_seen)
                abort();
            live[k] = live[--nlive];
            live_order[k] = live_order[nlive];
            if (op == 249) { /* free it again: must be refused */
                buddy_free(&b, f, order, NULL);
                if (!fault_seen)
                    abort();
            }
        }
    }
    while (nlive--)
        buddy_free(&b, live[nlive], live_order[nlive], NULL);
    if (b.stats.free[FRAME_ZONE_DMA32] != total)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_map(&data, &size);
    check_buddy(data, size);
    return 0;
}
