/* SPDX-License-Identifier: MIT */
/*
 * Deadlines for busy waits (a lock, a cross-call's answer, other CPUs stopping), on the TSC: a
 * bound in time, whatever a loop iteration costs. Until the timer has measured the TSC's rate,
 * the fastest rate believed (TSC_HZ_MAX) is assumed, so a wait lasts at least what it says.
 */
#ifndef CYAN_SYNC_DEADLINE_H
#define CYAN_SYNC_DEADLINE_H

#include <stdbool.h>
#include <stdint.h>

struct deadline {
    uint64_t start;  /* TSC when the wait began */
    uint64_t counts; /* TSC counts it may last */
};

/* A deadline ms milliseconds from now. Any context, any CPU. */
struct deadline deadline_in_ms(unsigned ms);
bool deadline_passed(const struct deadline *d);
/* Milliseconds since d started (for reports). */
uint64_t deadline_elapsed_ms(const struct deadline *d);

#endif
