/* SPDX-License-Identifier: MIT */
/* Every thread alive, for ps: a list under its own lock, oldest first. */
#include "sched_internal.h"

#include <string.h>

static struct spinlock lock = SPINLOCK_INIT("thread list");
static struct thread *newest; /* linked through older */

void thread_list_add(struct thread *t)
{
    irqflags_t flags = spin_lock(&lock);

    t->older = newest;
    newest = t;
    spin_unlock(&lock, flags);
}

void thread_list_remove(struct thread *t)
{
    irqflags_t flags = spin_lock(&lock);
    struct thread **at = &newest;

    while (*at && *at != t)
        at = &(*at)->older;
    if (*at)
        *at = t->older;
    spin_unlock(&lock, flags);
}

static void describe(const struct thread *t, struct thread_info *info)
{
    info->id = t->id;
    info->cpu = t->rq->cpu->index;
    info->state = t->state;
    info->idle = t->idle;
    info->run_ns = thread_run_ns(t); /* takes its run queue's lock: list, then run queue */
    memcpy(info->name, t->name, sizeof(info->name));
}

size_t thread_list(struct thread_info *out, size_t max)
{
    irqflags_t flags = spin_lock(&lock);
    size_t n = 0;

    for (struct thread *t = newest; t && n < max; t = t->older)
        describe(t, &out[n++]);
    spin_unlock(&lock, flags);
    /* newest first in the list: turn it round */
    for (size_t i = 0; i < n / 2; i++) {
        struct thread_info tmp = out[i];
        out[i] = out[n - 1 - i];
        out[n - 1 - i] = tmp;
    }
    return n;
}

const char *thread_state_name(enum thread_state state)
{
    static const char *const names[] = {[THREAD_READY] = "ready",
                                        [THREAD_RUNNING] = "running",
                                        [THREAD_BLOCKED] = "blocked",
                                        [THREAD_SLEEPING] = "sleeping",
                                        [THREAD_DEAD] = "dead"};
    return state <= THREAD_DEAD ? names[state] : "?";
}
