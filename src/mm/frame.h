/* SPDX-License-Identifier: MIT */
/*
 * The physical frame allocator: 4 KiB frames and naturally aligned runs of 2^order of them, from
 * the RAM the normalised memory map calls usable (a binary buddy allocator, see buddy.h).
 */
#ifndef CYAN_FRAME_H
#define CYAN_FRAME_H

#include <arch/types.h>
#include <stdbool.h>
#include <stdint.h>

#define FRAME_SIZE   4096u
#define FRAME_SHIFT  12
#define FRAME_ORDERS 11 /* orders 0-10: runs of 4 KiB up to 4 MiB */

/* Zones: where a frame lies decides which devices and which CPU modes can reach it. */
enum frame_zone {
    FRAME_ZONE_LOW,   /* below 1 MiB: real-mode code (an AP's start-up trampoline) */
    FRAME_ZONE_DMA32, /* 1 MiB to 4 GiB: devices with 32-bit addresses */
    FRAME_ZONE_HIGH,  /* 4 GiB and above */
    FRAME_ZONES
};

/* Flags for frame_alloc */
#define FRAME_ZERO     (1u << 0) /* fill the run with zeros before returning it */
#define FRAME_BELOW_4G (1u << 1) /* only from FRAME_ZONE_LOW or FRAME_ZONE_DMA32 */

struct frame_stats {
    uint64_t free[FRAME_ZONES];  /* frames free now */
    uint64_t total[FRAME_ZONES]; /* frames ever handed to the allocator */
};

/*
 * A naturally aligned run of 2^order frames (its physical address), or 0 if none is free (the
 * frame at physical 0 is never usable, so 0 can mean "none"). Any context; takes the allocator's
 * lock with interrupts off.
 */
phys_addr_t frame_alloc(unsigned order, unsigned flags);
/* Give back a run frame_alloc returned, with the same order. A run that is not allocated (freed
 * twice, never allocated, wrong order) stops the kernel with a panic naming the frame and the
 * caller. */
void frame_free(phys_addr_t frame, unsigned order);
struct frame_stats frame_stats(void);

#endif
