/* SPDX-License-Identifier: MIT */
/* boot_info: pick the parser for the protocol that started us, and answer questions about the
 * result. */
#include "boot_info.h"

#include "boot_mb2.h"
#include "boot_pvh.h"

#include <arch/memlayout.h>
#include <arch/multiboot2.h>
#include <arch/pvh.h>
#include <string.h>

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

void boot_info_copy_string(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);

    if (n >= size)
        n = size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

uint64_t boot_info_usable_bytes(const struct boot_info *info)
{
    uint64_t total = 0;

    for (size_t i = 0; i < info->mmap_count; i++) {
        if (info->mmap[i].type == BOOT_MEM_USABLE)
            total += info->mmap[i].length;
    }
    return total;
}

bool boot_info_cmdline_get(const struct boot_info *info, const char *key, char *buf, size_t size)
{
    size_t keylen = strlen(key);

    for (const char *p = info->cmdline; *p;) {
        while (*p == ' ')
            p++;
        size_t len = 0;
        while (p[len] && p[len] != ' ')
            len++;
        if (len > keylen && p[keylen] == '=' && memcmp(p, key, keylen) == 0) {
            size_t n = len - keylen - 1;
            if (size == 0)
                return true;
            if (n >= size)
                n = size - 1;
            memcpy(buf, p + keylen + 1, n);
            buf[n] = '\0';
            return true;
        }
        p += len;
    }
    return false;
}

const char *boot_protocol_name(enum boot_protocol protocol)
{
    return protocol == BOOT_PVH ? "PVH" : "Multiboot2";
}
