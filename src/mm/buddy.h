/* SPDX-License-Identifier: MIT */
/*
 * A binary buddy allocator over physical frames. Blocks of 2^order frames start at a multiple of
 * their size; a free block's two halves are each other's "buddy", found by flipping one address
 * bit, so splitting and coalescing are O(1) per order and allocation is O(FRAME_ORDERS).
 * Bookkeeping, all outside the frames it manages: one state byte per frame, and per zone and order
 * a doubly linked list of free blocks whose links live in a per-frame array. Free RAM is never
 * written, so a hypervisor need not back it until it is used (and under QEMU the first touch of
 * each 2 MiB of guest RAM costs milliseconds). No locking: the caller (frame.c) holds the lock.
 * Pure computation: the host builds it for tests.
 */
#ifndef CYAN_BUDDY_H
#define CYAN_BUDDY_H

#include "frame.h"

#include <stddef.h>

#define BUDDY_FREE_HEAD  0x80 /* first frame of a free block; low bits: its order */
#define BUDDY_USED_HEAD  0x40 /* first frame of an allocated block; low bits: its order */
#define BUDDY_TAIL       0x20 /* any other frame of a block */
#define BUDDY_RESERVED   0xff /* not managed: never handed out */
#define BUDDY_ORDER_MASK 0x1f

/* A free block's neighbours in its list, as frame numbers (0: none; frame 0 is never managed).
 * 32 bits reach 16 TiB of RAM. */
struct buddy_link {
    uint32_t prev, next;
};

struct buddy {
    uint8_t *state;           /* one byte per frame, frames 0 to frames - 1 */
    struct buddy_link *links; /* one per frame, meaningful for free block heads */
    uint64_t frames;          /* frames covered by state: highest managed address / FRAME_SIZE */
    phys_addr_t free_list[FRAME_ZONES][FRAME_ORDERS]; /* first free block, 0 if none */
    struct frame_stats stats;
    void *(*to_virt)(phys_addr_t frame); /* where FRAME_ZERO can write a frame */
    /* a free the allocator cannot accept: what, which frame, with which order, from where */
    void (*fault)(const char *what, phys_addr_t frame, unsigned order, const void *caller);
};

/* Start with every frame in [0, frames) reserved; state and links hold frames entries each. */
void buddy_init(struct buddy *b, uint8_t *state, struct buddy_link *links, uint64_t frames,
                void *(*to_virt)(phys_addr_t),
                void (*fault)(const char *, phys_addr_t, unsigned, const void *));
/* Bytes of bookkeeping (state and links) for frames frames. */
uint64_t buddy_bookkeeping_bytes(uint64_t frames);
/* Hand the frames inside [base, base + length) to the allocator (only whole frames below
 * b->frames count; frames already managed are left alone). */
void buddy_add_range(struct buddy *b, phys_addr_t base, uint64_t length);
/* A free block of 2^order frames from the lowest zone allowed (see frame_alloc), or 0. */
phys_addr_t buddy_alloc(struct buddy *b, unsigned order, unsigned flags);
/* Give back a block; a block not allocated with that order goes to b->fault instead. */
void buddy_free(struct buddy *b, phys_addr_t frame, unsigned order, const void *caller);
/* The zone a physical address lies in. */
enum frame_zone buddy_zone_of(phys_addr_t addr);

#endif
