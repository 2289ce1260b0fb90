/* SPDX-License-Identifier: MIT */
/* Completions (see completion.h). */
#include "sched/completion.h"

#define COMPLETION_ALL UINT32_MAX

void completion_init(struct completion *c, const char *name)
{
    wait_queue_init(&c->wq, name);
    c->done = 0;
}

void completion_wait(struct completion *c)
{
    irqflags_t flags = spin_lock(&c->wq.lock);

    while (c->done == 0)
        wait_queue_sleep(&c->wq);
    if (c->done != COMPLETION_ALL)
        c->done--;
    spin_unlock(&c->wq.lock, flags);
}

void completion_complete(struct completion *c)
{
    irqflags_t flags = spin_lock(&c->wq.lock);

    if (c->done < COMPLETION_ALL - 1)
        c->done++;
    wait_queue_wake_one(&c->wq);
    spin_unlock(&c->wq.lock, flags);
}

void completion_complete_all(struct completion *c)
{
    irqflags_t flags = spin_lock(&c->wq.lock);

    c->done = COMPLETION_ALL;
    wait_queue_wake_all(&c->wq);
    spin_unlock(&c->wq.lock, flags);
}
