/* SPDX-License-Identifier: MIT */
/* Timer arithmetic: frequencies from a calibration, their sanity bounds, counts to nanoseconds. */
#ifndef CYAN_TIME_CALIBRATE_H
#define CYAN_TIME_CALIBRATE_H

#include <stdint.h>

#define NS_PER_SEC 1000000000ull
#define FS_PER_NS  1000000ull

/*
 * Bounds outside which a measured frequency is not believed. The local APIC timer counts the
 * bus or crystal clock divided by 16 (25 MHz to a few GHz before the divider); a TSC of an x86_64
 * CPU runs between a few hundred MHz and a few GHz. The margins are wide: the bounds catch a
 * timer that does not count or a reference that lies, not a slow machine.
 */
#define LAPIC_HZ_MIN   100000ull      /* 100 kHz after the divider */
#define LAPIC_HZ_MAX   1000000000ull  /* 1 GHz after the divider */
#define TSC_HZ_MIN     50000000ull    /* 50 MHz */
#define TSC_HZ_MAX     20000000000ull /* 20 GHz */
#define TICK_COUNT_MIN 16             /* a periodic count below this is mostly rounding error */

/* The frequency of a counter that advanced `counts` while `ref_ns` passed; 0 if ref_ns is 0. */
uint64_t calibrate_hz(uint64_t counts, uint64_t ref_ns);
/* NULL if hz is believable for that counter, else why not. */
const char *calibrate_check_lapic(uint64_t hz);
const char *calibrate_check_tsc(uint64_t hz);
/* The periodic count giving `rate` interrupts a second from a counter of hz, rounded to nearest;
 * 0 if it does not fit the 32-bit count register or is too small to be accurate. */
uint32_t calibrate_period_count(uint64_t hz, unsigned rate);
/* Nanoseconds in `counts` of a counter running at hz, without overflowing for any count. */
uint64_t counts_to_ns(uint64_t counts, uint64_t hz);
/* Nanoseconds in `counts` HPET ticks of period_fs femtoseconds each. */
uint64_t hpet_counts_to_ns(uint64_t counts, uint32_t period_fs);

#endif
