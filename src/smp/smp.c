/* SPDX-License-Identifier: MIT */
/*
 * Starting the application processors (Intel SDM vol. 3A 8.4.4, "MP Initialization Example";
 * the MP specification's appendix B.4): for each, INIT, 10 ms, STARTUP, 200 us, and a second
 * STARTUP if it has not answered yet. The BSP starts them one at a time, so one trampoline page
 * and one set of parameters serve all, and a CPU that never answers is named and left in INIT.
 */
#include "smp/smp.h"

#include "console.h"
#include "heap.h"
#include "irq/irq.h"
#include "mm.h"
#include "sched/sched.h"
#include "smp/ap_plan.h"
#include "smp/cpu.h"
#include "time/clock.h"
#include "time/timer.h"

#include <arch/cpu.h>
#include <arch/idt.h>
#include <arch/irqflags.h>
#include <arch/lapic.h>
#include <arch/trampoline.h>
#include <fmt.h>

#define INIT_DELAY_NS     10000000ull /* after INIT, before STARTUP: 10 ms (SDM 3A 8.4.4.1) */
#define STARTUP_DELAY_NS  200000ull   /* after each STARTUP: 200 us (same) */
/* From the first STARTUP to online. Real CPUs take microseconds; under emulation on a loaded
 * host a new virtual CPU may wait for a host thread for tens of milliseconds. */
#define ONLINE_TIMEOUT_NS 2000000000ull
#define AP_IST_SIZE       0x2000 /* as the BSP's IST stacks (IST_STACK_SIZE) */
#define NAME_MAX          KSTACK_NAME_MAX

_Static_assert(MEMORY_LOW_RUN >= TRAMPOLINE_SIZE, "memory_init keeps room for the trampoline");

/* What the MADT listed: enabled processors (the BSP included), and disabled ones. */
static struct {
    unsigned listed, disabled;
} report;

_Noreturn void smp_ap_idle(void)
{
    irq_idle_forever();
}

/* Runs on the new CPU, from the trampoline, on its own stack; interrupts off. */
static void ap_main(void *arg)
{
    struct cpu *c = arg;
    char *const ist[CPU_IST_STACKS] = {c->ist[0].top, c->ist[1].top, c->ist[2].top};

    trampoline_finish();
    cpu_arch_load(&c->arch, ist);
    idt_load();
    c->boot_error = irq_init_this_cpu(c->acpi_uid);
    if (!c->boot_error && !timer_start_this_cpu())
        c->boot_error = "no local timer: the PIT's tick reaches only the BSP";
    __atomic_store_n(&c->online, true, __ATOMIC_RELEASE);
    if (c->boot_error)
        smp_ap_idle();
    sched_enter_ap();
}

/* Spin until ns have passed on the clock, or *flag is set; whether it was. */
static bool wait_for(const volatile bool *flag, uint64_t ns)
{
    uint64_t end = clock_ns() + ns;

    while (clock_ns() < end) {
        if (__atomic_load_n(flag, __ATOMIC_ACQUIRE))
            return true;
        cpu_relax();
    }
    return __atomic_load_n(flag, __ATOMIC_ACQUIRE);
}

static bool alloc_stacks(struct cpu *c, unsigned index)
{
    static const char *const ist_names[CPU_IST_STACKS] = {"double-fault", "NMI", "machine-check"};
    char name[NAME_MAX];

    fmt_snprintf(name, sizeof(name), "CPU %u kernel stack", index);
    if (!kstack_alloc(&c->stack, KSTACK_DEFAULT_SIZE, name))
        return false;
    for (unsigned i = 0; i < CPU_IST_STACKS; i++) {
        fmt_snprintf(name, sizeof(name), "CPU %u %s stack", index, ist_names[i]);
        if (!kstack_alloc(&c->ist[i], AP_IST_SIZE, name))
            return false;
    }
    return true;
}

/* The INIT-STARTUP-STARTUP sequence; whether c came online. */
static bool start(struct cpu *c)
{
    const struct lapic_bus *bus = lapic_bus();
    uint64_t t0 = clock_ns();

    trampoline_prepare(ap_main, c, c->stack.top);
    if (!lapic_send_init(bus, c->apic_id))
        return false;
    wait_for(&c->online, INIT_DELAY_NS);
    uint64_t t1 = clock_ns();
    for (int i = 0; i < 2 && !c->online; i++) {
        if (!lapic_send_startup(bus, c->apic_id, trampoline_vector()))
            return false;
        wait_for(&c->online, STARTUP_DELAY_NS);
    }
    bool up = wait_for(&c->online, ONLINE_TIMEOUT_NS);
    c->answer_ns = clock_ns() - t1;
    c->boot_ns = clock_ns() - t0;
    return up;
}

