/* SPDX-License-Identifier: MIT */
/* Completions: wait (blocking) until another thread or an interrupt handler says "done". */
#ifndef CYAN_SCHED_COMPLETION_H
#define CYAN_SCHED_COMPLETION_H

#include "sched/wait.h"

#include <stdint.h>

struct completion {
    struct wait_queue wq;
    uint32_t done; /* completions not yet consumed; COMPLETION_ALL once completed for all */
};

void completion_init(struct completion *c, const char *name);
/* Block until done, consuming one completion (none after completion_complete_all). */
void completion_wait(struct completion *c);
/* Let one waiter (the next to wait) go; every waiter, now and later. Any context. */
void completion_complete(struct completion *c);
void completion_complete_all(struct completion *c);

#endif
