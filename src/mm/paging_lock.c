/* SPDX-License-Identifier: MIT */
/* The page tables' lock: a spinlock the paging code takes around every change (arch/paging.h). */
#include "paging_lock.h"

#include "sync/spinlock.h"

#include <arch/paging.h>

/* Every address space's tables (only the kernel's so far), from every CPU and from interrupt
 * handlers. A TLB shootdown is sent while holding it: other CPUs waiting for it serve the
 * shootdown meanwhile (spinlock waiters serve cross-calls). Frames for new tables come from the
 * frame allocator inside it. */
static struct spinlock lock = SPINLOCK_INIT("page tables");

static uint64_t take(void)
{
    return spin_lock(&lock);
}

static void give(uint64_t flags)
{
    spin_unlock(&lock, flags);
}

void paging_lock_init(void)
{
    paging_set_lock(take, give);
}
