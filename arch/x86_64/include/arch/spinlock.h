/* SPDX-License-Identifier: MIT */
/* Spinlocks taken with interrupts masked, so an interrupt handler never waits on its own CPU. */
#ifndef ARCH_SPINLOCK_H
#define ARCH_SPINLOCK_H

#include <arch/cpu.h>
#include <arch/irqflags.h>
#include <stdbool.h>

/* Spins before spin_lock_irqsave gives up: far longer than any holder keeps a lock (one line of
 * console output), far shorter than a hang. */
#define SPIN_LIMIT (1ul << 26)

struct spinlock {
    volatile bool locked;
};

/*
 * Mask interrupts, then take the lock. Returns whether it was taken: on one CPU with interrupts
 * masked, a held lock can only mean this CPU was interrupted while holding it by something that
 * ignores the mask (an NMI, an exception inside the critical section); spinning would never
 * end, so after SPIN_LIMIT tries the caller goes on without it and must not release it.
 */
static inline bool spin_lock_irqsave(struct spinlock *lock, irqflags_t *flags)
{
    *flags = irq_save();
    for (unsigned long i = 0; i < SPIN_LIMIT; i++) {
        if (!__atomic_exchange_n(&lock->locked, true, __ATOMIC_ACQUIRE))
            return true;
        cpu_relax();
    }
    return false;
}

static inline void spin_unlock_irqrestore(struct spinlock *lock, bool taken, irqflags_t flags)
{
    if (taken)
        __atomic_store_n(&lock->locked, false, __ATOMIC_RELEASE);
    irq_restore(flags);
}

#endif