/* Bring up the processor the MADT entry m describes; if it does not come up, say so. */
static void bring_up(const struct madt_cpu *m)
{
    unsigned index = cpu_count();
    struct cpu *c = kzalloc(sizeof(*c));

    if (!c || !alloc_stacks(c, index)) {
        kprintf("smp: out of memory for the stacks of APIC ID %u: skipped\n", m->apic_id);
        for (unsigned i = 0; c && i < CPU_IST_STACKS; i++)
            kstack_free(&c->ist[i]);
        if (c)
            kstack_free(&c->stack);
        kfree(c);
        return;
    }
    c->index = index;
    c->apic_id = m->apic_id;
    c->acpi_uid = m->uid;
    if (!start(c)) {
        /* INIT again parks it in wait-for-SIPI; its stacks stay allocated in case it is still
         * running on them */
        lapic_send_init(lapic_bus(), c->apic_id);
        kprintf("smp: the CPU with APIC ID %u did not come online within %lu ms: skipped\n",
                m->apic_id, (unsigned long)(ONLINE_TIMEOUT_NS / 1000000));
        return;
    }
    if (c->boot_error)
        kprintf("smp: CPU %u (APIC ID %u) is up, but %s\n", index, c->apic_id, c->boot_error);
    cpu_add(c);
}

/* Whether the MADT entry m is one to start; reasons for skipping are printed. */
static bool startable(const struct madt_cpu *m, uint32_t bsp_id)
{
    for (unsigned i = 1; i < cpu_count(); i++) {
        if (cpu_get(i)->apic_id == m->apic_id)
            return false; /* started already */
    }
    switch (ap_plan(m, bsp_id, lapic_bus()->x2apic, cpu_count(), CPU_MAX)) {
    case AP_START:
        report.listed++;
        return true;
    case AP_IS_BSP:
        return false;
    case AP_DISABLED:
        report.disabled++;
        return false;
    case AP_NEEDS_X2APIC:
        report.listed++;
        kprintf("smp: APIC ID %u needs x2APIC mode, which this CPU does not have: skipped\n",
                m->apic_id);
        return false;
    case AP_TOO_MANY:
        report.listed++;
        kprintf("smp: APIC ID %u is past the %u CPUs cyan is built for: skipped\n", m->apic_id,
                CPU_MAX);
        return false;
    }
    return false;
}

static void summary(void)
{
    kprintf("smp: %u of %u CPUs online (APIC IDs", cpu_count(), report.listed);
    for (unsigned i = 0; i < cpu_count(); i++)
        kprintf(" %u", cpu_get(i)->apic_id);
    kprintf(")\n");
    unsigned aps = cpu_count() - 1;
    uint64_t ns = 0, answer = 0;
    for (unsigned i = 1; i <= aps; i++) {
        ns += cpu_get(i)->boot_ns;
        answer += cpu_get(i)->answer_ns;
    }
    if (aps)
        kprintf("smp: %u AP%s started in %lu us, %lu us each from INIT to online (%lu us of it "
                "after the STARTUP IPI)\n",
                aps, aps == 1 ? "" : "s", (unsigned long)(ns / 1000),
                (unsigned long)(ns / 1000 / aps), (unsigned long)(answer / 1000 / aps));
    if (report.disabled)
        kprintf("smp: %u more listed in the MADT as disabled, not started\n", report.disabled);
}

unsigned smp_start_listed(const struct acpi_madt *madt)
{
    unsigned before = cpu_count();

    for (size_t i = 0; i < madt->cpu_count; i++) {
        if (startable(&madt->cpus[i], this_cpu()->apic_id))
            bring_up(&madt->cpus[i]);
    }
    return cpu_count() - before;
}

void smp_init(void)
{
    const struct acpi_madt *madt = irq_madt();

    this_cpu()->apic_id = irq_lapic_id();
    report.listed = 1;
    if (!madt) {
        kprintf("smp: 1 of 1 CPUs online (no local APIC in use: no other CPU can be started)\n");
        return;
    }
    phys_addr_t low = memory_low_run();
    if (!low) {
        kprintf("smp: no free RAM below 1 MiB for the start-up code: only the BSP runs\n");
        return;
    }
    trampoline_install(low);
    smp_start_listed(madt);
    summary();
}
