/* SPDX-License-Identifier: MIT */
/* PVH start info parser: command line, ACPI RSDP and memory map from struct hvm_start_info. */
#include "boot_pvh.h"

#include <arch/memlayout.h>
#include <arch/pvh.h>
#include <string.h>

#define PVH_CMDLINE_MAX 4096 /* longest command line accepted; PVH itself sets no limit */
#define PVH_RSDP_MAX    36   /* bytes of an ACPI 2.0+ RSDP */

/* A NUL-terminated string at phys inside the direct map, or NULL. */
static const char *phys_string(uint64_t phys)
{
    if (!phys_in_direct_map(phys, 1))
        return NULL;
    const char *s = phys_to_virt(phys);
    size_t room =
        DIRECT_MAP_SIZE - phys < PVH_CMDLINE_MAX ? DIRECT_MAP_SIZE - phys : PVH_CMDLINE_MAX;
    return memchr(s, '\0', room) ? s : NULL;
}

const char *boot_pvh_parse(uint64_t phys, struct boot_info *info)
{
    *info = (struct boot_info){.protocol = BOOT_PVH};
    if (!phys_in_direct_map(phys, sizeof(struct hvm_start_info)))
        return "pvh: start info lies outside the direct map";
    const struct hvm_start_info *si = phys_to_virt(phys);
    if (si->magic != PVH_START_MAGIC)
        return "pvh: start info has the wrong magic";

    if (si->cmdline_paddr) {
        const char *cmdline = phys_string(si->cmdline_paddr);
        if (!cmdline)
            return "pvh: command line is unreadable or not NUL-terminated";
        boot_info_copy_string(info->cmdline, sizeof(info->cmdline), cmdline);
    }
    if (si->rsdp_paddr && phys_in_direct_map(si->rsdp_paddr, PVH_RSDP_MAX))
        boot_info_set_rsdp(info, phys_to_virt(si->rsdp_paddr), PVH_RSDP_MAX);
    if (si->version < 1 || si->memmap_entries == 0)
        return NULL; /* version 0 has no memory map */

    uint64_t bytes = (uint64_t)si->memmap_entries * sizeof(struct hvm_memmap_entry);
    if (!phys_in_direct_map(si->memmap_paddr, bytes))
        return "pvh: memory map lies outside the direct map";
    const struct hvm_memmap_entry *e = phys_to_virt(si->memmap_paddr);
    for (uint32_t i = 0; i < si->memmap_entries; i++) {
        if (info->mmap_count == BOOT_MMAP_MAX) {
            info->mmap_truncated = true;
            break;
        }
        info->mmap[info->mmap_count++] =
            (struct boot_mem_region){.base = e[i].addr, .length = e[i].size, .type = e[i].type};
    }
    return NULL;
}
