/* SPDX-License-Identifier: MIT */
/* struct boot_info helpers shared by the parsers and the kernel; pure, so the host builds them. */
#include "boot_info.h"

#include <string.h>

size_t boot_info_copy_string(char *dst, size_t size, const char *src, size_t len)
{
    size_t n = len < size ? len : size - 1;

    memcpy(dst, src, n);
    dst[n] = '\0';
    return len;
}

#define RSDP_SIGNATURE "RSD PTR "
#define RSDP_V1_LENGTH 20 /* ACPI 1.0 structure, covered by the first checksum */
#define RSDP_V2_LENGTH 36 /* ACPI 2.0+ structure, covered by the extended checksum */
#define RSDP_OEM_ID    9  /* offsets of the fields cyan reads */
#define RSDP_REVISION  15
#define RSDP_RSDT      16
#define RSDP_LENGTH    20
#define RSDP_XSDT      24

/* ACPI checksums: the bytes of a structure add up to 0 modulo 256. */
static bool checksum_ok(const uint8_t *bytes, size_t len)
{
    uint8_t sum = 0;

    for (size_t i = 0; i < len; i++)
        sum += bytes[i];
    return sum == 0;
}

bool boot_info_set_rsdp(struct boot_info *info, const void *rsdp, size_t len)
{
    const uint8_t *p = rsdp;
    struct boot_acpi acpi = {.present = true};
    uint32_t rsdt = 0, length = 0;

    if (len < RSDP_V1_LENGTH || memcmp(p, RSDP_SIGNATURE, 8) != 0 ||
        !checksum_ok(p, RSDP_V1_LENGTH))
        return false;
    acpi.revision = p[RSDP_REVISION];
    memcpy(acpi.oem_id, p + RSDP_OEM_ID, 6);
    memcpy(&rsdt, p + RSDP_RSDT, sizeof(rsdt));
    acpi.rsdt_phys = rsdt;
    if (acpi.revision >= 2) {
        if (len < RSDP_V2_LENGTH)
            return false;
        memcpy(&length, p + RSDP_LENGTH, sizeof(length));
        if (length < RSDP_V2_LENGTH || length > len || !checksum_ok(p, RSDP_V2_LENGTH))
            return false;
        memcpy(&acpi.xsdt_phys, p + RSDP_XSDT, sizeof(acpi.xsdt_phys));
    }
    info->acpi = acpi;
    return true;
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

#define ASCII_FIRST_PRINTABLE 0x20 /* space; below it are the C0 control characters */
#define ASCII_LAST_PRINTABLE  0x7e /* '~'; 0x7f is DEL, 0x80 and up are not ASCII */

void boot_info_escape(const char *s, size_t len, void (*put)(void *ctx, char c), void *ctx)
{
    static const char hex[] = "0123456789abcdef";

    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\' || c == '"') {
            put(ctx, '\\');
            put(ctx, (char)c);
        } else if (c >= ASCII_FIRST_PRINTABLE && c <= ASCII_LAST_PRINTABLE) {
            put(ctx, (char)c);
        } else {
            put(ctx, '\\');
            put(ctx, 'x');
            put(ctx, hex[c >> 4]);
            put(ctx, hex[c & 0xf]);
        }
    }
}

bool boot_info_add_module(struct boot_info *info, uint64_t phys, uint64_t size, const char *cmdline,
                          size_t cmdline_len)
{
    if (size > UINT64_MAX - phys)
        return false;
    if (info->module_count == BOOT_MODULES_MAX) {
        info->modules_truncated = true;
        return false;
    }
    struct boot_module *m = &info->modules[info->module_count++];
    m->phys = phys;
    m->size = size;
    boot_info_copy_string(m->cmdline, sizeof(m->cmdline), cmdline, cmdline_len);
    return true;
}
