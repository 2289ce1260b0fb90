/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the Multiboot2 parser: any bytes at all, given exactly (an 8-aligned heap
 * block of that size, so ASan catches a read one byte too far). The parser must return, and what
 * it returns must hold together: a valid result has terminated strings, a memory map within its
 * array, and a framebuffer the console accepts fits its own numbers.
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
    /* a framebuffer the console would draw on fits its own numbers */
    const struct boot_framebuffer *fb = &info->fb;
    struct boot_phys_span image = {0x100000, 0x200000};
    if (!boot_fb_refusal(info, image, UINT64_C(1) << 32) &&
        ((uint64_t)fb->width * boot_fb_bytes_per_pixel(fb) > fb->pitch || fb->phys == 0 ||
         (uint64_t)fb->pitch * fb->height > (UINT64_C(1) << 32) - fb->phys))
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
