/* SPDX-License-Identifier: MIT */
/* Counting semaphores: down blocks while the count is 0; up from any context, handlers too. */
#ifndef CYAN_SCHED_SEMAPHORE_H
#define CYAN_SCHED_SEMAPHORE_H

#include "sched/wait.h"

#include <stdint.h>

struct semaphore {
    struct wait_queue wq; /* its lock protects count */
    uint64_t count;
};

void semaphore_init(struct semaphore *s, const char *name, uint64_t count);
void semaphore_down(struct semaphore *s);
void semaphore_up(struct semaphore *s);

#endif
