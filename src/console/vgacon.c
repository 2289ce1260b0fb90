/* SPDX-License-Identifier: MIT */
/* The VGA text screen as a console screen: console colours become VGA attribute bytes. */
#include "vgacon.h"

#include <arch/pc/vga.h>

/* VGA text mode shows backgrounds 8-15 as their dark halves: attribute bit 7 is blink. */
#define VGA_BACKGROUND_MASK 0x7

_Static_assert(COLOR_LIGHT_CYAN == VGA_LIGHT_CYAN && COLOR_WHITE == VGA_WHITE,
               "console colours are numbered as VGA text mode numbers them");

static uint8_t attribute(struct colors c)
{
    return (uint8_t)VGA_ATTR(c.fg, c.bg & VGA_BACKGROUND_MASK);
}

static void put_cell(unsigned row, unsigned col, char c, struct colors colors)
{
    vga_put_at(row, col, c, attribute(colors));
}

static void scroll_up(struct colors colors)
{
    vga_scroll_up(attribute(colors));
}

const struct screen vga_text_screen = {
    .name = "VGA text",
    .cols = VGA_COLS,
    .rows = VGA_ROWS,
    .put_cell = put_cell,
    .scroll_up = scroll_up,
    .set_cursor = vga_set_cursor,
    .device = {VGA_TEXT_PHYS, VGA_COLS *VGA_ROWS * sizeof(uint16_t), PAGE_CACHE_UC},
};
