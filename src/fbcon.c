/* SPDX-License-Identifier: MIT */
/*
 * Framebuffer console: a grid of font-sized cells on a linear RGB framebuffer, with the 16 colours
 * of VGA text mode, so the console looks and behaves the same under UEFI as under BIOS. Any
 * direct-colour format: 2, 3 or 4 bytes per pixel (15 bits take 2), fields anywhere in them.
 */
#include "fbcon.h"

#include "font.h"

#include <arch/memlayout.h>
#include <arch/paging.h>
#include <stddef.h>

#define FB_MAX_COLS 160 /* the grid is capped: a larger screen keeps its text top left */
#define FB_MAX_ROWS 64
#define VGA_COLOURS 16

/* The text-mode palette as 8-bit RGB (IBM VGA defaults): index = VGA colour number. */
static const uint8_t vga_rgb[VGA_COLOURS][3] = {
    {0x00, 0x00, 0x00}, {0x00, 0x00, 0xaa}, {0x00, 0xaa, 0x00}, {0x00, 0xaa, 0xaa},
    {0xaa, 0x00, 0x00}, {0xaa, 0x00, 0xaa}, {0xaa, 0x55, 0x00}, {0xaa, 0xaa, 0xaa},
    {0x55, 0x55, 0x55}, {0x55, 0x55, 0xff}, {0x55, 0xff, 0x55}, {0x55, 0xff, 0xff},
    {0xff, 0x55, 0x55}, {0xff, 0x55, 0xff}, {0xff, 0xff, 0x55}, {0xff, 0xff, 0xff},
};

static struct {
    struct boot_framebuffer info;
    volatile uint8_t *base;
    unsigned bytes_per_pixel;
    uint32_t palette[VGA_COLOURS]; /* the VGA colours in this framebuffer's pixel format */
    /* what every cell shows (attribute << 8 | character): scrolling redraws from here, as
     * reading video memory back is very slow on real hardware */
    uint16_t cells[FB_MAX_ROWS][FB_MAX_COLS];
} fb;

static struct screen fb_screen;

/* One 8-bit colour channel scaled, rounded to nearest, to a field of size bits at position. */
static uint32_t channel(uint8_t value, uint8_t position, uint8_t size)
{
    uint32_t max = (1u << size) - 1;

    return (value * max + 127) / 255 << position;
}

static void put_pixel(volatile uint8_t *p, uint32_t colour)
{
    for (unsigned i = 0; i < fb.bytes_per_pixel; i++)
        p[i] = (uint8_t)(colour >> (8 * i)); /* pixels are little-endian */
}

static void draw_cell(unsigned row, unsigned col, char c, uint8_t attr)
{
    const struct font *f = &console_font;
    const uint8_t *glyph = f->glyphs + (size_t)(uint8_t)c * f->height * f->row_bytes;
    uint32_t fg = fb.palette[attr & 0xf], bg = fb.palette[(attr >> 4) & 0x7];

    fb.cells[row][col] = (uint16_t)(attr << 8 | (uint8_t)c);
    for (unsigned y = 0; y < f->height; y++) {
        volatile uint8_t *line = fb.base + (size_t)(row * f->height + y) * fb.info.pitch +
                                 (size_t)col * f->width * fb.bytes_per_pixel;
        for (unsigned x = 0; x < f->width; x++) {
            bool lit = glyph[y * f->row_bytes + x / 8] & (0x80 >> (x % 8));
            put_pixel(line + x * fb.bytes_per_pixel, lit ? fg : bg);
        }
    }
}

static void fb_scroll_up(uint8_t attr)
{
    for (unsigned row = 0; row + 1 < fb_screen.rows; row++) {
        for (unsigned col = 0; col < fb_screen.cols; col++) {
            uint16_t below = fb.cells[row + 1][col];
            if (fb.cells[row][col] != below)
                draw_cell(row, col, (char)(below & 0xff), (uint8_t)(below >> 8));
        }
    }
    for (unsigned col = 0; col < fb_screen.cols; col++)
        draw_cell(fb_screen.rows - 1, col, ' ', attr);
}

static bool fb_map_device(void)
{
    return paging_map_device(fb.info.phys, (uint64_t)fb.info.pitch * fb.info.height);
}

const struct screen *fbcon_screen(const struct boot_framebuffer *info)
{
    const struct font *f = &console_font;

    /* before the kernel's page tables exist only the boot direct map (4 GiB) reaches it */
    if (info->type != BOOT_FB_RGB ||
        !phys_in_direct_map(info->phys, (uint64_t)info->pitch * info->height))
        return NULL;
    fb.info = *info;
    fb.base = phys_to_virt(info->phys);
    fb.bytes_per_pixel = boot_fb_bytes_per_pixel(info);
    for (unsigned i = 0; i < VGA_COLOURS; i++)
        fb.palette[i] = channel(vga_rgb[i][0], info->red_position, info->red_size) |
                        channel(vga_rgb[i][1], info->green_position, info->green_size) |
                        channel(vga_rgb[i][2], info->blue_position, info->blue_size);
    unsigned cols = info->width / f->width, rows = info->height / f->height;
    fb_screen = (struct screen){
        .name = "framebuffer",
        .cols = cols < FB_MAX_COLS ? cols : FB_MAX_COLS,
        .rows = rows < FB_MAX_ROWS ? rows : FB_MAX_ROWS,
        .put_cell = draw_cell,
        .scroll_up = fb_scroll_up,
        .map_device = fb_map_device,
    };
    return fb_screen.cols && fb_screen.rows ? &fb_screen : NULL;
}
