/* SPDX-License-Identifier: MIT */
/*
 * kmain of the crash kernel: boots like the product kernel, then crashes the way its command line
 * says, with no test runner in the way, so a test can read the real panic screen from outside.
 *   crash=page-fault   write to an unmapped address
 *   crash=nmi          wait for an NMI (the test injects one through QMP)
 *   crash=timer        panic from inside the timer's interrupt handler, at tick 100
 *   crash=console      fault inside kprintf, with the console lock held
 *   crash=irq-nmi      interrupts and the tick on, then wait for an NMI
 *   crash=ap-panic     every CPU prints, then CPU 1 panics: the others must stop at once
 *   crash=kthread      a kernel thread named 'crasher' panics while the boot thread waits
 * and, instead of crashing, shows its memory to the outside:
 *   probe=high-frame   write a pattern into a frame above 4 GiB through the direct map, say
 *                      where, and halt, for the test to read it back with QMP xp
 *   probe=deaf-cpu     after the real CPUs, try to start one the MADT might list but that is
 *                      not there (APIC ID DEAF_APIC_ID): it must be named, skipped, and the
 *                      kernel go on
 */
#include "console.h"
#include "frame.h"
#include "kernel.h"
#include "panic.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "smp/call.h"
#include "smp/cpu.h"
#include "smp/smp.h"
#include "sync/deadline.h"
#include "time/clock.h"
#include "time/timer.h"

#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <stdint.h>

#define PROBE_PATTERN 0xc0ffee0ddba11ULL /* mixed with the frame's address below */

/* A frame from the allocator (which hands out the highest zone first), a pattern in its first
 * word written through the direct map, and a line naming both. */
static noreturn void probe_high_frame(void)
{
    phys_addr_t frame = frame_alloc(0, 0);
    uint64_t value = PROBE_PATTERN ^ frame;

    *(volatile uint64_t *)phys_to_virt(frame) = value;
    kprintf("probe: frame 0x%lx holds 0x%016lx\n", (unsigned long)frame, (unsigned long)value);
    cpu_halt_forever();
}

#define DEAF_APIC_ID 0x7e /* below QEMU's IDs for -smp up to 126, and not the broadcast 0xff */

/* An MADT with one enabled processor nobody answers for. */
static noreturn void probe_deaf_cpu(const struct boot_info *info)
{
    static struct acpi_madt madt = {.cpu_count = 1};
    madt.cpus[0] = (struct madt_cpu){.apic_id = DEAF_APIC_ID, .uid = DEAF_APIC_ID, .enabled = true};

    kernel_init_interrupts(info);
    uint64_t t0 = clock_ns();
    unsigned started = smp_start_listed(&madt);
    kprintf("probe: %u started, %u CPUs online, back after %lu ms\n", started, cpu_count(),
            (unsigned long)((clock_ns() - t0) / 1000000));
    cpu_halt_forever();
}

#define UNMAPPED_ADDRESS 0xdead000 /* low memory: nothing is mapped below the kernel window */
#define PANIC_TICK       100

static long crasher(void *arg)
{
    (void)arg;
    panic("crash kernel: panic in a kernel thread");
}

/* The boot context becomes a thread that waits for another thread, which panics. */
static void panic_in_thread(const struct boot_info *info)
{
    kernel_init_interrupts(info);
    sched_init("kmain");
    struct thread *t = thread_create(crasher, NULL, "crasher");
    if (t)
        thread_join(t);
}

static void panic_at_tick(uint64_t ticks)
{
    if (ticks == PANIC_TICK)
        panic("crash kernel: panic from the timer interrupt at tick %lu", (unsigned long)ticks);
}

#define AP_PANIC_AFTER_MS 300   /* the others print for a while first */
#define PRINT_EVERY_MS    50    /* a line from each of them this often */
#define PRINT_FOR_MS      10000 /* and for this long at most, if nothing stops them */

static void pause_ms(unsigned ms)
{
    struct deadline d = deadline_in_ms(ms);

    while (!deadline_passed(&d))
        cpu_relax();
}

/* On every CPU at once: CPU 1 panics, the others print until the panic stops them. */
static void print_until_stopped(void *arg)
{
    unsigned me = this_cpu()->index;
    struct deadline end = deadline_in_ms(PRINT_FOR_MS);

    (void)arg;
    if (me == 1) {
        pause_ms(AP_PANIC_AFTER_MS);
        panic("crash kernel: panic on an AP while the other CPUs print");
    }
    for (unsigned n = 0; !deadline_passed(&end); n++) {
        kprintf("crash kernel: CPU %u still running (%u)\n", me, n);
        pause_ms(PRINT_EVERY_MS);
    }
    kprintf("crash kernel: CPU %u was never stopped\n", me);
}

static noreturn void panic_on_an_ap(const struct boot_info *info)
{
    kernel_init_interrupts(info);
    if (cpu_count() < 2) {
        kprintf("crash kernel: ap-panic needs a second CPU (QEMU -smp 2)\n");
        cpu_halt_forever();
    }
    kprintf("crash kernel: %u CPUs online\n", cpu_count());
    smp_call_all(print_until_stopped, NULL);
    kprintf("crash kernel: no crash happened\n");
    cpu_halt_forever();
}

noreturn void kmain(uint32_t magic, uint64_t boot_info_phys)
{
    const struct boot_info *info = kernel_init(magic, boot_info_phys);
    char crash[16] = "";

    if (boot_info_cmdline_get(info, "probe", crash, sizeof(crash)))
        crash[0] == 'd' ? probe_deaf_cpu(info) : probe_high_frame();
    boot_info_cmdline_get(info, "crash", crash, sizeof(crash));
    kprintf("crash kernel: crash=%s\n", crash);
    if (crash[0] == 'a')
        panic_on_an_ap(info);
    if (crash[0] == 'p') {
        *(volatile uint64_t *)UNMAPPED_ADDRESS = 1;
    } else if (crash[0] == 't') {
        kernel_init_interrupts(info);
        timer_set_hook(panic_at_tick);
        kprintf("crash kernel: waiting for tick %u\n", PANIC_TICK);
        for (;;)
            cpu_relax(); /* interrupts on: the tick comes while the kernel runs */
    } else if (crash[0] == 'c') {
        kernel_init_interrupts(info);
        kprintf("crash kernel: %s\n", (const char *)UNMAPPED_ADDRESS);
    } else if (crash[0] == 'i') {
        kernel_init_interrupts(info);
        kprintf("crash kernel: ticking, waiting for an NMI\n");
        for (;;)
            cpu_relax();
    } else if (crash[0] == 'k') {
        panic_in_thread(info);
    } else if (crash[0] == 'n') {
        kprintf("crash kernel: waiting for an NMI\n");
        for (;;)
            cpu_relax();
    }
    kprintf("crash kernel: no crash happened\n");
    cpu_halt_forever();
}
