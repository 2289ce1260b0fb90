/* SPDX-License-Identifier: MIT */
/*
 * Host unit tests of which MADT processors the BSP starts: the BSP itself and disabled entries
 * never, an APIC ID of 255 or more only with x2APIC (what QEMU's TCG cannot give: it has no
 * x2APIC, and Bochs stops at a few CPUs), and none past the build's limit.
 */
#include "smp/ap_plan.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#define CPU_LIMIT 4

static struct madt_cpu cpu(uint32_t apic_id, bool enabled)
{
    return (struct madt_cpu){.apic_id = apic_id, .uid = apic_id, .enabled = enabled};
}

static void the_bsp_and_disabled_cpus_are_not_started(void **state)
{
    (void)state;
    struct madt_cpu bsp = cpu(0, true), off = cpu(1, false), on = cpu(2, true);
    assert_int_equal(ap_plan(&bsp, 0, false, 1, CPU_LIMIT), AP_IS_BSP);
    assert_int_equal(ap_plan(&off, 0, false, 1, CPU_LIMIT), AP_DISABLED);
    assert_int_equal(ap_plan(&on, 0, false, 1, CPU_LIMIT), AP_START);
    /* a BSP that is not APIC ID 0 (some firmware boots on another core) */
    struct madt_cpu zero = cpu(0, true);
    assert_int_equal(ap_plan(&zero, 4, false, 1, CPU_LIMIT), AP_START);
}

static void ids_from_255_need_x2apic_mode(void **state)
{
    (void)state;
    struct madt_cpu last_xapic = cpu(254, true), broadcast = cpu(255, true), big = cpu(300, true);
    assert_int_equal(ap_plan(&last_xapic, 0, false, 1, CPU_LIMIT), AP_START);
    assert_int_equal(ap_plan(&broadcast, 0, false, 1, CPU_LIMIT), AP_NEEDS_X2APIC);
    assert_int_equal(ap_plan(&big, 0, false, 1, CPU_LIMIT), AP_NEEDS_X2APIC);
    assert_int_equal(ap_plan(&broadcast, 0, true, 1, CPU_LIMIT), AP_START);
    assert_int_equal(ap_plan(&big, 0, true, 1, CPU_LIMIT), AP_START);
}

static void none_past_the_limit(void **state)
{
    (void)state;
    struct madt_cpu on = cpu(7, true), off = cpu(8, false);
    assert_int_equal(ap_plan(&on, 0, true, CPU_LIMIT - 1, CPU_LIMIT), AP_START);
    assert_int_equal(ap_plan(&on, 0, true, CPU_LIMIT, CPU_LIMIT), AP_TOO_MANY);
    assert_int_equal(ap_plan(&off, 0, true, CPU_LIMIT, CPU_LIMIT), AP_DISABLED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_bsp_and_disabled_cpus_are_not_started),
        cmocka_unit_test(ids_from_255_need_x2apic_mode),
        cmocka_unit_test(none_past_the_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
