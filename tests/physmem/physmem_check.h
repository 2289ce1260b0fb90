/* SPDX-License-Identifier: MIT */
/* Shared checks of the host tests and the fuzzer: a normalised map against a naive reference. */
#ifndef PHYSMEM_CHECK_H
#define PHYSMEM_CHECK_H

#include "memmap.h"

/* The type the naive definition gives addr: the strictest loader region covering it, raised by
 * carve-outs, or MEMMAP_TYPES where no loader region does. */
static inline uint32_t reference_type(const struct memmap_region *in, size_t n,
                                      const struct memmap_region *carve, size_t c, uint64_t addr)
{
    uint32_t type = MEMMAP_TYPES;
    for (size_t i = 0; i < n; i++) {
        uint64_t end =
            in[i].length > UINT64_MAX - in[i].base ? UINT64_MAX : in[i].base + in[i].length;
        uint32_t t = in[i].type < MEMMAP_TYPES ? in[i].type : MEMMAP_RESERVED;
        if (addr >= in[i].base && addr < end && (type == MEMMAP_TYPES || t > type))
            type = t;
    }
    if (type == MEMMAP_TYPES)
        return type;
    for (size_t i = 0; i < c; i++) {
        uint64_t end = carve[i].length > UINT64_MAX - carve[i].base
                           ? UINT64_MAX
                           : carve[i].base + carve[i].length;
        if (addr >= carve[i].base && addr < end && carve[i].type > type)
            type = carve[i].type;
    }
    return type;
}

/* The type the normalised map gives addr, MEMMAP_TYPES where it has nothing. */
static inline uint32_t map_type(const struct memmap_region *map, size_t n, uint64_t addr)
{
    for (size_t i = 0; i < n; i++) {
        if (addr >= map[i].base && addr - map[i].base < map[i].length)
            return map[i].type;
    }
    return MEMMAP_TYPES;
}

/* NULL if the map is sorted, without overlaps or empty regions, and merged; else what is wrong. */
static inline const char *map_shape_error(const struct memmap_region *map, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (map[i].length == 0)
            return "empty region";
        if (map[i].type >= MEMMAP_TYPES)
            return "unknown type in the output";
        if (i == 0)
            continue;
        uint64_t prev_end = map[i - 1].base + map[i - 1].length;
        if (map[i].base < prev_end)
            return "regions out of order or overlapping";
        if (map[i].base == prev_end && map[i].type == map[i - 1].type)
            return "adjacent regions of one type not merged";
    }
    return NULL;
}

#endif
