/* SPDX-License-Identifier: MIT */
/*
 * boot_fb_refusal: whether the console may draw on the framebuffer the loader reported. Loaders
 * report framebuffers they should not (GRUB under OVMF with virtio-gpu-pci, whose GOP has no
 * linear framebuffer, reports one at physical 0): drawing on RAM overwrites page tables and code,
 * so the pixels must lie in device memory. Pure, so the host unit tests run it.
 */
#include "boot_info.h"

#include <stddef.h>

#define FIELD_MAX_BITS 16 /* widest colour field the console scales its 8-bit colours to */

unsigned boot_fb_bytes_per_pixel(const struct boot_framebuffer *fb)
{
    return (fb->bpp + 7u) / 8u;
}

/* Whether a colour field of a direct-colour framebuffer fits in its pixel. */
static bool field_fits(uint8_t position, uint8_t size, uint8_t bpp)
{
    return size > 0 && size <= FIELD_MAX_BITS && position + size <= bpp;
}

/* What is wrong with the format and numbers, or NULL. */
static const char *format_refusal(const struct boot_framebuffer *fb)
{
    if (fb->type == BOOT_FB_INDEXED)
        return "palette-indexed colour is not supported";
    if (fb->type != BOOT_FB_RGB)
        return "the framebuffer type is unknown";
    if (fb->bpp != 15 && fb->bpp != 16 && fb->bpp != 24 && fb->bpp != 32)
        return "only 15, 16, 24 and 32 bits per pixel are supported";
    if (fb->width == 0 || fb->height == 0)
        return "it has no pixels";
    if ((uint64_t)fb->width * boot_fb_bytes_per_pixel(fb) > fb->pitch)
        return "its pitch is shorter than a line of pixels";
    if (!field_fits(fb->red_position, fb->red_size, fb->bpp) ||
        !field_fits(fb->green_position, fb->green_size, fb->bpp) ||
        !field_fits(fb->blue_position, fb->blue_size, fb->bpp))
        return "a colour field does not fit in its pixel";
    return NULL;
}

/* Whether [a, a_end) and [b, b_end) share a byte. */
static bool overlaps(uint64_t a, uint64_t a_end, uint64_t b, uint64_t b_end)
{
    return a < b_end && b < a_end;
}

const char *boot_fb_refusal(const struct boot_info *info, struct boot_phys_span image,
                            uint64_t direct_map_end)
{
    const struct boot_framebuffer *fb = &info->fb;
    const char *why = format_refusal(fb);

    if (why)
        return why;
    uint64_t size = (uint64_t)fb->pitch * fb->height;
    if (fb->phys == 0)
        return "it starts at address 0, where no framebuffer is";
    if (fb->phys >= direct_map_end || size > direct_map_end - fb->phys)
        return "it lies beyond what the direct map can reach";
    uint64_t end = fb->phys + size;
    if (overlaps(fb->phys, end, image.start, image.end))
        return "it overlaps the kernel image";
    for (size_t i = 0; i < info->mmap_count; i++) {
        const struct boot_mem_region *r = &info->mmap[i];
        bool ram = r->type == BOOT_MEM_USABLE || r->type == BOOT_MEM_ACPI_RECLAIMABLE ||
                   r->type == BOOT_MEM_ACPI_NVS;
        uint64_t r_end = r->base + r->length < r->base ? UINT64_MAX : r->base + r->length;
        if (ram && overlaps(fb->phys, end, r->base, r_end))
            return "it overlaps RAM the memory map lists";
    }
    return NULL;
}
