/* SPDX-License-Identifier: MIT */
/*
 * Framebuffer console: a grid of font-sized cells on a linear RGB framebuffer, with the 16 colours
 * of VGA text mode, so the console looks and behaves the same under UEFI as under BIOS. Any
 * direct-colour format: 2, 3 or 4 bytes per pixel (15 bits take 2), fields anywhere in them.
 */
#include "fbcon.h"

#include "font.h"

#include <arch/memlayout.h>
#include <stddef.h>

#define FB_MAX_COLS 160 /* the grid is capped: a larger screen keeps its text top left */
#define FB_MAX_ROWS 64

/* The console colours as 8-bit RGB, the IBM VGA text-mode palette's defaults. */
static const uint8_t palette_rgb[COLOR_COUNT][3] = {
    {0x00, 0x00, 0x00}, {0x00, 0x00, 0xaa}, {0x00, 0xaa, 0x00}, {0x00, 0xaa, 0xaa},
    {0xaa, 0x00, 0x00}, {0xaa, 0x00, 0xaa}, {0xaa, 0x55, 0x00}, {0xaa, 0xaa, 0xaa},
    {0x55, 0x55, 0x55}, {0x55, 0x55, 0xff}, {0x55, 0xff, 0x55}, {0x55, 0xff, 0xff},
    {0xff, 0x55, 0x55}, {0xff, 0x55, 0xff}, {0xff, 0xff, 0x55}, {0xff, 0xff, 0xff},
};

static struct {
    struct boot_framebuffer info;
    volatile uint8_t *base;
    unsigned bytes_per_pixel;
    uint32_t palette[COLOR_COUNT]; /* the console colours in this framebuffer's pixel format */
    /* what every cell shows (background << 12 | foreground << 8 | character): scrolling redraws
     * from here, as reading video memory back is very slow on real hardware */
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

static uint16_t cell_of(char c, struct colors colors)
{
    return (uint16_t)(colors.bg << 12 | colors.fg << 8 | (uint8_t)c);
}

static void draw_cell(unsigned row, unsigned col, char c, struct colors colors)
{
    const struct font *f = &console_font;
    const uint8_t *glyph = f->glyphs + (size_t)(uint8_t)c * f->height * f->row_bytes;
    uint32_t fg = fb.palette[colors.fg], bg = fb.palette[colors.bg];

    fb.cells[row][col] = cell_of(c, colors);
    for (unsigned y = 0; y < f->height; y++) {
        volatile uint8_t *line = fb.base + (size_t)(row * f->height + y) * fb.info.pitch +
                                 (size_t)col * f->width * fb.bytes_per_pixel;
        for (unsigned x = 0; x < f->width; x++) {
            bool lit = glyph[y * f->row_bytes + x / 8] & (0x80 >> (x % 8));
            put_pixel(line + x * fb.bytes_per_pixel, lit ? fg : bg);
        }
    }
}

static void fb_scroll_up(struct colors colors)
{
    for (unsigned row = 0; row + 1 < fb_screen.rows; row++) {
        for (unsigned col = 0; col < fb_screen.cols; col++) {
            uint16_t below = fb.cells[row + 1][col];
            struct colors c = {(below >> 8) & 0xf, below >> 12};
            if (fb.cells[row][col] != below)
                draw_cell(row, col, (char)(below & 0xff), c);
        }
    }
    for (unsigned col = 0; col < fb_screen.cols; col++)
        draw_cell(fb_screen.rows - 1, col, ' ', colors);
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
    for (unsigned i = 0; i < COLOR_COUNT; i++)
        fb.palette[i] = channel(palette_rgb[i][0], info->red_position, info->red_size) |
                        channel(palette_rgb[i][1], info->green_position, info->green_size) |
                        channel(palette_rgb[i][2], info->blue_position, info->blue_size);
    unsigned cols = info->width / f->width, rows = info->height / f->height;
    fb_screen = (struct screen){
        .name = "framebuffer",
        .cols = cols < FB_MAX_COLS ? cols : FB_MAX_COLS,
        .rows = rows < FB_MAX_ROWS ? rows : FB_MAX_ROWS,
        .put_cell = draw_cell,
        .scroll_up = fb_scroll_up,
        .device = {info->phys, (uint64_t)info->pitch * info->height, PAGE_CACHE_WC},
    };
    return fb_screen.cols && fb_screen.rows ? &fb_screen : NULL;
}
