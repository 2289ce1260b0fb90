/* SPDX-License-Identifier: MIT */
/*
 * The monotonic clock: the invariant TSC when the CPU has one (constant rate in every power
 * state, calibrated with the timer), else the HPET's 64-bit main counter, else the tick count.
 * A TSC that is not invariant may change rate with the CPU's frequency, so it is not a clock.
 */
#include "time/clock.h"

#include "console.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "time/calibrate.h"
#include "time/timer.h"

#include <arch/irqflags.h>
#include <arch/pc/hpet.h>
#include <arch/tsc.h>

#define NS_PER_MS 1000000ull

static struct {
    enum clock_source source;
    uint64_t base; /* the source's reading at clock_init */
    uint64_t tsc_hz;
    uint32_t hpet_period_fs;
} clock;

void clock_init(void)
{
    const struct timer_calibration *cal = timer_calibration();

    if (cal->tsc_ok && tsc_is_invariant()) {
        clock.source = CLOCK_TSC;
        clock.tsc_hz = cal->tsc_hz;
        clock.base = tsc_read();
        kprintf("clock: invariant TSC at %lu MHz\n", (unsigned long)(cal->tsc_hz / 1000000));
    } else if (hpet_period_fs() && hpet_counter_is_64()) {
        clock.source = CLOCK_HPET;
        clock.hpet_period_fs = hpet_period_fs();
        clock.base = hpet_counter();
        kprintf("clock: HPET at %lu kHz (the TSC is not invariant)\n",
                (unsigned long)(NS_PER_SEC * FS_PER_NS / clock.hpet_period_fs / 1000));
    } else {
        clock.source = CLOCK_TICKS;
        clock.base = timer_ticks();
        kprintf("clock: timer ticks, %lu us resolution (no invariant TSC, no 64-bit HPET)\n",
                (unsigned long)(NS_PER_SEC / 1000 / timer_hz()));
    }
}

enum clock_source clock_source(void)
{
    return clock.source;
}

const char *clock_source_name(void)
{
    static const char *const names[] = {
        [CLOCK_TSC] = "invariant TSC", [CLOCK_HPET] = "HPET", [CLOCK_TICKS] = "ticks"};
    return names[clock.source];
}

uint64_t clock_ns(void)
{
    switch (clock.source) {
    case CLOCK_TSC:
        return counts_to_ns(tsc_read() - clock.base, clock.tsc_hz);
    case CLOCK_HPET:
        return hpet_counts_to_ns(hpet_counter() - clock.base, clock.hpet_period_fs);
    case CLOCK_TICKS:
        break;
    }
    return (timer_ticks() - clock.base) * (NS_PER_SEC / timer_hz());
}

/*
 * A thread blocks (thread_sleep_ns), letting others run. Before the scheduler runs, or with a
 * spinlock held, each pass halts until the next interrupt; the tick brings one at least every
 * 1 / timer_hz seconds (timer_verify checked that it comes), so the wait ends one tick after
 * the deadline at the latest.
 */
void sleep_ns(uint64_t ns)
{
    if (sched_can_block()) {
        thread_sleep_ns(ns);
        return;
    }
    uint64_t deadline = clock_ns() + ns;
    irqflags_t flags = irq_save();

    while (clock_ns() < deadline)
        irq_wait();
    irq_restore(flags);
}

void sleep_ms(uint64_t ms)
{
    sleep_ns(ms * NS_PER_MS);
}
