/* SPDX-License-Identifier: MIT */
/*
 * The framebuffer console on framebuffers in RAM, in each direct-colour format GRUB and UEFI set
 * (2, 3 and 4 bytes per pixel, colour fields anywhere) and with lines longer than their pixels
 * (pitch padding, which no QEMU display device produces): every pixel of a drawn cell, and no
 * byte outside it, is checked against the font and the pixel format.
 */
#include "console.h"
#include "fbcon.h"
#include "font.h"
#include "ktest.h"

#include <arch/memlayout.h>
#include <string.h>

#define FB_COLS  5
#define FB_ROWS  3
#define FB_PAD   12 /* bytes after each line's pixels: pitch != width * bytes per pixel */
#define FB_BYTES (FB_COLS * 32 * 4 + FB_PAD) * FB_ROWS * 64
#define GUARD    0xa5 /* what the console must leave alone */
#define TEST_ROW 1
#define TEST_COL 2

static uint8_t fb_memory[FB_BYTES] __attribute__((aligned(16)));

struct format {
    uint8_t bpp;
    uint8_t red_position, red_size, green_position, green_size, blue_position, blue_size;
};

/* A framebuffer of FB_COLS x FB_ROWS cells in fb_memory, filled with GUARD. */
static struct boot_framebuffer fake_framebuffer(const struct format *f)
{
    unsigned bytes = (f->bpp + 7u) / 8u;
    uint32_t width = FB_COLS * console_font.width;

    memset(fb_memory, GUARD, sizeof(fb_memory));
    return (struct boot_framebuffer){
        .type = BOOT_FB_RGB,
        .phys = kernel_virt_to_phys(fb_memory),
        .pitch = width * bytes + FB_PAD,
        .width = width,
        .height = FB_ROWS * console_font.height,
        .bpp = f->bpp,
        .red_position = f->red_position,
        .red_size = f->red_size,
        .green_position = f->green_position,
        .green_size = f->green_size,
        .blue_position = f->blue_position,
        .blue_size = f->blue_size,
    };
}

/* An 8-bit channel in a field of size bits at position, rounded to nearest. */
static uint32_t field(uint32_t value, uint8_t position, uint8_t size)
{
    return (value * ((1u << size) - 1) + 127) / 255 << position;
}

static uint32_t pixel_value(const struct format *f, uint32_t r, uint32_t g, uint32_t b)
{
    return field(r, f->red_position, f->red_size) | field(g, f->green_position, f->green_size) |
           field(b, f->blue_position, f->blue_size);
}

static bool lit(char c, unsigned x, unsigned y)
{
    const struct font *font = &console_font;
    const uint8_t *row = font->glyphs + ((size_t)(uint8_t)c * font->height + y) * font->row_bytes;

    return row[x / 8] & (0x80 >> (x % 8));
}

/* The expected byte at offset in the framebuffer after drawing c in the test cell. */
static uint8_t expected_byte(const struct boot_framebuffer *fb, const struct format *f, char c,
                             size_t offset)
{
    unsigned bytes = (f->bpp + 7u) / 8u;
    unsigned y = (unsigned)(offset / fb->pitch), x_byte = (unsigned)(offset % fb->pitch);
    unsigned x = x_byte / bytes, cell_y = TEST_ROW * console_font.height;
    unsigned cell_x = TEST_COL * console_font.width;

    if (x_byte >= fb->width * bytes || y < cell_y || y >= cell_y + console_font.height ||
        x < cell_x || x >= cell_x + console_font.width)
        return GUARD;
    uint32_t yellow = pixel_value(f, 0xff, 0xff, 0x55), blue = pixel_value(f, 0x00, 0x00, 0xaa);
    uint32_t value = lit(c, x - cell_x, y - cell_y) ? yellow : blue;
    return (uint8_t)(value >> (8 * (x_byte % bytes))); /* pixels are little-endian */
}

static void check_format(const struct format *f)
{
    if (ktest_streq(console_screen()->name, "framebuffer"))
        KT_SKIP("the console draws on the framebuffer this test would take over");
    struct boot_framebuffer fb = fake_framebuffer(f);
    const struct screen *s = fbcon_screen(&fb);

    KT_ASSERT(s != NULL);
    KT_ASSERT_EQ(FB_COLS, s->cols);
    KT_ASSERT_EQ(FB_ROWS, s->rows);
    s->put_cell(TEST_ROW, TEST_COL, 'A', (struct colors){COLOR_YELLOW, COLOR_BLUE});
    size_t size = (size_t)fb.pitch * fb.height;
    for (size_t offset = 0; offset < size; offset++) {
        uint8_t want = expected_byte(&fb, f, 'A', offset);
        if (fb_memory[offset] != want)
            ktest_fail(__FILE__, __LINE__,
                       "%u bpp: byte %zu (line %zu, byte %zu of it) is 0x%02x, not 0x%02x", f->bpp,
                       offset, offset / fb.pitch, offset % fb.pitch, fb_memory[offset], want);
    }
}

KTEST(fbcon_draws_15_bpp_with_padded_lines)
{
    check_format(&(struct format){15, 10, 5, 5, 5, 0, 5});
}

KTEST(fbcon_draws_16_bpp_with_padded_lines)
{
    check_format(&(struct format){16, 11, 5, 5, 6, 0, 5});
}

KTEST(fbcon_draws_24_bpp_with_padded_lines)
{
    check_format(&(struct format){24, 16, 8, 8, 8, 0, 8});
}

/* Red in the low byte and blue in the third, as GRUB reports virtio-gpu's GOP. */
KTEST(fbcon_draws_32_bpp_bgr_with_padded_lines)
{
    check_format(&(struct format){32, 0, 8, 8, 8, 16, 8});
}
