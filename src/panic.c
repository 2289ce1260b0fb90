/* SPDX-License-Identifier: MIT */
/* panic: the kernel's last words, on a red screen and on serial, then a halted CPU (never a
 * reboot). */
#include "panic.h"

#include "console.h"
#include "ksyms.h"
#include "smp/cpu.h"
#include "sync/deadline.h"

#include <arch/cpu.h>
#include <arch/irqflags.h>
#include <arch/lapic.h>
#include <fmt.h>
#include <stdbool.h>

#define STOP_WAIT_MS 1000 /* how long the other CPUs get to answer the NMI and halt */
#define NO_CPU       (-1)

static panic_hook_fn panic_hook;
static int panic_cpu = NO_CPU; /* the one CPU drawing the panic screen */
static unsigned stopped;       /* CPUs halted since: stopped by it, or panicking after it */
static void (*panic_context)(void);

void panic_set_hook(panic_hook_fn hook)
{
    panic_hook = hook;
}

bool panic_in_progress(void)
{
    return __atomic_load_n(&panic_cpu, __ATOMIC_ACQUIRE) != NO_CPU;
}

bool panic_on_this_cpu(void)
{
    return __atomic_load_n(&panic_cpu, __ATOMIC_ACQUIRE) == (int)this_cpu()->index;
}

noreturn void panic_stop_this_cpu(void)
{
    struct cpu *c = this_cpu();

    irq_disable();
    if (!c->stopped) {
        c->stopped = true;
        __atomic_fetch_add(&stopped, 1, __ATOMIC_RELEASE);
    }
    cpu_halt_forever(); /* NMIs stay blocked: this handler never returns (SDM 3A 6.7.1) */
}

/*
 * Halt every other CPU with an NMI (their interrupts may be masked) before touching the screen,
 * so nobody draws over the report or changes what it shows; wait for them, boundedly, and name
 * those that did not answer.
 */
static void stop_others(void)
{
    unsigned others = cpu_count() - 1;

    if (others == 0)
        return;
    if (!lapic_send_nmi_others(lapic_bus()))
        kprintf("panic: the local APIC did not send the NMI that stops the other CPUs\n");
    struct deadline d = deadline_in_ms(STOP_WAIT_MS);
    while (__atomic_load_n(&stopped, __ATOMIC_ACQUIRE) < others && !deadline_passed(&d))
        cpu_relax();
}

static void report_running_cpus(void)
{
    for (unsigned i = 0; i < cpu_count(); i++) {
        const struct cpu *c = cpu_get(i);
        if (c != this_cpu() && !__atomic_load_n(&c->stopped, __ATOMIC_ACQUIRE))
            kprintf("panic: CPU %u (APIC ID %u) did not stop within %u ms\n", c->index, c->apic_id,
                    STOP_WAIT_MS);
    }
}

noreturn void halt_every_cpu(void)
{
    int none = NO_CPU;

    irq_disable();
    /* the same claim a panic makes, so the NMI handlers halt quietly and a panic elsewhere
     * wins */
    if (!__atomic_compare_exchange_n(&panic_cpu, &none, (int)this_cpu()->index, false,
                                     __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        panic_stop_this_cpu();
    stop_others();
    cpu_halt_forever();
}

void panic_set_context(void (*context)(void))
{
    panic_context = context;
}

static noreturn void vpanic(panic_details_fn details, const void *ctx, const char *fmt, va_list ap)
{
    static char message[PANIC_MESSAGE_MAX];
    char own[PANIC_MESSAGE_MAX];
    int expected = NO_CPU, me;

    fmt_vsnprintf(own, sizeof(own), fmt, ap);
    if (panic_hook)
        panic_hook(own);
    /* No interrupt may draw over the report, and no lock may keep it from the screen. */
    irq_disable();
    me = (int)this_cpu()->index;
    if (!__atomic_compare_exchange_n(&panic_cpu, &expected, me, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        if (expected != me)
            panic_stop_this_cpu(); /* another CPU panicked first: its screen is the one */
        /* the panic report itself failed: keep the first screen, add one line and stop */
        console_panic();
        kprintf("\npanic while panicking: %s\n", own);
        cpu_halt_forever();
    }
    fmt_snprintf(message, sizeof(message), "%s", own); /* static: the IST stacks are small */
    stop_others();
    console_panic();

    console_serial_write("\n"); /* a line of its own on COM1, after whatever was half written */
    console_clear(COLOR_WHITE, COLOR_RED);
    /* on one CPU the number says nothing: the headline stays "panic: ..." */
    if (cpu_count() > 1)
        kprintf("panic on CPU %d: %s\n", me, message);
    else
        kprintf("panic: %s\n", message);
    report_running_cpus();
    if (panic_context)
        panic_context();
    if (details)
        details(ctx);
    kprintf(cpu_count() > 1 ? "cyan: every CPU is halted.\n" : "cyan: the CPU is halted.\n");
    cpu_halt_forever();
}

noreturn void panic(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vpanic(NULL, NULL, fmt, ap);
}

/*
 * Called by code built with -fstack-protector-strong when a function finds its canary changed:
 * something wrote past the end of a local array and over the frame.
 */
noreturn void __stack_chk_fail(void);
noreturn void __stack_chk_fail(void)
{
    /* the call may be the function's last instruction: name the byte before the return address */
    uint64_t ret = (uintptr_t)__builtin_return_address(0);
    const char *name = "?";
    uint64_t offset = 0;

    ksym_lookup(ret - 1, &name, &offset);
    panic("stack protector: canary overwritten in %s+0x%lx (%016lx): a local array overflowed "
          "into the stack frame",
          name, (unsigned long)offset + 1, (unsigned long)ret);
}

noreturn void panic_with_details(panic_details_fn details, const void *ctx, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vpanic(details, ctx, fmt, ap);
}
