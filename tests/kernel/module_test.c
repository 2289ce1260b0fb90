/* SPDX-License-Identifier: MIT */
/*
 * Boot modules: what the loader loaded beside the kernel (tests/kernel/data/module.txt, given to
 * QEMU as -initrd) is listed in the boot information, kept out of the frame allocator's hands
 * and readable through the direct map.
 */
#include "boot_info.h"
#include "ktest.h"
#include "mm.h"

#include <arch/memlayout.h>
#include <string.h>

/* The file's contents, as tests/kernel/data/module.txt holds them. */
static const char expected[] =
    "cyan test module: loaded by the boot loader, read through the direct map.\n";

KTEST(a_boot_module_is_listed_reserved_and_readable)
{
    const struct boot_info *info = ktest_boot_info();
    size_t n;
    const struct memmap_region *map = memory_map(&n);

    if (info->module_count == 0)
        KT_SKIP("booted without a module (the kernel-module test gives one)");
    const struct boot_module *m = &info->modules[0];
    KT_ASSERT_EQ(sizeof(expected) - 1, m->size);
    KT_ASSERT(memcmp(phys_to_virt(m->phys), expected, sizeof(expected) - 1) == 0);
    for (size_t i = 0; i < n; i++) {
        bool overlaps = map[i].base < m->phys + m->size && m->phys < map[i].base + map[i].length;
        KT_ASSERT(!overlaps || map[i].type != MEMMAP_USABLE);
    }
}
