/* SPDX-License-Identifier: MIT */
/*
 * Ticket spinlocks, taken with interrupts masked on the taking CPU so an interrupt handler never
 * waits on the code it interrupted. CPUs are served in the order they asked (a ticket each), so
 * none starves. Holding one also keeps the scheduler from preempting (struct cpu's locks_held).
 *
 * Every wait is bounded in time: a lock not given up within SPIN_TIMEOUT_MS panics naming the
 * lock, the CPU holding it and where that CPU took it. Kernels built with SPIN_DEBUG (the test
 * kernels) also catch a CPU taking a lock it already holds, and releasing one it does not hold,
 * naming both call sites; and wait SPIN_DEBUG_TIMEOUT_MS only.
 *
 * A waiter runs the cross-calls other CPUs send it (smp/call.h), since interrupts are masked.
 * Not for NMI handlers: an NMI can interrupt the holder on its own CPU.
 *
 * The kernel's locks, outermost first; a lock is only taken while holding ones above it:
 *   irq routing (irq.c)  >  heap (heap_pages.c)  >  page tables (paging_lock.c)  >
 *   kstack slots (kstack.c), frame allocator (frame.c)  >  console (console.c)
 * The page tables' lock is held across a TLB shootdown's cross-call.
 */
#ifndef CYAN_SYNC_SPINLOCK_H
#define CYAN_SYNC_SPINLOCK_H

#include <arch/irqflags.h>
#include <stdbool.h>
#include <stdint.h>

#define SPIN_TIMEOUT_MS       10000 /* far longer than any holder keeps a lock */
#define SPIN_DEBUG_TIMEOUT_MS 2000  /* test kernels: sooner, still past a loaded host's stalls */

/* The same layout in both builds: the core is compiled once and links either. */
struct spinlock {
    uint32_t next;      /* the ticket the next taker draws */
    uint32_t serving;   /* the ticket that holds the lock */
    const char *name;   /* for reports */
    int owner;          /* index of the CPU holding it, -1 if free */
    uintptr_t owner_pc; /* where the holder took it (a return address) */
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
/*
 * Give up a lock this CPU holds, interrupts left masked, on the way to a panic: the report may
 * return into a test runner, and the next test must find the structure's lock free. The data it
 * protects is as the panic found it.
 */
void spin_abandon(struct spinlock *lock);
/* Whether this build checks recursion and ownership (SPIN_DEBUG). */
bool spin_debug(void);

#endif
