/* SPDX-License-Identifier: MIT */
/* boot_info_parse: pick the parser for the protocol that started the kernel. */
#include "boot_info.h"

#include "boot_mb2.h"
#include "boot_pvh.h"

#include <arch/memlayout.h>
#include <arch/multiboot2.h>
#include <arch/pvh.h>

const char *boot_info_parse(uint32_t magic, uint64_t phys, struct boot_info *info)
{
    if (magic == PVH_START_MAGIC)
        return boot_pvh_parse(phys, info);
    if (magic != MB2_BOOTLOADER_MAGIC)
        return "boot: unknown boot protocol magic";
    /* Readable: from phys to the end of the direct map; mb2_parse bounds itself by total_size. */
    if (!phys_in_direct_map(phys, sizeof(struct mb2_info_header)))
        return "multiboot2: boot information lies outside the direct map";
    return mb2_parse(phys_to_virt(phys), DIRECT_MAP_SIZE - phys, info);
}
