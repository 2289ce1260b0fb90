/* SPDX-License-Identifier: MIT */
/* Deadlines for busy waits, on the TSC: see deadline.h. */
#include "sync/deadline.h"

#include "time/calibrate.h"
#include "time/timer.h"

#include <arch/tsc.h>

#define MS_PER_SEC 1000

/* The TSC's rate: measured once the timer is calibrated, else the fastest believable. */
static uint64_t tsc_hz(void)
{
    const struct timer_calibration *cal = timer_calibration();

    return cal->tsc_ok ? cal->tsc_hz : TSC_HZ_MAX;
}

struct deadline deadline_in_ms(unsigned ms)
{
    return (struct deadline){tsc_read(), tsc_hz() / MS_PER_SEC * ms};
}

bool deadline_passed(const struct deadline *d)
{
    return tsc_read() - d->start >= d->counts;
}

uint64_t deadline_elapsed_ms(const struct deadline *d)
{
    return (tsc_read() - d->start) / (tsc_hz() / MS_PER_SEC);
}
