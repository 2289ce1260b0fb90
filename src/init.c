/* SPDX-License-Identifier: MIT */
/* kernel_init: the start-up steps every kernel image runs before doing its own work. */
#include "kernel.h"

#include "console.h"
#include "panic.h"

#include <arch/paging.h>
#include <arch/protect.h>
#include <arch/trap.h>

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

const struct boot_info *kernel_init(uint32_t magic, uint64_t boot_info_phys)
{
    static struct phys_range ram[BOOT_MMAP_MAX];

    /* Parse first, print later: the console will need to know what the loader set up. */
    const char *error = boot_info_parse(magic, boot_info_phys, &boot_info);
    console_init(&boot_info);
    if (error)
        panic("%s", error);

    /* From here on a fault is reported instead of resetting the machine. */
    trap_init();

    /* Leave the boot page tables for the kernel's own; the console keeps its addresses. */
    error = paging_init(ram, ram_ranges(&boot_info, ram));
    if (error)
        panic("%s", error);
    if (!console_map_devices())
        panic("paging: cannot map the console's device memory");
    paging_activate();
    cpu_protect_init();
    return &boot_info;
}
