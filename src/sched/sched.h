/* SPDX-License-Identifier: MIT */
/* The scheduler's start-up on each CPU, and its counters. */
#ifndef CYAN_SCHED_SCHED_H
#define CYAN_SCHED_SCHED_H

#include <stdbool.h>
#include <stdint.h>
#include <stdnoreturn.h>

#define SCHED_SLICE_MS 10 /* a thread runs this long before the tick lets the next one run */

/*
 * On the bootstrap processor, after clock_init with interrupts on: the code that calls it
 * becomes CPU 0's first thread, named name; CPU 0 gets its idle thread; the tick starts slicing
 * time and interrupts start preempting. Panics if it cannot allocate the idle thread.
 */
void sched_init(const char *name);
/* On an AP once it is online and ticking: its boot context becomes its idle thread, and it
 * runs threads from then on. */
noreturn void sched_enter_ap(void);
/* Whether this CPU runs the scheduler (a thread of its can block). */
bool sched_running(void);
/* Whether the caller may block: a thread (not an idle one) of a CPU that runs the scheduler,
 * holding no spinlock. */
bool sched_can_block(void);
/* Context switches this CPU has made. */
uint64_t sched_switches(unsigned cpu);

#endif
