/* SPDX-License-Identifier: MIT */
/* Host unit tests of the timer arithmetic (src/time/calibrate.c): rates, bounds, conversions. */
#include "time/calibrate.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

static void rates(void **state)
{
    (void)state;
    assert_int_equal(calibrate_hz(625000, 10000000), 62500000); /* 625k counts in 10 ms */
    assert_int_equal(calibrate_hz(29940000, 10000000), 2994000000ull);
    assert_int_equal(calibrate_hz(UINT64_MAX / 2, NS_PER_SEC), UINT64_MAX / 2); /* no overflow */
    assert_int_equal(calibrate_hz(5, 0), 0);
}

static void nonsense_is_refused(void **state)
{
    (void)state;
    assert_null(calibrate_check_lapic(62500000));
    assert_string_equal(calibrate_check_lapic(0), "the local APIC timer does not count");
    assert_non_null(calibrate_check_lapic(LAPIC_HZ_MIN - 1));
    assert_non_null(calibrate_check_lapic(LAPIC_HZ_MAX + 1));
    assert_null(calibrate_check_tsc(2994000000ull));
    assert_string_equal(calibrate_check_tsc(0), "the TSC does not count");
    assert_non_null(calibrate_check_tsc(TSC_HZ_MAX + 1));
}

static void period_counts(void **state)
{
    (void)state;
    assert_int_equal(calibrate_period_count(62500000, 1000), 62500);
    assert_int_equal(calibrate_period_count(1000, 1000), 0);      /* 1 count: too coarse */
    assert_int_equal(calibrate_period_count(1ull << 40, 100), 0); /* beyond 32 bits */
    assert_int_equal(calibrate_period_count(62500000, 0), 0);
    assert_int_equal(calibrate_period_count(1193182, 1000), 1193); /* the PIT's divisor */
}

static void conversions(void **state)
{
    (void)state;
    assert_int_equal(counts_to_ns(2994000000ull, 2994000000ull), NS_PER_SEC);
    assert_int_equal(counts_to_ns(1497, 2994000000ull), 500);
    /* a year of a 20 GHz TSC: the remainder step must not overflow */
    uint64_t year = 365ull * 24 * 3600;
    assert_int_equal(counts_to_ns(year * TSC_HZ_MAX + TSC_HZ_MAX - 1, TSC_HZ_MAX),
                     year * NS_PER_SEC + NS_PER_SEC - 1);
    /* QEMU's HPET: 10 ns per tick (100 MHz) */
    assert_int_equal(hpet_counts_to_ns(100000000, 10000000), NS_PER_SEC);
    /* a real ICH HPET: 69841279 fs (14.318 MHz) */
    assert_int_equal(hpet_counts_to_ns(14318180, 69841279), 1000000004);
    assert_int_equal(hpet_counts_to_ns(UINT64_MAX, 10000000),
                     UINT64_MAX / FS_PER_NS * 10000000 + (UINT64_MAX % FS_PER_NS) * 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rates),
        cmocka_unit_test(nonsense_is_refused),
        cmocka_unit_test(period_counts),
        cmocka_unit_test(conversions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
