/* SPDX-License-Identifier: MIT */
/*
 * Interrupts through the APICs and the tick: the first test brings up what the product kernel
 * brings up after its greeting (ACPI tables, APICs, calibrated timer, clock, interrupts on), the
 * others check it from inside: local vectors and their end of interrupt, spurious interrupts,
 * ISA IRQ 0 through the MADT's source override, masked IOAPIC inputs, the tick during sleep_ms,
 * the clock against the tick, and printing from an interrupt handler. Listed last in
 * tests/kernel/meson.build: from the first test on, interrupts stay on.
 */
#include "acpi/system.h"
#include "console.h"
#include "irq/irq.h"
#include "kernel.h"
#include "ktest.h"
#include "time/calibrate.h"
#include "time/clock.h"
#include "time/timer.h"

#include <arch/cpu.h>
#include <arch/idt.h>
#include <arch/irqflags.h>
#include <arch/lapic.h>
#include <arch/pc/ioapic.h>
#include <arch/pc/pit.h>

#define TEST_VECTOR      0xe5 /* between the IRQ vectors and the timer's */
#define PRINT_VECTOR     0xe6
#define NS_PER_MS        1000000ull
#define PIT_TEST_HZ      1000
#define SPIN_LIMIT_READS (1ul << 24) /* bounded waits: far longer than any interrupt takes */
#define WAIT_NS          1000000000ull

static volatile unsigned long local_count, pit_count, printed;

static void count_local(void)
{
    local_count++;
}

static void count_pit(void)
{
    pit_count++;
}

static void print_from_handler(void)
{
    kprintf("timer test: printed from an interrupt handler\n");
    printed++;
}

/*
 * Wait until *counter reaches target, for a second at most by the clock (and a bounded number of
 * reads, should the clock be what is broken); whether it did. Interrupts are switched on first:
 * the runner may have left them off after an earlier test.
 */
static bool wait_for(volatile unsigned long *counter, unsigned long target)
{
    uint64_t start = clock_ns();

    irq_enable();
    for (unsigned long i = 0; i < SPIN_LIMIT_READS && *counter < target; i++) {
        if (clock_ns() - start > WAIT_NS)
            break;
        cpu_relax();
    }
    return *counter >= target;
}

KTEST(start_up_brings_up_the_apics_the_tick_and_the_clock)
{
    kernel_init_interrupts(ktest_boot_info());
    KT_ASSERT(irq_enabled());
    KT_ASSERT_EQ(IRQ_APIC, irq_controller());
    const struct acpi_system *sys = acpi_system();
    KT_ASSERT(sys->has_madt);
    /* the ID the APIC reports is the one the MADT lists for the boot processor */
    KT_ASSERT_EQ(sys->madt.cpus[0].apic_id, irq_lapic_id());
    KT_ASSERT_EQ(irq_lapic_id(), lapic_bus_id(lapic_bus()));
    KT_ASSERT(timer_ticks() > 0);
}

KTEST(a_local_vector_runs_its_handler_and_the_end_of_interrupt_lets_the_next_in)
{
    unsigned long before = local_count;

    irq_local(TEST_VECTOR, count_local);
    /* without an end of interrupt the first stays in service and blocks the second */
    lapic_self_ipi(lapic_bus(), TEST_VECTOR);
    KT_ASSERT(wait_for(&local_count, before + 1));
    lapic_self_ipi(lapic_bus(), TEST_VECTOR);
    KT_ASSERT(wait_for(&local_count, before + 2));
}

KTEST(a_spurious_interrupt_is_counted_and_nothing_else_happens)
{
    unsigned long before = irq_spurious_count();

    __asm__ volatile("int %0" : : "i"(VECTOR_APIC_SPURIOUS) : "memory");
    KT_ASSERT_EQ(before + 1, irq_spurious_count());
    KT_ASSERT_EQ(0, irq_apic_error_count());
}

KTEST(isa_irq_0_arrives_through_its_source_override)
{
    struct irq_route route;
    struct madt_override pit = acpi_madt_isa_irq(&acpi_system()->madt, 0);

    KT_ASSERT(!irq_route(0, count_pit));
    KT_ASSERT(irq_route_of(0, &route));
    KT_ASSERT_EQ(pit.gsi, route.gsi); /* QEMU: ISA IRQ 0 is GSI 2 */
    KT_ASSERT(!route.level && !route.active_low);
    pit_set_periodic(PIT_TEST_HZ);
    bool arrived = wait_for(&pit_count, 5);
    pit_stop();
    irq_unroute(0);
    KT_ASSERT(arrived);
}

KTEST(ioapic_inputs_nobody_routed_stay_masked)
{
    const struct madt_ioapic *io = &acpi_system()->madt.ioapics[0];
    unsigned inputs = ioapic_probe(io->phys);

    KT_ASSERT(inputs > 0);
    for (unsigned pin = 0; pin < inputs; pin++)
        KT_ASSERT(ioapic_entry(io->phys, pin) & IOAPIC_RTE_MASKED);
}

KTEST(the_tick_advances_while_sleep_ms_halts)
{
    uint64_t t0 = timer_ticks(), c0 = clock_ns();

    sleep_ms(50);
    uint64_t ticks = timer_ticks() - t0, ns = clock_ns() - c0;
    KT_ASSERT(ns >= 50 * NS_PER_MS);
    /* never more ticks than the time slept allows; an emulator under load drops late ticks
     * (see below), so down to a quarter of the 50 ms's worth */
    KT_ASSERT_EQ(0, ticks > ns * timer_hz() / NS_PER_SEC + 2 ? ticks : 0);
    KT_ASSERT_EQ(0, ticks < 50ull * timer_hz() / 1000 / 4 ? ticks : 0);
}

KTEST(the_clock_never_goes_back_and_agrees_with_the_tick)
{
    uint64_t last = clock_ns();

    for (int i = 0; i < 10000; i++) {
        uint64_t now = clock_ns();
        KT_ASSERT(now >= last);
        last = now;
    }
    uint64_t t0 = timer_ticks(), c0 = clock_ns();
    sleep_ms(100);
    uint64_t tick_ns = 1000000000ull / timer_hz();
    uint64_t by_ticks = (timer_ticks() - t0) * tick_ns, by_clock = clock_ns() - c0;
    /* A tick is never early: more ticks than the clock allows is a miscalibrated timer. An
     * emulator on a loaded host drops ticks it could not deliver in time (QEMU merges a late
     * periodic interrupt with the next), so fewer are allowed, down to a quarter. */
    KT_ASSERT(by_ticks <= by_clock + 2 * tick_ns);
    KT_ASSERT(by_ticks * 4 >= by_clock);
}

KTEST(an_interrupt_handler_may_print)
{
    unsigned long before = printed;

    irq_local(PRINT_VECTOR, print_from_handler);
    lapic_self_ipi(lapic_bus(), PRINT_VECTOR);
    KT_ASSERT(wait_for(&printed, before + 1));
    kprintf("timer test: and the kernel prints on\n");
}
