/* SPDX-License-Identifier: MIT */
/*
 * Memory map normalisation as one sweep over sorted region boundaries: O(n log n) in the number
 * of regions, whatever their overlaps, so a firmware map of thousands of fragments costs
 * milliseconds, not a quadratic walk.
 */
#include "memmap.h"

static const char *const type_names[MEMMAP_TYPES] = {
    [MEMMAP_USABLE] = "usable",
    [MEMMAP_LOW] = "low memory",
    [MEMMAP_KERNEL] = "kernel",
    [MEMMAP_BOOT_DATA] = "boot data",
    [MEMMAP_ALLOCATOR] = "frame allocator",
    [MEMMAP_ACPI_RECLAIM] = "ACPI reclaimable",
    [MEMMAP_ACPI_NVS] = "ACPI NVS",
    [MEMMAP_RESERVED] = "reserved",
    [MEMMAP_BAD] = "bad",
};

const char *memmap_type_name(uint32_t type)
{
    return type < MEMMAP_TYPES ? type_names[type] : "unknown";
}

bool memmap_is_ram(uint32_t type)
{
    return type < MEMMAP_RESERVED;
}

uint64_t memmap_bytes(const struct memmap_region *map, size_t count, uint32_t type)
{
    uint64_t total = 0;

    for (size_t i = 0; i < count; i++)
        total += map[i].type == type ? map[i].length : 0;
    return total;
}

/* Events by address; at one address, ends before starts (so [a, b) and [b, c) touch, not
 * overlap). Any order of equal events gives the same sweep. */
static bool before(const struct memmap_event *a, const struct memmap_event *b)
{
    return a->addr < b->addr || (a->addr == b->addr && a->delta < b->delta);
}

static void sift_down(struct memmap_event *e, size_t root, size_t n)
{
    for (size_t child; (child = 2 * root + 1) < n; root = child) {
        if (child + 1 < n && before(&e[child], &e[child + 1]))
            child++;
        if (!before(&e[root], &e[child]))
            return;
        struct memmap_event t = e[root];
        e[root] = e[child];
        e[child] = t;
    }
}

/* Heapsort: in place, O(n log n) at worst, no recursion on the kernel stack. */
static void sort_events(struct memmap_event *e, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        sift_down(e, i, n);
    for (size_t end = n; end-- > 1;) {
        struct memmap_event t = e[0];
        e[0] = e[end];
        e[end] = t;
        sift_down(e, 0, end);
    }
}

static size_t add_events(struct memmap_event *e, const struct memmap_region *r, size_t count,
                         bool carve)
{
    size_t n = 0;

    for (size_t i = 0; i < count; i++) {
        uint32_t type = r[i].type < MEMMAP_TYPES ? r[i].type : MEMMAP_RESERVED;
        uint64_t end = r[i].length > UINT64_MAX - r[i].base ? UINT64_MAX : r[i].base + r[i].length;
        if (end == r[i].base)
            continue;
        e[n++] = (struct memmap_event){r[i].base, type, +1, carve};
        e[n++] = (struct memmap_event){end, type, -1, carve};
    }
    return n;
}

/* The strictest type with a region open, or MEMMAP_TYPES where only carve-outs (or nothing) are. */
static uint32_t effective_type(const uint32_t open[MEMMAP_TYPES],
                               const uint32_t carve[MEMMAP_TYPES], uint32_t loader_open)
{
    if (loader_open == 0)
        return MEMMAP_TYPES;
    for (uint32_t t = MEMMAP_TYPES; t-- > 0;) {
        if (open[t] || carve[t])
            return t;
    }
    return MEMMAP_TYPES;
}

/* Append [base, end) of type to out, merging with the last region when they touch. */
static void emit(struct memmap_region *out, size_t *n, size_t max, bool *truncated, uint64_t base,
                 uint64_t end, uint32_t type)
{
    if (type == MEMMAP_TYPES || base == end)
        return;
    struct memmap_region *last = *n ? &out[*n - 1] : NULL;
    if (last && last->type == type && last->base + last->length == base) {
        last->length += end - base;
    } else if (*n < max) {
        out[(*n)++] = (struct memmap_region){base, end - base, type};
    } else {
        *truncated = true;
    }
}

size_t memmap_normalise(const struct memmap_region *in, size_t in_count,
                        const struct memmap_region *carve, size_t carve_count,
                        struct memmap_event *events, struct memmap_region *out, size_t out_max,
                        bool *truncated)
{
    uint32_t open[MEMMAP_TYPES] = {0}, carve_open[MEMMAP_TYPES] = {0}, loader_open = 0;
    size_t n = add_events(events, in, in_count, false);
    size_t count = 0;

    n += add_events(events + n, carve, carve_count, true);
    sort_events(events, n);
    *truncated = false;
    for (size_t i = 0; i < n; i++) {
        /* the type that held since the previous boundary, up to this one */
        if (i > 0)
            emit(out, &count, out_max, truncated, events[i - 1].addr, events[i].addr,
                 effective_type(open, carve_open, loader_open));
        uint32_t *counter = events[i].carve ? &carve_open[events[i].type] : &open[events[i].type];
        *counter += (uint32_t)events[i].delta;
        loader_open += events[i].carve ? 0 : (uint32_t)events[i].delta;
    }
    return count;
}
