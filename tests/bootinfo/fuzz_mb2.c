/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the Multiboot2 parser: any bytes at all, given exactly (an 8-aligned heap
 * block of that size, so ASan catches a read one byte too far). The parser must return, and what
 * it returns must hold together: a valid result has terminated strings, a memory map within its
 * array, and a framebuffer that fits its own numbers.
 *
 * Each input is parsed twice: as the fuzzer wrote it, and with total_size set to the input's
 * length, so that mutations reach the tags instead of mostly stopping at the header check.
 */
#include "boot_mb2.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static void check(const struct boot_info *info)
{
    if (info->mmap_count > BOOT_MMAP_MAX || !memchr(info->cmdline, '\0', sizeof(info->cmdline)) ||
        !memchr(info->loader_name, '\0', sizeof(info->loader_name)))
        abort();
    if (info->fb.type == BOOT_FB_RGB &&
        ((uint64_t)info->fb.width * (info->fb.bpp / 8) > info->fb.pitch || info->fb.bpp % 8))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void parse(const uint8_t *data, size_t size, bool fix_total_size)
{
    struct boot_info info;
    unsigned char *mbi = malloc(size ? size : 1); /* malloc's blocks are 16-byte aligned */

    memcpy(mbi, data, size);
    if (fix_total_size && size >= sizeof(uint32_t)) {
        uint32_t total = (uint32_t)size;
        memcpy(mbi, &total, sizeof(total));
    }
    if (!mb2_parse(mbi, size, &info))
        check(&info);
    free(mbi);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parse(data, size, false);
    parse(data, size, true);
    return 0;
}
