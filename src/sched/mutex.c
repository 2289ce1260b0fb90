/* SPDX-License-Identifier: MIT */
/* Sleeping mutexes (see mutex.h): unlock wakes the longest waiter, which tries again. */
#include "sched/mutex.h"

#include "panic.h"
#include "sched/thread.h"

void mutex_init(struct mutex *m, const char *name)
{
    wait_queue_init(&m->wq, name);
    m->owner = NULL;
}

void mutex_lock(struct mutex *m)
{
    struct thread *self = thread_current();
    irqflags_t flags = spin_lock(&m->wq.lock);

    if (m->owner == self)
        panic("mutex %s: thread '%s' takes it twice", m->wq.lock.name, thread_name(self));
    while (m->owner)
        wait_queue_sleep(&m->wq);
    m->owner = self;
    spin_unlock(&m->wq.lock, flags);
}

bool mutex_try_lock(struct mutex *m)
{
    irqflags_t flags = spin_lock(&m->wq.lock);
    bool free = !m->owner;

    if (free)
        m->owner = thread_current();
    spin_unlock(&m->wq.lock, flags);
    return free;
}

void mutex_unlock(struct mutex *m)
{
    struct thread *self = thread_current();
    irqflags_t flags = spin_lock(&m->wq.lock);

    if (m->owner != self)
        panic("mutex %s: released by thread '%s', which does not hold it", m->wq.lock.name,
              self ? thread_name(self) : "?");
    m->owner = NULL;
    wait_queue_wake_one(&m->wq);
    spin_unlock(&m->wq.lock, flags);
}
