/* SPDX-License-Identifier: MIT */
/* Timer arithmetic, pure so that host tests can check it (tests/irq/test_calibrate.c). */
#include "time/calibrate.h"

#include <stddef.h>

#define NS_FACTOR_A 15625 /* NS_PER_SEC = NS_FACTOR_A * NS_FACTOR_B */
#define NS_FACTOR_B 64000

uint64_t calibrate_hz(uint64_t counts, uint64_t ref_ns)
{
    if (ref_ns == 0)
        return 0;
    /* counts * 1e9 / ref_ns, split so the product cannot overflow 64 bits */
    uint64_t whole = counts / ref_ns, rest = counts % ref_ns;
    return whole * NS_PER_SEC + rest * NS_PER_SEC / ref_ns;
}

const char *calibrate_check_lapic(uint64_t hz)
{
    if (hz == 0)
        return "the local APIC timer does not count";
    if (hz < LAPIC_HZ_MIN || hz > LAPIC_HZ_MAX)
        return "the local APIC timer calibrates to an impossible frequency";
    return NULL;
}

const char *calibrate_check_tsc(uint64_t hz)
{
    if (hz == 0)
        return "the TSC does not count";
    if (hz < TSC_HZ_MIN || hz > TSC_HZ_MAX)
        return "the TSC calibrates to an impossible frequency";
    return NULL;
}

uint32_t calibrate_period_count(uint64_t hz, unsigned rate)
{
    if (rate == 0)
        return 0;
    uint64_t count = (hz + rate / 2) / rate;
    if (count < TICK_COUNT_MIN || count > UINT32_MAX)
        return 0;
    return (uint32_t)count;
}

uint64_t counts_to_ns(uint64_t counts, uint64_t hz)
{
    if (hz == 0)
        return 0;
    /* rest < hz, which may be near 2^35, so rest * 1e9 could overflow; 1e9 = 15625 * 64000 and
     * each step's product stays below 2^51 for any hz up to TSC_HZ_MAX. */
    uint64_t whole = counts / hz, rest = counts % hz;
    uint64_t scaled = rest * NS_FACTOR_A;
    return whole * NS_PER_SEC + scaled / hz * NS_FACTOR_B + scaled % hz * NS_FACTOR_B / hz;
}

uint64_t hpet_counts_to_ns(uint64_t counts, uint32_t period_fs)
{
    uint64_t whole = counts / FS_PER_NS, rest = counts % FS_PER_NS;

    return whole * period_fs + rest * period_fs / FS_PER_NS;
}
