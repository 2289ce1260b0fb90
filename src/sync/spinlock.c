/* SPDX-License-Identifier: MIT */
/* Ticket spinlocks: see spinlock.h. */
#include "sync/spinlock.h"

#include "panic.h"
#include "smp/cpu.h"

#include <arch/cpu.h>

/* Spins before a waiter gives up and reports the holder: far longer than any holder keeps a lock
 * (a line of console output), far shorter than a hang nobody can read. */
#define SPIN_LIMIT (1ul << 28)

void spin_init(struct spinlock *lock, const char *name)
{
    *lock = (struct spinlock)SPINLOCK_INIT(name);
}

static void took(struct spinlock *lock, uintptr_t pc)
{
    struct cpu *c = this_cpu();

    lock->owner = (int)c->index;
    lock->owner_pc = pc;
    c->locks_held++;
}

irqflags_t spin_lock(struct spinlock *lock)
{
    irqflags_t flags = irq_save();
    uint32_t ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_RELAXED);

    for (unsigned long spins = 0; __atomic_load_n(&lock->serving, __ATOMIC_ACQUIRE) != ticket;
         spins++) {
        if (spins == SPIN_LIMIT)
            panic("spinlock %s: held too long by CPU %d, taken at %p", lock->name, lock->owner,
                  (void *)lock->owner_pc);
        cpu_relax();
    }
    took(lock, (uintptr_t)__builtin_return_address(0));
    return flags;
}

bool spin_try_lock(struct spinlock *lock, irqflags_t *flags)
{
    *flags = irq_save();
    uint32_t serving = __atomic_load_n(&lock->serving, __ATOMIC_RELAXED), expected = serving;
    if (!__atomic_compare_exchange_n(&lock->next, &expected, serving + 1, false, __ATOMIC_ACQUIRE,
                                     __ATOMIC_RELAXED)) {
        irq_restore(*flags);
        return false;
    }
    took(lock, (uintptr_t)__builtin_return_address(0));
    return true;
}

void spin_unlock(struct spinlock *lock, irqflags_t flags)
{
    this_cpu()->locks_held--;
    lock->owner = -1;
    __atomic_store_n(&lock->serving, lock->serving + 1, __ATOMIC_RELEASE);
    irq_restore(flags);
}

bool spin_held(const struct spinlock *lock)
{
    return __atomic_load_n(&lock->owner, __ATOMIC_RELAXED) == (int)this_cpu()->index;
}
