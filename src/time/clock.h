/* SPDX-License-Identifier: MIT */
/* A monotonic nanosecond clock, and sleeping on it. */
#ifndef CYAN_TIME_CLOCK_H
#define CYAN_TIME_CLOCK_H

#include <stdint.h>

enum clock_source {
    CLOCK_TSC,   /* invariant TSC, calibrated with the timer */
    CLOCK_HPET,  /* the HPET's 64-bit main counter */
    CLOCK_TICKS, /* the timer's tick count: 1/timer_hz resolution */
};

/* Pick the best source and start counting from 0 now; prints the "clock:" line. After
 * timer_init. */
void clock_init(void);
enum clock_source clock_source(void);
const char *clock_source_name(void);
/* Nanoseconds since clock_init; never goes backwards. */
uint64_t clock_ns(void);
/* Block the calling thread (before the scheduler runs: halt, interrupts enabled while halted)
 * until at least ns / ms have passed on clock_ns. */
void sleep_ns(uint64_t ns);
void sleep_ms(uint64_t ms);

#endif
