/* SPDX-License-Identifier: MIT */
/* PVH start info parser: command line, ACPI RSDP and memory map from struct hvm_start_info. */
#include "boot_pvh.h"

#include <arch/memlayout.h>
#include <arch/pvh.h>
#include <string.h>

#define PVH_RSDP_MAX 36 /* bytes of an ACPI 2.0+ RSDP */

/*
 * The NUL-terminated string at phys, read where it lies (PVH sets no length limit), bounded by
 * the direct map; its length in *len. NULL if it does not end inside the direct map.
 */
static const char *phys_string(uint64_t phys, size_t *len)
{
    if (!phys_in_direct_map(phys, 1))
        return NULL;
    const char *s = phys_to_virt(phys);
    const char *nul = memchr(s, '\0', DIRECT_MAP_SIZE - phys);
    if (!nul)
        return NULL;
    *len = (size_t)(nul - s);
    return s;
}

static const char *parse_memmap(const struct hvm_start_info *si, struct boot_info *info)
{
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

static const char *parse_modules(const struct hvm_start_info *si, struct boot_info *info)
{
    uint64_t bytes = (uint64_t)si->nr_modules * sizeof(struct hvm_modlist_entry);

    if (si->nr_modules == 0)
        return NULL;
    if (!phys_in_direct_map(si->modlist_paddr, bytes))
        return "pvh: module list lies outside the direct map";
    const struct hvm_modlist_entry *m = phys_to_virt(si->modlist_paddr);
    for (uint32_t i = 0; i < si->nr_modules; i++) {
        size_t len = 0;
        const char *cmdline = m[i].cmdline_paddr ? phys_string(m[i].cmdline_paddr, &len) : "";
        if (!cmdline)
            return "pvh: a module's command line does not end inside the direct map";
        boot_info_add_module(info, m[i].paddr, m[i].size, cmdline, len);
    }
    return NULL;
}

const char *boot_pvh_parse(uint64_t phys, struct boot_info *info)
{
    /* cleared in place: struct boot_info is too large for a temporary on the kernel stack */
    memset(info, 0, sizeof(*info));
    info->protocol = BOOT_PVH;
    if (!phys_in_direct_map(phys, sizeof(struct hvm_start_info)))
        return "pvh: start info lies outside the direct map";
    const struct hvm_start_info *si = phys_to_virt(phys);
    /* The kernel was entered through its PVH entry point, so the loader is a PVH one: a wrong
     * magic means the structure was overwritten, as QEMU's loader does when the command line
     * overflows its 4 KiB buffer (pc-bios/optionrom/pvh_main.c) into the start info. */
    if (si->magic != PVH_START_MAGIC)
        return "pvh: start info is damaged (wrong magic); a command line over 4 KiB overwrites "
               "it in QEMU";

    if (si->cmdline_paddr) {
        size_t len;
        const char *cmdline = phys_string(si->cmdline_paddr, &len);
        if (!cmdline)
            return "pvh: command line does not end inside the direct map";
        info->cmdline_length =
            boot_info_copy_string(info->cmdline, sizeof(info->cmdline), cmdline, len);
    }
    if (si->rsdp_paddr && phys_in_direct_map(si->rsdp_paddr, PVH_RSDP_MAX))
        boot_info_set_rsdp(info, phys_to_virt(si->rsdp_paddr), PVH_RSDP_MAX);
    const char *error = parse_modules(si, info);
    return error ? error : parse_memmap(si, info);
}
