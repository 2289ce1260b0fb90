/* SPDX-License-Identifier: MIT */
/* kernel_init: the start-up steps every kernel image runs before doing its own work, in order. */
#include "kernel.h"

#include "acpi/system.h"
#include "console.h"
#include "exception.h"
#include "irq/irq.h"
#include "panic.h"
#include "time/clock.h"
#include "time/timer.h"

#include <arch/irqflags.h>

#include <arch/paging.h>
#include <arch/protect.h>

static struct boot_info boot_info;

/* The RAM regions of the memory map: what the direct map covers. */
static size_t ram_ranges(const struct boot_info *info, struct phys_range *ram)
{
    size_t n = 0;

    for (size_t i = 0; i < info->mmap_count; i++) {
        uint32_t type = info->mmap[i].type;
        if (type == BOOT_MEM_USABLE || type == BOOT_MEM_ACPI_RECLAIMABLE ||
            type == BOOT_MEM_ACPI_NVS)
            ram[n++] = (struct phys_range){info->mmap[i].base, info->mmap[i].length};
    }
    return n;
}

/* The kernel's own page tables: RAM, and the console's device memory, mapped before the switch. */
static const char *memory_init(const struct boot_info *info)
{
    static struct phys_range ram[BOOT_MMAP_MAX];
    struct phys_range screen = console_device();
    struct paging_layout layout = {
        .ram = ram,
        .ram_count = ram_ranges(info, ram),
        .devices = &screen,
        .device_count = 1,
    };

    return paging_init(&layout);
}

/* Each step returns NULL or what went wrong; a step that fails stops the kernel with its reason. */
static void step(const char *error)
{
    if (error)
        panic("%s", error);
}

const struct boot_info *kernel_init(uint32_t magic, uint64_t boot_info_phys)
{
    /* Parse first, print later: the console needs to know what screen the loader set up. */
    const char *boot_error = boot_info_parse(magic, boot_info_phys, &boot_info);
    /* The screen and COM1, so that from here on every failure can be read. */
    console_init(&boot_info);
    step(boot_error);
    /* All 256 vectors reported instead of a reset; the 8259 PICs remapped and masked. */
    exception_init();
    /* Leave the boot page tables for the kernel's own (W^X, guard pages, no NULL page). */
    step(memory_init(&boot_info));
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
    /* The local APIC timer calibrated against the HPET or PIT, and started. */
    step(timer_init(sys, info));
    /* From here on interrupts are on; the tick must be seen to arrive. */
    irq_enable();
    step(timer_verify());
    /* The best monotonic clock there is. */
    clock_init();
}
