/* SPDX-License-Identifier: MIT */
/* Memory start-up: the normalised memory map, the frame allocator and the kernel's page tables. */
#ifndef CYAN_MM_H
#define CYAN_MM_H

#include "boot_info.h"
#include "memmap.h"

#include <arch/paging.h>

/*
 * Normalise the loader's memory map, carve out what must not be handed out (low 1 MiB, kernel
 * image, the loader's boot data, the allocator's bookkeeping), start the frame allocator, build
 * and load the kernel's page tables (all RAM in the direct map, plus devices), then give the
 * allocator the RAM above 4 GiB. magic and boot_info_phys are the loader's, for its boot data.
 * NULL, or what went wrong.
 */
const char *memory_init(const struct boot_info *info, uint32_t magic, phys_addr_t boot_info_phys,
                        const struct device_range *devices, size_t device_count);
/* MEMORY_LOW_RUN bytes of RAM below 1 MiB that memory_init found unused by firmware, loader
 * and kernel, page-aligned (for the AP trampoline); 0 if there were none. */
#define MEMORY_LOW_RUN 0x5000
phys_addr_t memory_low_run(void);
/* The normalised memory map, as memory_init left it. */
const struct memmap_region *memory_map(size_t *count);

/* The frame allocator's start-up (frame.c): bookkeeping for frames [0, frames) in
 * frame_bookkeeping_bytes(frames) bytes, then RAM. */
uint64_t frame_bookkeeping_bytes(uint64_t frames);
void frame_init(void *bookkeeping, uint64_t frames);
void frame_add_range(phys_addr_t base, uint64_t length);

#endif
