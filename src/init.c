/* SPDX-License-Identifier: MIT */
/* kernel_init: the start-up steps every kernel image runs before doing its own work, in order. */
#include "kernel.h"

#include "acpi/system.h"
#include "console.h"
#include "exception.h"
#include "irq/irq.h"
#include "mm.h"
#include "paging_lock.h"
#include "panic.h"
#include "smp/call.h"
#include "smp/cpu.h"
#include "smp/shootdown.h"
#include "smp/smp.h"
#include "time/clock.h"
#include "time/timer.h"

#include <arch/irqflags.h>

#include <arch/protect.h>

static struct boot_info boot_info;

/* Each step returns NULL or what went wrong; a step that fails stops the kernel with its reason. */
static void step(const char *error)
{
    if (error)
        panic("%s", error);
}

const struct boot_info *kernel_init(uint32_t magic, uint64_t boot_info_phys)
{
    /* This CPU's GDT, TSS and GS base: everything after may ask which CPU it runs on. */
    cpu_init_bsp();
    /* Parse first, print later: the console needs to know what screen the loader set up. */
    const char *boot_error = boot_info_parse(magic, boot_info_phys, &boot_info);
    /* The screen and COM1, so that from here on every failure can be read. */
    console_init(&boot_info);
    step(boot_error);
    /* All 256 vectors reported instead of a reset; the 8259 PICs remapped and masked. */
    exception_init();
    /* The normalised memory map, the frame allocator, and the kernel's own page tables (W^X,
     * guard pages, no NULL page, all RAM in the direct map, the screen's memory). */
    struct device_range screen = console_device();
    step(memory_init(&boot_info, magic, boot_info_phys, &screen, 1));
    /* A framebuffer above 4 GiB is mapped now: the screen from here on. */
    console_attach_framebuffer();
    /* NX, SMEP, SMAP, UMIP where the CPU has them. */
    cpu_protect_init();
    return &boot_info;
}

void kernel_init_interrupts(const struct boot_info *info)
{
    /* The firmware's tables: which interrupt controllers and timers there are, and where. */
    const struct acpi_system *sys = acpi_system_init(info);
    /* IOAPICs masked, the local APIC on (or the 8259 PICs if either is missing). */
    irq_init(sys, info);
    /* Before any other CPU runs: cross-calls, TLB shootdowns through them, the tables' lock. */
    smp_call_init();
    tlb_shootdown_init();
    paging_lock_init();
    /* The local APIC timer calibrated against the HPET or PIT, and started. */
    step(timer_init(sys, info));
    /* From here on interrupts are on; the tick must be seen to arrive. */
    irq_enable();
    step(timer_verify());
    /* The best monotonic clock there is. */
    clock_init();
    /* The other CPUs, timed with that clock. */
    smp_init();
}
