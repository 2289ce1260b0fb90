/* SPDX-License-Identifier: MIT */
/*
 * Host unit tests of the local APIC programming (arch/x86_64/lapic.c) on a recorded register
 * bus: the xAPIC and x2APIC buses see the same sequence, the ID is decoded for each, and the
 * TSC-deadline mode sets the LVT before the deadline (QEMU's TCG has neither x2APIC nor
 * TSC-deadline mode, so this is where those paths run on every build).
 */
#include <arch/lapic.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#define LOG_MAX      64
#define DEADLINE_REG 0xffffffffu /* marks the IA32_TSC_DEADLINE write in the log */

static struct {
    size_t count;
    uint32_t reg[LOG_MAX];
    uint64_t value[LOG_MAX];
} log_;
static uint32_t id_register;

static uint32_t fake_read(uint32_t reg)
{
    return reg == LAPIC_ID ? id_register : 0;
}

static void fake_write(uint32_t reg, uint32_t value)
{
    assert_true(log_.count < LOG_MAX);
    log_.reg[log_.count] = reg;
    log_.value[log_.count++] = value;
}

static void fake_deadline(uint64_t tsc)
{
    log_.reg[log_.count] = DEADLINE_REG;
    log_.value[log_.count++] = tsc;
}

#define ICR_REG 0xfffffffeu /* marks an ICR write in the log: value = dest << 32 | low */

static void fake_icr(uint32_t dest, uint32_t low)
{
    log_.reg[log_.count] = ICR_REG;
    log_.value[log_.count++] = (uint64_t)dest << 32 | low;
}

static const struct lapic_bus xapic = {fake_read, fake_write, fake_deadline, fake_icr, false};
static const struct lapic_bus x2apic = {fake_read, fake_write, fake_deadline, fake_icr, true};

/* The last value written to reg, which must have been written. */
static uint64_t last_write(uint32_t reg)
{
    for (size_t i = log_.count; i-- > 0;) {
        if (log_.reg[i] == reg)
            return log_.value[i];
    }
    fail_msg("register 0x%x never written", reg);
    return 0;
}

static size_t index_of(uint32_t reg)
{
    for (size_t i = 0; i < log_.count; i++) {
        if (log_.reg[i] == reg)
            return i;
    }
    fail_msg("register 0x%x never written", reg);
    return 0;
}

static void setup_programs_vectors_and_nmi(void **state)
{
    (void)state;
    const struct lapic_nmi_pin nmi = {.lint = 1};

    memset(&log_, 0, sizeof(log_));
    lapic_setup(&xapic, 0xff, 0xfe, &nmi, 1);
    assert_int_equal(last_write(LAPIC_SVR), LAPIC_SVR_ENABLE | 0xff);
    assert_int_equal(last_write(LAPIC_LVT_ERROR), 0xfe);
    assert_int_equal(last_write(LAPIC_TPR), 0);
    assert_int_equal(last_write(LAPIC_LVT_LINT1), LVT_DELIVERY_NMI); /* edge, high, unmasked */
    assert_true(last_write(LAPIC_LVT_LINT0) & LVT_MASKED);
    assert_true(last_write(LAPIC_LVT_TIMER) & LVT_MASKED);
    assert_true(index_of(LAPIC_SVR) < index_of(LAPIC_LVT_ERROR)); /* enable before the LVTs */
}

static void setup_is_the_same_on_both_buses(void **state)
{
    (void)state;
    static uint32_t first[LOG_MAX];
    size_t n;

    memset(&log_, 0, sizeof(log_));
    lapic_setup(&xapic, 0xff, 0xfe, NULL, 0);
    n = log_.count;
    memcpy(first, log_.reg, sizeof(first));
    memset(&log_, 0, sizeof(log_));
    lapic_setup(&x2apic, 0xff, 0xfe, NULL, 0);
    assert_int_equal(log_.count, n);
    assert_memory_equal(first, log_.reg, n * sizeof(uint32_t));
}

