/* SPDX-License-Identifier: MIT */
/* The binary buddy allocator (see buddy.h). */
#include "buddy.h"

#include <string.h>

#define LOW_LIMIT   0x100000ULL    /* 1 MiB */
#define DMA32_LIMIT 0x100000000ULL /* 4 GiB */

uint64_t buddy_bookkeeping_bytes(uint64_t frames)
{
    return frames * (sizeof(uint8_t) + sizeof(struct buddy_link));
}

enum frame_zone buddy_zone_of(phys_addr_t addr)
{
    return addr < LOW_LIMIT     ? FRAME_ZONE_LOW
           : addr < DMA32_LIMIT ? FRAME_ZONE_DMA32
                                : FRAME_ZONE_HIGH;
}

static uint64_t pfn(phys_addr_t frame)
{
    return frame >> FRAME_SHIFT;
}

static struct buddy_link *link_of(struct buddy *b, phys_addr_t frame)
{
    return &b->links[pfn(frame)];
}

static void list_push(struct buddy *b, phys_addr_t frame, unsigned order)
{
    phys_addr_t *head = &b->free_list[buddy_zone_of(frame)][order];

    *link_of(b, frame) = (struct buddy_link){0, (uint32_t)pfn(*head)};
    if (*head)
        link_of(b, *head)->prev = (uint32_t)pfn(frame);
    *head = frame;
    b->state[pfn(frame)] = (uint8_t)(BUDDY_FREE_HEAD | order);
}

static void list_remove(struct buddy *b, phys_addr_t frame, unsigned order)
{
    struct buddy_link *l = link_of(b, frame);
    phys_addr_t prev = (phys_addr_t)l->prev << FRAME_SHIFT,
                next = (phys_addr_t)l->next << FRAME_SHIFT;

    if (prev)
        link_of(b, prev)->next = l->next;
    else
        b->free_list[buddy_zone_of(frame)][order] = next;
    if (next)
        link_of(b, next)->prev = l->prev;
}

void buddy_init(struct buddy *b, uint8_t *state, struct buddy_link *links, uint64_t frames,
                void *(*to_virt)(phys_addr_t),
                void (*fault)(const char *, phys_addr_t, unsigned, const void *))
{
    memset(b, 0, sizeof(*b));
    memset(state, BUDDY_RESERVED, frames); /* links are written before they are read */
    b->state = state;
    b->links = links;
    b->frames = frames;
    b->to_virt = to_virt;
    b->fault = fault;
}

/* Free a block and merge it with its buddy while the buddy is free, whole and in the same zone. */
static void release(struct buddy *b, phys_addr_t frame, unsigned order)
{
    uint64_t count = 1ULL << order;

    b->stats.free[buddy_zone_of(frame)] += count;
    for (; order + 1 < FRAME_ORDERS; order++) {
        phys_addr_t buddy = frame ^ ((phys_addr_t)FRAME_SIZE << order);
        phys_addr_t merged = frame & ~((phys_addr_t)FRAME_SIZE << order);
        if (pfn(buddy) >= b->frames || b->state[pfn(buddy)] != (BUDDY_FREE_HEAD | order) ||
            buddy_zone_of(merged) != buddy_zone_of(merged + (FRAME_SIZE << (order + 1)) - 1))
            break;
        list_remove(b, buddy, order);
        b->state[pfn(frame > buddy ? frame : buddy)] = BUDDY_TAIL; /* the upper half's head */
        frame = merged;
    }
    list_push(b, frame, order);
}

/* The largest order that a block at frame may have: aligned, inside [frame, end), one zone. */
static unsigned fitting_order(phys_addr_t frame, phys_addr_t end)
{
    unsigned order = 0;

    while (order + 1 < FRAME_ORDERS) {
        uint64_t size = (uint64_t)FRAME_SIZE << (order + 1);
        if (frame % size || end - frame < size ||
            buddy_zone_of(frame) != buddy_zone_of(frame + size - 1))
            break;
        order++;
    }
    return order;
}

