/* SPDX-License-Identifier: MIT */
/*
 * Interrupt entry: every vector has a gate and a stub that saves a frame of one shape, handlers
 * registered per vector run and return, a vector nobody claimed is named, and the 8259 PICs are
 * off the exception vectors and masked, so that sti is safe.
 */
#include "ktest.h"

#include <arch/cpu.h>
#include <arch/idt.h>
#include <arch/pc/pic8259.h>
#include <arch/pc/pit.h>
#include <arch/segment.h>
#include <arch/trap.h>

#define TEST_VECTOR 0x41
#define TIMER_HZ    1000
#define TIMER_TICKS 5
/* TSC ticks to wait: at most a few GHz, so 2^27 is >= 30 ms (>= 30 timer periods) and 2^32 about
 * a second or more: plenty for five ticks, never forever. */
#define SHORT_WAIT  (1ULL << 27)
#define LONG_WAIT   (1ULL << 32)

static volatile unsigned long handled;
static volatile struct trap_frame seen;

static void count(struct trap_frame *frame)
{
    handled++;
    seen = *frame;
}

/* The 16-byte gate of vector v, read through the IDTR the CPU uses. */
static const uint8_t *gate(unsigned v)
{
    struct __attribute__((packed)) {
        uint16_t limit;
        uint64_t base;
    } idtr;

    __asm__ volatile("sidt %0" : "=m"(idtr));
    return (const uint8_t *)(uintptr_t)idtr.base + v * GATE_SIZE;
}

KTEST(every_vector_has_a_present_gate_and_df_nmi_mc_have_their_own_stacks)
{
    for (unsigned v = 0; v < IDT_VECTORS; v++) {
        const uint8_t *g = gate(v);
        unsigned expected_ist = v == VECTOR_DF    ? IST_DOUBLE_FAULT
                                : v == VECTOR_NMI ? IST_NMI
                                : v == VECTOR_MC  ? IST_MACHINE_CHECK
                                                  : 0;
        KT_ASSERT(g[5] & BIT(GATE_PRESENT_BIT));
        KT_ASSERT_EQ(SELECTOR_KERNEL_CODE, g[2] | g[3] << 8);
        KT_ASSERT_EQ(expected_ist, g[4] & 7u);
    }
}

KTEST(a_registered_handler_runs_with_the_frame_of_its_vector_and_returns)
{
    unsigned long before = handled;

    trap_register(TEST_VECTOR, count);
    __asm__ volatile("int %0" : : "i"(TEST_VECTOR) : "memory");
    trap_register(TEST_VECTOR, NULL);
    KT_ASSERT_EQ(before + 1, handled);
    /* a frame one word off (an error code where none was pushed) would misplace all of these */
    KT_ASSERT_EQ(TEST_VECTOR, seen.vector);
    KT_ASSERT_EQ(0, seen.error_code);
    KT_ASSERT_EQ(SELECTOR_KERNEL_CODE, seen.cs);
    KT_ASSERT_EQ(SELECTOR_KERNEL_DATA, seen.ss);
}

KTEST_SHOULD_PANIC(an_unregistered_vector_is_reported_by_number_and_name,
                   "unexpected interrupt, vector 0x40 (an IOAPIC input with no handler) at "
                   "*<an_unregistered_vector_is_reported_by_number_and_name+0x")
{
    __asm__ volatile("int $0x40" ::: "memory");
}

KTEST_SHOULD_PANIC(an_unclaimed_pic_vector_names_the_irq_line,
                   "unexpected interrupt, vector 0x21 (8259 IRQ 1 (PS/2 keyboard))")
{
    __asm__ volatile("int $0x21" ::: "memory");
}

KTEST(vectors_outside_the_exceptions_are_named_by_the_layout)
{
    const char *mnemonic;

    KT_ASSERT_STREQ("not assigned", trap_vector_name(VECTOR_IRQ_LAST + 1, &mnemonic));
    KT_ASSERT_STREQ("", mnemonic);
    KT_ASSERT_STREQ("an IOAPIC input with no handler",
                    trap_vector_name(VECTOR_IRQ_FIRST, &mnemonic));
    KT_ASSERT_STREQ("local APIC timer", trap_vector_name(VECTOR_APIC_TIMER, &mnemonic));
    KT_ASSERT_STREQ("local APIC spurious", trap_vector_name(VECTOR_APIC_SPURIOUS, &mnemonic));
    KT_ASSERT_STREQ("page fault", trap_vector_name(VECTOR_PF, &mnemonic));
    KT_ASSERT_STREQ("#PF", mnemonic);
}

KTEST(both_pics_are_masked_at_start_up)
{
    KT_ASSERT_EQ(0xffff, pic_mask_register());
}

/* Spin with interrupts on until *counter reaches target or the TSC has moved by ticks. */
static void wait_with_interrupts_on(volatile unsigned long *counter, unsigned long target,
                                    uint64_t ticks)
{
    uint64_t start = cpu_rdtsc();

    cpu_enable_interrupts();
    while (*counter < target && cpu_rdtsc() - start < ticks)
        cpu_relax();
    cpu_disable_interrupts();
}

KTEST(sti_with_the_timer_running_and_the_pics_masked_takes_no_interrupt)
{
    /* an unmasked or unremapped PIC would deliver IRQ 0 as vector 0x20 (unclaimed) or 8 (#DF) */
    pit_set_periodic(TIMER_HZ);
    wait_with_interrupts_on(&handled, ~0ul, SHORT_WAIT);
    pit_stop();
}

KTEST(the_pit_timer_arrives_on_the_remapped_vector_once_unmasked)
{
    unsigned long before = handled;

    pic_route(0, count);
    pit_set_periodic(TIMER_HZ);
    wait_with_interrupts_on(&handled, before + TIMER_TICKS, LONG_WAIT);
    pit_stop();
    pic_unroute(0);
    KT_ASSERT(handled >= before + TIMER_TICKS);
    KT_ASSERT_EQ(VECTOR_PIC_MASTER, seen.vector);
    KT_ASSERT_EQ(0xffff, pic_mask_register());
}

KTEST(a_spurious_irq7_is_recognised_and_not_handled)
{
    unsigned long before = pic_spurious_count();

    /* as the PIC would send it: vector 0x27 with nothing in service */
    __asm__ volatile("int %0" : : "i"(VECTOR_PIC_MASTER + PIC_SPURIOUS_IRQ) : "memory");
    KT_ASSERT_EQ(before + 1, pic_spurious_count());
}