static void id_decoding(void **state)
{
    (void)state;
    id_register = 0x03000000; /* xAPIC: ID in bits 31:24 */
    assert_int_equal(lapic_bus_id(&xapic), 3);
    id_register = 0x00000123; /* x2APIC: the whole register */
    assert_int_equal(lapic_bus_id(&x2apic), 0x123);
}

static void periodic_timer(void **state)
{
    (void)state;
    memset(&log_, 0, sizeof(log_));
    lapic_timer_periodic(&x2apic, 0xfd, 62500);
    assert_int_equal(last_write(LAPIC_TIMER_DIVIDE), LAPIC_DIVIDE_16);
    assert_int_equal(last_write(LAPIC_LVT_TIMER), LVT_TIMER_PERIODIC | 0xfd);
    assert_int_equal(last_write(LAPIC_TIMER_INITIAL), 62500);
    /* the initial count starts the timer: it must come last */
    assert_int_equal(log_.reg[log_.count - 1], LAPIC_TIMER_INITIAL);
}

static void deadline_timer(void **state)
{
    (void)state;
    memset(&log_, 0, sizeof(log_));
    lapic_timer_deadline(&x2apic, 0xfd, 123456789);
    assert_int_equal(log_.count, 2);
    assert_int_equal(log_.reg[0], LAPIC_LVT_TIMER);
    assert_int_equal(log_.value[0], LVT_TIMER_DEADLINE | 0xfd);
    assert_int_equal(log_.reg[1], DEADLINE_REG);
    assert_int_equal(log_.value[1], 123456789);
}

static void self_ipi(void **state)
{
    (void)state;
    memset(&log_, 0, sizeof(log_));
    lapic_self_ipi(&xapic, 0xe0);
    lapic_self_ipi(&x2apic, 0xe0);
    assert_int_equal(log_.count, 2);
    assert_int_equal(log_.reg[0], LAPIC_ICR_LOW); /* xAPIC: the ICR with the "self" shorthand */
    assert_int_equal(log_.value[0], ICR_DEST_SELF | 0xe0);
    assert_int_equal(log_.reg[1], LAPIC_SELF_IPI); /* x2APIC: its SELF IPI register */
    assert_int_equal(log_.value[1], 0xe0);
}

/* The ICR words the SDM gives (3A 8.4.4.1 and figure 11-12), on both buses. */
static void ipis_name_their_destination_and_delivery_mode(void **state)
{
    (void)state;
    const struct lapic_bus *buses[] = {&xapic, &x2apic};
    for (int b = 0; b < 2; b++) {
        log_.count = 0;
        assert_true(lapic_send_init(buses[b], 3));
        assert_int_equal(last_write(ICR_REG), 3ull << 32 | 0x4500);
        assert_true(lapic_send_startup(buses[b], 3, 0x08));
        assert_int_equal(last_write(ICR_REG), 3ull << 32 | 0x4608);
        assert_true(lapic_send_ipi(buses[b], 7, 0xf1));
        assert_int_equal(last_write(ICR_REG), 7ull << 32 | 0x40f1);
        assert_true(lapic_send_nmi(buses[b], 2));
        assert_int_equal(last_write(ICR_REG), 2ull << 32 | 0x4400);
        assert_true(lapic_send_ipi_others(buses[b], 0xf2));
        assert_int_equal(last_write(ICR_REG), 0xc40f2);
        assert_true(lapic_send_nmi_others(buses[b]));
        assert_int_equal(last_write(ICR_REG), 0xc4400);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(setup_programs_vectors_and_nmi),
        cmocka_unit_test(setup_is_the_same_on_both_buses),
        cmocka_unit_test(id_decoding),
        cmocka_unit_test(periodic_timer),
        cmocka_unit_test(deadline_timer),
        cmocka_unit_test(self_ipi),
        cmocka_unit_test(ipis_name_their_destination_and_delivery_mode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