void buddy_add_range(struct buddy *b, phys_addr_t base, uint64_t length)
{
    phys_addr_t frame = (base + FRAME_SIZE - 1) & ~(phys_addr_t)(FRAME_SIZE - 1);
    phys_addr_t end = length > UINT64_MAX - base ? UINT64_MAX : base + length;

    end &= ~(phys_addr_t)(FRAME_SIZE - 1);
    if (end > b->frames * FRAME_SIZE)
        end = b->frames * FRAME_SIZE;
    /* frame 0 is never handed out: 0 means "no frame" to callers */
    if (frame == 0)
        frame = FRAME_SIZE;
    while (frame < end) {
        if (b->state[pfn(frame)] != BUDDY_RESERVED) {
            frame += FRAME_SIZE;
            continue;
        }
        unsigned order = fitting_order(frame, end);
        uint64_t count = 1ULL << order;
        for (uint64_t i = 1; i < count && pfn(frame) + i < b->frames; i++) {
            if (b->state[pfn(frame) + i] != BUDDY_RESERVED)
                count = i; /* part of it is managed already: stop before that part */
        }
        while ((1ULL << order) > count)
            order--;
        for (uint64_t i = 1; i < (1ULL << order); i++)
            b->state[pfn(frame) + i] = BUDDY_TAIL;
        b->stats.total[buddy_zone_of(frame)] += 1ULL << order;
        release(b, frame, order);
        frame += (phys_addr_t)FRAME_SIZE << order;
    }
}

/* Take the smallest free block of at least order from zone, splitting it down to order. */
static phys_addr_t take(struct buddy *b, enum frame_zone zone, unsigned order)
{
    unsigned have = order;

    while (have < FRAME_ORDERS && !b->free_list[zone][have])
        have++;
    if (have == FRAME_ORDERS)
        return 0;
    phys_addr_t frame = b->free_list[zone][have];
    list_remove(b, frame, have);
    while (have > order) {
        have--;
        list_push(b, frame + ((phys_addr_t)FRAME_SIZE << have), have); /* the upper half */
    }
    b->state[pfn(frame)] = (uint8_t)(BUDDY_USED_HEAD | order);
    b->stats.free[zone] -= 1ULL << order;
    return frame;
}

phys_addr_t buddy_alloc(struct buddy *b, unsigned order, unsigned flags)
{
    if (order >= FRAME_ORDERS)
        return 0;
    /* highest zone first: low memory is scarce and some callers can use only it */
    for (int zone = FRAME_ZONES - 1; zone >= 0; zone--) {
        if ((flags & FRAME_BELOW_4G) && zone == FRAME_ZONE_HIGH)
            continue;
        phys_addr_t frame = take(b, (enum frame_zone)zone, order);
        if (frame) {
            if (flags & FRAME_ZERO)
                memset(b->to_virt(frame), 0, (size_t)FRAME_SIZE << order);
            return frame;
        }
    }
    return 0;
}

/* Why a free of frame with order is refused, or NULL if it is a block allocated with that order. */
static const char *refusal(const struct buddy *b, phys_addr_t frame, unsigned order)
{
    if (frame % FRAME_SIZE || order >= FRAME_ORDERS)
        return "not a frame address or order";
    if (pfn(frame) >= b->frames || b->state[pfn(frame)] == BUDDY_RESERVED)
        return "never managed by the frame allocator";
    uint8_t s = b->state[pfn(frame)];
    if (s & BUDDY_FREE_HEAD)
        return "freed twice (the block is already free)";
    if (s == BUDDY_TAIL)
        return "not the start of an allocated block";
    if ((s & BUDDY_ORDER_MASK) != order)
        return "freed with another order than it was allocated with";
    return NULL;
}

void buddy_free(struct buddy *b, phys_addr_t frame, unsigned order, const void *caller)
{
    const char *why = refusal(b, frame, order);

    if (why) {
        b->fault(why, frame, order, caller);
        return;
    }
    release(b, frame, order);
}
