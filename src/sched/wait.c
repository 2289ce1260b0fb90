/* SPDX-License-Identifier: MIT */
/* Wait queues (see wait.h). */
#include "sched/wait.h"

#include "panic.h"
#include "sched_internal.h"

void wait_queue_init(struct wait_queue *wq, const char *name)
{
    *wq = (struct wait_queue)WAIT_QUEUE_INIT(name);
}

void wait_queue_sleep(struct wait_queue *wq)
{
    struct runqueue *rq = rq_this(); /* interrupts are off: wq->lock is held */
    struct thread *self = rq->current;

    kassert(rq->online && !self->idle);
    self->next = NULL;
    if (wq->tail)
        wq->tail->next = self;
    else
        wq->head = self;
    wq->tail = self;
    /* blocked under the run queue's lock before the wait queue's goes: a waker, which needs
     * both, finds it blocked and, taking the run queue's, off its CPU */
    spin_lock(&rq->lock);
    self->state = THREAD_BLOCKED;
    spin_unlock(&wq->lock, 0);
    sched_switch_locked(rq);
    spin_lock(&wq->lock);
}

bool wait_queue_wake_one(struct wait_queue *wq)
{
    struct thread *t = wq->head;

    if (!t)
        return false;
    wq->head = t->next;
    if (!wq->head)
        wq->tail = NULL;
    t->next = NULL;
    sched_wake(t);
    return true;
}

unsigned wait_queue_wake_all(struct wait_queue *wq)
{
    unsigned n = 0;

    while (wait_queue_wake_one(wq))
        n++;
    return n;
}
