/* SPDX-License-Identifier: MIT */
/* The kernel's frame allocator: one buddy allocator over all RAM, with interrupts off around it. */
#include "frame.h"

#include "buddy.h"
#include "ksyms.h"
#include "mm.h"
#include "panic.h"

#include <arch/cpu.h>
#include <arch/memlayout.h>

static struct buddy allocator;

static void *frame_virt(phys_addr_t frame)
{
    return phys_to_virt(frame);
}

static void refuse(const char *why, phys_addr_t frame, unsigned order, const void *caller)
{
    const char *name = "?";
    uint64_t offset = 0;

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
    uint64_t irq = cpu_irq_save();
    buddy_add_range(&allocator, base, length);
    cpu_irq_restore(irq);
}

/* Interrupts off: an interrupt handler may allocate too. One CPU for now; SMP adds a spinlock
 * taken here. */
phys_addr_t frame_alloc(unsigned order, unsigned flags)
{
    uint64_t irq = cpu_irq_save();
    phys_addr_t frame = buddy_alloc(&allocator, order, flags);
    cpu_irq_restore(irq);
    return frame;
}

void frame_free(phys_addr_t frame, unsigned order)
{
    const void *caller = __builtin_return_address(0);
    uint64_t irq = cpu_irq_save();
    buddy_free(&allocator, frame, order, caller);
    cpu_irq_restore(irq);
}

struct frame_stats frame_stats(void)
{
    uint64_t irq = cpu_irq_save();
    struct frame_stats stats = allocator.stats;
    cpu_irq_restore(irq);
    return stats;
}
