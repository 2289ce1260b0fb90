/* SPDX-License-Identifier: MIT */
/*
 * Ticket spinlocks, taken with interrupts masked on the taking CPU so an interrupt handler never
 * waits on the code it interrupted. CPUs are served in the order they asked (a ticket each), so
 * none starves. Holding one also keeps the scheduler from preempting (struct cpu's locks_held).
 */
#ifndef CYAN_SYNC_SPINLOCK_H
#define CYAN_SYNC_SPINLOCK_H

#include <arch/irqflags.h>
#include <stdbool.h>
#include <stdint.h>

struct spinlock {
    uint32_t next;      /* the ticket the next taker draws */
    uint32_t serving;   /* the ticket that holds the lock */
    const char *name;   /* for reports */
    int owner;          /* index of the CPU holding it, -1 if free */
    uintptr_t owner_pc; /* where the holder took it */
};

#define SPINLOCK_INIT(lock_name)                                                                   \
    {                                                                                              \
        .name = (lock_name), .owner = -1                                                           \
    }

void spin_init(struct spinlock *lock, const char *name);
/* Mask interrupts, wait for the lock, take it; the interrupt state to give spin_unlock. */
irqflags_t spin_lock(struct spinlock *lock);
void spin_unlock(struct spinlock *lock, irqflags_t flags);
/* Take it only if free; false (interrupts as they were) otherwise. */
bool spin_try_lock(struct spinlock *lock, irqflags_t *flags);
/* Whether this CPU holds it. */
bool spin_held(const struct spinlock *lock);

#endif
