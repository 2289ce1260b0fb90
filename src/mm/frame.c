/* SPDX-License-Identifier: MIT */
/* The kernel's frame allocator: one buddy allocator over all RAM, behind a spinlock. */
#include "frame.h"

#include "buddy.h"
#include "ksyms.h"
#include "mm.h"
#include "panic.h"
#include "sync/spinlock.h"

#include <arch/memlayout.h>

/* The allocator and its statistics, from every CPU and from interrupt handlers (masked while
 * held). A leaf lock but for the console's: refuse prints while holding it. */
static struct buddy allocator;
static struct spinlock lock = SPINLOCK_INIT("frame");

static void *frame_virt(phys_addr_t frame)
{
    return phys_to_virt(frame);
}

static void refuse(const char *why, phys_addr_t frame, unsigned order, const void *caller)
{
    const char *name = "?";
    uint64_t offset = 0;

    /* the panic may return into a test runner, which must find the allocator usable */
    spin_abandon(&lock);
    /* the byte before the return address is the call itself */
    ksym_lookup((uintptr_t)caller - 1, &name, &offset);
    panic("frame_free: frame 0x%lx (order %u) %s; called from %s+0x%lx", (unsigned long)frame,
          order, why, name, (unsigned long)offset + 1);
}

void frame_init(void *bookkeeping, uint64_t frames)
{
    uint8_t *state = bookkeeping;
    /* the links after the state bytes, 8-byte aligned */
    uintptr_t links = ((uintptr_t)state + frames + 7) & ~(uintptr_t)7;

    buddy_init(&allocator, state, (struct buddy_link *)links, frames, frame_virt, refuse);
}

uint64_t frame_bookkeeping_bytes(uint64_t frames)
{
    return buddy_bookkeeping_bytes(frames) + 8;
}

void frame_add_range(phys_addr_t base, uint64_t length)
{
    irqflags_t flags = spin_lock(&lock);
    buddy_add_range(&allocator, base, length);
    spin_unlock(&lock, flags);
}

phys_addr_t frame_alloc(unsigned order, unsigned flags)
{
    irqflags_t irq = spin_lock(&lock);
    phys_addr_t frame = buddy_alloc(&allocator, order, flags);
    spin_unlock(&lock, irq);
    return frame;
}

void frame_free(phys_addr_t frame, unsigned order)
{
    const void *caller = __builtin_return_address(0);
    irqflags_t irq = spin_lock(&lock);
    buddy_free(&allocator, frame, order, caller);
    spin_unlock(&lock, irq);
}

struct frame_stats frame_stats(void)
{
    irqflags_t irq = spin_lock(&lock);
    struct frame_stats stats = allocator.stats;
    spin_unlock(&lock, irq);
    return stats;
}
