/* SPDX-License-Identifier: MIT */
/* Sleeping mutexes: a thread that finds one taken blocks instead of spinning. Threads only. */
#ifndef CYAN_SCHED_MUTEX_H
#define CYAN_SCHED_MUTEX_H

#include "sched/wait.h"

#include <stdbool.h>

struct mutex {
    struct wait_queue wq; /* its lock protects owner */
    struct thread *owner; /* NULL when free */
};

#define MUTEX_INIT(lock_name)                                                                      \
    {                                                                                              \
        .wq = WAIT_QUEUE_INIT(lock_name)                                                           \
    }

void mutex_init(struct mutex *m, const char *name);
void mutex_lock(struct mutex *m);
/* Take it only if free; whether it was. */
bool mutex_try_lock(struct mutex *m);
/* By its owner only (a panic otherwise); the longest waiter gets it next. */
void mutex_unlock(struct mutex *m);

#endif
