/* SPDX-License-Identifier: MIT */
/* The periodic tick: the local APIC timer calibrated against the HPET or the PIT, or the PIT. */
#ifndef CYAN_TIME_TIMER_H
#define CYAN_TIME_TIMER_H

#include "acpi/system.h"
#include "boot_info.h"

#include <stdbool.h>
#include <stdint.h>

enum timer_source {
    TIMER_LAPIC_PERIODIC, /* the local APIC timer in periodic mode */
    TIMER_LAPIC_DEADLINE, /* the local APIC timer in TSC-deadline mode, re-armed every tick */
    TIMER_PIT,            /* PIT channel 0 on ISA IRQ 0: no usable local APIC timer */
};

/* What calibration measured: the reference, and each counter's frequency (0: not measured). */
struct timer_calibration {
    const char *reference; /* "the HPET" or "PIT channel 2" */
    uint64_t reference_ns; /* how long the measurement took by the reference */
    uint64_t lapic_hz;     /* the local APIC timer's count rate, after its divider */
    uint64_t tsc_hz;
    bool tsc_ok; /* tsc_hz is believable */
};

/*
 * Calibrate and start the tick at the rate the command line's "timer_hz=N" gives, else the
 * build's (meson option timer_hz). "timer=pit" forces the PIT, "timer=periodic" refuses the
 * TSC-deadline mode; "tick_stamp=N" writes "tick <count>" to COM1 every N ticks (for the test
 * that times them from outside). Anything that calibrates to nonsense is reported and the next
 * source tried. Call after irq_init, interrupts still off. NULL, or why no timer can run.
 */
const char *timer_init(const struct acpi_system *sys, const struct boot_info *info);
/* With interrupts on: wait, by the reference clock, for a few ticks; if none came, report it and
 * fall back to the PIT. NULL, or why there is no working tick at all. */
const char *timer_verify(void);

/* Start this CPU's local timer as the BSP's runs (APs, once their APIC is on); false if the
 * tick comes from the PIT, which only the BSP takes. */
bool timer_start_this_cpu(void);

uint64_t timer_ticks(void);
unsigned timer_hz(void);
enum timer_source timer_source(void);
const struct timer_calibration *timer_calibration(void);
/* Called from the BSP's tick handler after each tick (NULL: none); for tests. */
void timer_set_hook(void (*hook)(uint64_t ticks));
/* Called on every CPU from its own tick interrupt, interrupts off (the scheduler's time slice). */
void timer_set_cpu_hook(void (*hook)(void));

#endif
