/* SPDX-License-Identifier: MIT */
/*
 * The normalised memory map: the loader's regions sorted, with overlaps resolved (the stricter type
 * wins) and neighbours of one type merged, then what the kernel must not hand out carved from the
 * usable RAM. Pure computation on arrays: the host builds it for unit tests and fuzzing.
 */
#ifndef CYAN_MEMMAP_H
#define CYAN_MEMMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Region types, least strict first: where regions overlap, the higher value wins. */
enum memmap_type {
    MEMMAP_USABLE,       /* free RAM: the frame allocator's */
    MEMMAP_LOW,          /* RAM below 1 MiB, kept for real-mode code and firmware leftovers */
    MEMMAP_KERNEL,       /* the kernel image */
    MEMMAP_BOOT_DATA,    /* what the loader handed over: boot information, modules */
    MEMMAP_ALLOCATOR,    /* the frame allocator's own bookkeeping */
    MEMMAP_ACPI_RECLAIM, /* ACPI tables: RAM once the tables are read, which cyan never does */
    MEMMAP_ACPI_NVS,     /* firmware memory that must be preserved across sleep */
    MEMMAP_RESERVED,     /* not RAM, or RAM the firmware keeps (anything the loader did not name) */
    MEMMAP_BAD,          /* RAM the firmware found defective */
    MEMMAP_TYPES
};

struct memmap_region {
    uint64_t base;
    uint64_t length;
    uint32_t type; /* enum memmap_type */
};

/* Where the sweep needs scratch space: two events per input region and carve-out. */
struct memmap_event {
    uint64_t addr;
    uint32_t type;
    int32_t delta; /* +1 where a region starts, -1 past its end */
    bool carve;    /* a carve-out: applies only where the loader reported memory */
};

/*
 * Normalise: every address covered by an input region gets the strictest type of the regions
 * covering it; a carve-out [base, base + length) of type t raises that to t where the loader's
 * type was less strict, and changes nothing where the loader reported nothing. The output is
 * sorted, without overlaps or empty regions, with adjacent regions of one type merged. Regions
 * running past 2^64 are cut there. events must hold 2 * (in_count + carve_count) entries. Returns
 * the number of regions written, at most out_max; *truncated says whether more did not fit.
 */
size_t memmap_normalise(const struct memmap_region *in, size_t in_count,
                        const struct memmap_region *carve, size_t carve_count,
                        struct memmap_event *events, struct memmap_region *out, size_t out_max,
                        bool *truncated);

/* Whether a type is RAM: what the direct map covers, write-back cached. */
bool memmap_is_ram(uint32_t type);
/* Short name for the boot summary and the monitor ("usable", "ACPI reclaimable"...). */
const char *memmap_type_name(uint32_t type);
/* Bytes of type type in a normalised map. */
uint64_t memmap_bytes(const struct memmap_region *map, size_t count, uint32_t type);

#endif
