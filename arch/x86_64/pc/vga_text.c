/* SPDX-License-Identifier: MIT */
/* VGA text-mode driver: writes cells into the text buffer and keeps the hardware cursor in step. */
#include <arch/io.h>
#include <arch/memlayout.h>
#include <arch/pc/vga.h>

#define CURSOR_FIRST_LINE 14 /* an underline cursor: scan lines 14-15 of the 16-line cell */
#define CURSOR_LAST_LINE  15

/* volatile: the buffer is device memory, every store must reach it in order. */
#define VGA_BUFFER ((volatile uint16_t *)phys_to_virt(VGA_TEXT_PHYS))

static uint16_t cell(char c, uint8_t attr)
{
    return (uint16_t)((uint16_t)attr << 8 | (uint8_t)c);
}

static void crtc_write(uint8_t reg, uint8_t value)
{
    outb(VGA_CRTC_INDEX, reg);
    outb(VGA_CRTC_DATA, value);
}

bool vga_put_at(unsigned row, unsigned col, char c, uint8_t attr)
{
    if (row >= VGA_ROWS || col >= VGA_COLS)
        return false;
    VGA_BUFFER[row * VGA_COLS + col] = cell(c, attr);
    return true;
}

void vga_scroll_up(uint8_t attr)
{
    volatile uint16_t *buf = VGA_BUFFER;

    for (unsigned i = 0; i < (VGA_ROWS - 1) * VGA_COLS; i++)
        buf[i] = buf[i + VGA_COLS];
    for (unsigned col = 0; col < VGA_COLS; col++)
        vga_put_at(VGA_ROWS - 1, col, ' ', attr);
}

/* Also makes the cursor visible (CRTC_CURSOR_START bit 5 clear). */
void vga_set_cursor(unsigned row, unsigned col)
{
    unsigned pos = row * VGA_COLS + col;

    crtc_write(CRTC_CURSOR_START, CURSOR_FIRST_LINE);
    crtc_write(CRTC_CURSOR_END, CURSOR_LAST_LINE);
    crtc_write(CRTC_CURSOR_LOC_HIGH, (uint8_t)(pos >> 8));
    crtc_write(CRTC_CURSOR_LOC_LOW, (uint8_t)pos);
}
