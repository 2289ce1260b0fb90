/* SPDX-License-Identifier: MIT */
/* The kernel heap's environment: pages from the frame allocator, a spinlock, misuse reported by
 * panic. */
#include "heap_pages.h"

#include "frame.h"
#include "ksyms.h"
#include "panic.h"
#include "sync/spinlock.h"

#include <arch/memlayout.h>

_Static_assert(HEAP_PAGE_SIZE == FRAME_SIZE, "heap pages are frames");
_Static_assert(HEAP_MAX_ORDER < FRAME_ORDERS, "the heap's largest run is a frame run");

/* Around the whole heap, from every CPU; the frame allocator's lock nests inside it. */
static struct spinlock lock = SPINLOCK_INIT("heap");
static irqflags_t lock_flags; /* the holder's interrupt state: written and read only by it */

void heap_lock(void)
{
    irqflags_t flags = spin_lock(&lock);
    lock_flags = flags;
}

void heap_unlock(void)
{
    spin_unlock(&lock, lock_flags);
}

void *heap_pages_alloc(unsigned order)
{
    phys_addr_t run = frame_alloc(order, 0);
    return run ? phys_to_virt(run) : NULL;
}

void heap_pages_free(void *pages, unsigned order)
{
    frame_free(direct_map_virt_to_phys(pages), order);
}

noreturn void heap_fault_report(const struct heap_fault *fault)
{
    /* a return address may be a call's last byte's successor: name the byte before it */
    const char *name = "?";
    uint64_t offset = 0;

    ksym_lookup(fault->caller - 1, &name, &offset);
    panic("heap: %s: block %p (%zu bytes), called from %s+0x%lx (%016lx)", fault->what,
          fault->block, fault->size, name, (unsigned long)offset + 1, (unsigned long)fault->caller);
}
