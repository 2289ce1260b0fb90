/* SPDX-License-Identifier: MIT */
/*
 * Multiboot2 boot information parser. The structure comes from outside the kernel, so no field is
 * trusted: every read is bounded by both total_size and what the caller says is readable, and a
 * tag with an impossible size or alignment stops the parse with a message. Host-buildable: the
 * host unit tests and the fuzzer run this same file.
 */
#include "boot_mb2.h"

#include <arch/multiboot2.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#define MB2_MAX_TOTAL (1u << 20) /* 1 MiB: far above any real loader's few KiB, catches garbage */

/* A NUL-terminated string in the tag body (its length in *len), or NULL if it is not terminated
 * inside it. */
static const char *tag_string(const struct mb2_tag *tag, size_t *len)
{
    const char *s = (const char *)(tag + 1);
    const char *nul = memchr(s, '\0', tag->size - sizeof(*tag));

    if (!nul)
        return NULL;
    *len = (size_t)(nul - s);
    return s;
}

static const char *parse_mmap(const struct mb2_tag *tag, struct boot_info *info)
{
    const struct mb2_tag_mmap *mm = (const void *)tag;

    if (tag->size < sizeof(*mm))
        return "multiboot2: memory map tag too small";
    if (mm->entry_size < sizeof(struct mb2_mmap_entry) || mm->entry_size % 8)
        return "multiboot2: memory map entry size is not a multiple of 8 of at least 24";
    const unsigned char *entry = (const unsigned char *)(mm + 1);
    size_t count = (tag->size - sizeof(*mm)) / mm->entry_size;
    for (size_t i = 0; i < count; i++, entry += mm->entry_size) {
        struct mb2_mmap_entry e;
        memcpy(&e, entry, sizeof(e));
        if (info->mmap_count == BOOT_MMAP_MAX) {
            info->mmap_truncated = true;
            break;
        }
        info->mmap[info->mmap_count++] =
            (struct boot_mem_region){.base = e.base_addr, .length = e.length, .type = e.type};
    }
    return NULL;
}

/* Bytes of a framebuffer tag up to the last RGB field (sizeof would add padding). */
#define RGB_TAG_SIZE (offsetof(struct mb2_tag_framebuffer, blue_size) + 1)

/*
 * The framebuffer is recorded as reported, whatever its type and numbers: boot_fb_refusal judges
 * it, so that the kernel can say what it was given even when it cannot use it.
 */
static const char *parse_framebuffer(const struct mb2_tag *tag, struct boot_info *info)
{
    struct mb2_tag_framebuffer fb = {0};

    if (tag->size < offsetof(struct mb2_tag_framebuffer, red_position))
        return "multiboot2: framebuffer tag too small";
    memcpy(&fb, tag, tag->size < sizeof(fb) ? tag->size : sizeof(fb));
    struct boot_framebuffer out = {.type = BOOT_FB_UNKNOWN,
                                   .phys = fb.addr,
                                   .pitch = fb.pitch,
                                   .width = fb.width,
                                   .height = fb.height,
                                   .bpp = fb.bpp};
    if (fb.type == MB2_FB_TYPE_EGA) {
        out.type = BOOT_FB_TEXT;
    } else if (fb.type == MB2_FB_TYPE_INDEXED) {
        out.type = BOOT_FB_INDEXED;
    } else if (fb.type == MB2_FB_TYPE_RGB && tag->size >= RGB_TAG_SIZE) {
        out.type = BOOT_FB_RGB;
        out.red_position = fb.red_position;
        out.red_size = fb.red_size;
        out.green_position = fb.green_position;
        out.green_size = fb.green_size;
        out.blue_position = fb.blue_position;
        out.blue_size = fb.blue_size;
    }
    info->fb = out;
    return NULL;
}

/* The module tag: two 32-bit addresses (start, and end exclusive), then its command line. */
static const char *parse_module(const struct mb2_tag *tag, struct boot_info *info)
{
    struct {
        uint32_t start, end;
    } range;
    size_t len;

    if (tag->size < sizeof(*tag) + sizeof(range) + 1)
        return "multiboot2: module tag too short";
    memcpy(&range, tag + 1, sizeof(range));
    const char *s = (const char *)(tag + 1) + sizeof(range);
    const char *nul = memchr(s, '\0', tag->size - sizeof(*tag) - sizeof(range));
    if (!nul)
        return "multiboot2: module command line is not NUL-terminated";
    len = (size_t)(nul - s);
    if (range.end < range.start)
        return "multiboot2: module ends before it starts";
    boot_info_add_module(info, range.start, range.end - range.start, s, len);
    return NULL;
}

static const char *parse_tag(const struct mb2_tag *tag, struct boot_info *info)
{
    const char *s;
    size_t len;

    switch (tag->type) {
    case MB2_TAG_CMDLINE:
        if (!(s = tag_string(tag, &len)))
            return "multiboot2: command line is not NUL-terminated";
        info->cmdline_length = boot_info_copy_string(info->cmdline, sizeof(info->cmdline), s, len);
        return NULL;
    case MB2_TAG_LOADER_NAME:
        if (!(s = tag_string(tag, &len)))
            return "multiboot2: loader name is not NUL-terminated";
        boot_info_copy_string(info->loader_name, sizeof(info->loader_name), s, len);
        return NULL;
    case MB2_TAG_MODULE:
        return parse_module(tag, info);
    case MB2_TAG_MMAP:
        return parse_mmap(tag, info);
    case MB2_TAG_FRAMEBUFFER:
        return parse_framebuffer(tag, info);
    case MB2_TAG_ACPI_OLD:
    case MB2_TAG_ACPI_NEW:
        /* a copy of the RSDP; a broken one is left out, ACPI is not needed to boot */
        if (!info->acpi.present || tag->type == MB2_TAG_ACPI_NEW)
            boot_info_set_rsdp(info, tag + 1, tag->size - sizeof(*tag));
        return NULL;
    default:
        return NULL; /* tags we do not use are skipped by their size */
    }
}

const char *mb2_parse(const void *mbi, size_t avail, struct boot_info *info)
{
    struct mb2_info_header header;

    /* cleared in place: struct boot_info is too large for a temporary on the kernel stack */
    memset(info, 0, sizeof(*info));
    info->protocol = BOOT_MULTIBOOT2;
    if ((uintptr_t)mbi % MB2_TAG_ALIGN)
        return "multiboot2: boot information is not 8-byte aligned";
    if (avail < sizeof(header))
        return "multiboot2: boot information truncated before its header";
    memcpy(&header, mbi, sizeof(header));
    if (header.total_size < sizeof(header) + sizeof(struct mb2_tag) ||
        header.total_size > MB2_MAX_TOTAL)
        return "multiboot2: total_size is impossible";
    if (header.total_size > avail)
        return "multiboot2: total_size runs past the readable boot information";

    const unsigned char *base = mbi;
    size_t offset = sizeof(header);
    while (offset + sizeof(struct mb2_tag) <= header.total_size) {
        const struct mb2_tag *tag = (const void *)(base + offset);
        if (tag->size < sizeof(*tag) || tag->size > header.total_size - offset)
            return "multiboot2: a tag's size runs past total_size";
        if (tag->type == MB2_TAG_END)
            return tag->size == sizeof(*tag) ? NULL : "multiboot2: end tag has the wrong size";
        const char *error = parse_tag(tag, info);
        if (error)
            return error;
        offset += (tag->size + MB2_TAG_ALIGN - 1) & ~(size_t)(MB2_TAG_ALIGN - 1);
    }
    return "multiboot2: no end tag before total_size";
}
