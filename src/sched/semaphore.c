/* SPDX-License-Identifier: MIT */
/* Counting semaphores (see semaphore.h). */
#include "sched/semaphore.h"

void semaphore_init(struct semaphore *s, const char *name, uint64_t count)
{
    wait_queue_init(&s->wq, name);
    s->count = count;
}

void semaphore_down(struct semaphore *s)
{
    irqflags_t flags = spin_lock(&s->wq.lock);

    while (s->count == 0)
        wait_queue_sleep(&s->wq);
    s->count--;
    spin_unlock(&s->wq.lock, flags);
}

void semaphore_up(struct semaphore *s)
{
    irqflags_t flags = spin_lock(&s->wq.lock);

    s->count++;
    wait_queue_wake_one(&s->wq);
    spin_unlock(&s->wq.lock, flags);
}
