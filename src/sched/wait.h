/* SPDX-License-Identifier: MIT */
/*
 * Wait queues: threads blocked until someone changes a condition and wakes them. The queue's
 * spinlock protects both the waiters and the caller's condition, so no wake-up is lost between
 * testing it and sleeping:
 *
 *     irqflags_t f = spin_lock(&wq.lock);
 *     while (!condition)
 *         wait_queue_sleep(&wq);
 *     spin_unlock(&wq.lock, f);
 *
 * and the other side changes the condition and calls wait_queue_wake_one/all under the lock.
 * Waking works from interrupt handlers (the keyboard's); sleeping only from a thread.
 */
#ifndef CYAN_SCHED_WAIT_H
#define CYAN_SCHED_WAIT_H

#include "sync/spinlock.h"

#include <stdbool.h>

struct thread;

struct wait_queue {
    struct spinlock lock;
    struct thread *head, *tail; /* waiters, first come first woken */
};

#define WAIT_QUEUE_INIT(lock_name)                                                                 \
    {                                                                                              \
        .lock = SPINLOCK_INIT(lock_name)                                                           \
    }

void wait_queue_init(struct wait_queue *wq, const char *name);
/* With wq->lock held (by spin_lock): block until woken, then take the lock again. */
void wait_queue_sleep(struct wait_queue *wq);
/* With wq->lock held: make the oldest waiter (every waiter) ready; whether there was one (how
 * many). */
bool wait_queue_wake_one(struct wait_queue *wq);
unsigned wait_queue_wake_all(struct wait_queue *wq);

#endif
