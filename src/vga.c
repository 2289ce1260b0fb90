/* SPDX-License-Identifier: MIT */
/* VGA text-mode driver: writes cells into the text buffer and keeps the hardware cursor in step. */
#include "vga.h"

#include <arch/io.h>
#include <arch/memlayout.h>
#include <arch/vga.h>

#define TAB_WIDTH 8

/* volatile: the buffer is device memory, every store must reach it in order. */
#define VGA_BUFFER ((volatile uint16_t *)phys_to_virt(VGA_TEXT_PHYS))

static struct {
    unsigned row;
    unsigned col;
    uint8_t attr;
} vga = {.attr = VGA_ATTR(VGA_LIGHT_GREY, VGA_BLACK)};

static uint16_t cell(char c, uint8_t attr)
{
    return (uint16_t)((uint16_t)attr << 8 | (uint8_t)c);
}

static void crtc_write(uint8_t reg, uint8_t value)
{
    outb(VGA_CRTC_INDEX, reg);
    outb(VGA_CRTC_DATA, value);
}

/* Move the blinking hardware cursor to where the next character will go. */
static void update_cursor(void)
{
    unsigned pos = vga.row * VGA_COLS + vga.col;

    crtc_write(CRTC_CURSOR_LOC_HIGH, (uint8_t)(pos >> 8));
    crtc_write(CRTC_CURSOR_LOC_LOW, (uint8_t)pos);
}

bool vga_put_at(unsigned row, unsigned col, char c, uint8_t attr)
{
    if (row >= VGA_ROWS || col >= VGA_COLS)
        return false;
    VGA_BUFFER[row * VGA_COLS + col] = cell(c, attr);
    return true;
}

static void clear_row(unsigned row)
{
    for (unsigned col = 0; col < VGA_COLS; col++)
        vga_put_at(row, col, ' ', vga.attr);
}

/* Move every row up by one and blank the last. */
static void scroll(void)
{
    volatile uint16_t *buf = VGA_BUFFER;

    for (unsigned i = 0; i < (VGA_ROWS - 1) * VGA_COLS; i++)
        buf[i] = buf[i + VGA_COLS];
    clear_row(VGA_ROWS - 1);
}

static void newline(void)
{
    vga.col = 0;
    if (++vga.row == VGA_ROWS) {
        scroll();
        vga.row = VGA_ROWS - 1;
    }
}

void vga_init(void)
{
    for (unsigned row = 0; row < VGA_ROWS; row++)
        clear_row(row);
    vga.row = 0;
    vga.col = 0;
    /* an underline cursor: scan lines 14-15 of the 16-line character cell; bit 5 clear shows it */
    crtc_write(CRTC_CURSOR_START, 14);
    crtc_write(CRTC_CURSOR_END, 15);
    update_cursor();
}

void vga_set_attr(uint8_t attr)
{
    vga.attr = attr;
}

void vga_putc(char c)
{
    switch (c) {
    case '\n':
        newline();
        break;
    case '\r':
        vga.col = 0;
        break;
    case '\t':
        do
            vga_putc(' ');
        while (vga.col % TAB_WIDTH);
        return;
    case '\b':
        if (vga.col > 0)
            vga.col--;
        break;
    default:
        vga_put_at(vga.row, vga.col, c, vga.attr);
        if (++vga.col == VGA_COLS)
            newline();
        break;
    }
    update_cursor();
}
