/* SPDX-License-Identifier: MIT */
/* Console on the VGA text screen: cells, bounds, wrapping, scrolling and the hardware cursor. */
#include "console.h"
#include "ktest.h"
#include "vgacon.h"

#include <arch/io.h>
#include <arch/memlayout.h>
#include <arch/pc/vga.h>

#define SCREEN   ((volatile uint16_t *)phys_to_virt(VGA_TEXT_PHYS))
#define ATTR     VGA_ATTR(VGA_YELLOW, VGA_BLUE)
#define CELL(ch) ((uint16_t)(ATTR << 8 | (uint8_t)(ch)))

static uint16_t cell_at(unsigned row, unsigned col)
{
    return SCREEN[row * VGA_COLS + col];
}

/* The cursor as the CRT controller holds it, independent of the driver's own bookkeeping. */
static unsigned hardware_cursor(void)
{
    outb(VGA_CRTC_INDEX, CRTC_CURSOR_LOC_HIGH);
    unsigned high = inb(VGA_CRTC_DATA);
    outb(VGA_CRTC_INDEX, CRTC_CURSOR_LOC_LOW);
    return high << 8 | inb(VGA_CRTC_DATA);
}

/* A cleared VGA text screen; the tests read its buffer, so skip on a framebuffer. */
static void fresh_screen(void)
{
    if (console_screen() != &vga_text_screen)
        ktest_skip("the console is not on the VGA text screen");
    console_clear(COLOR_YELLOW, COLOR_BLUE);
}

static void put_string(const char *s)
{
    while (*s)
        console_putc(*s++);
}

KTEST(vga_put_at_writes_character_and_attribute)
{
    KT_ASSERT(vga_put_at(3, 5, 'X', ATTR));
    KT_ASSERT_EQ(CELL('X'), cell_at(3, 5));
}

KTEST(vga_put_at_rejects_cells_outside_the_screen)
{
    volatile uint16_t *past_end = SCREEN + VGA_ROWS * VGA_COLS;
    uint16_t before = *past_end;

    KT_ASSERT(!vga_put_at(VGA_ROWS, 0, 'X', ATTR));
    KT_ASSERT(!vga_put_at(0, VGA_COLS, 'X', ATTR));
    KT_ASSERT(!vga_put_at(~0u, ~0u, 'X', ATTR));
    KT_ASSERT_EQ(before, *past_end);
}

KTEST(console_clear_clears_and_homes_the_cursor)
{
    vga_put_at(10, 10, 'X', ATTR);
    fresh_screen();
    KT_ASSERT_EQ(CELL(' '), cell_at(10, 10));
    KT_ASSERT_EQ(0, hardware_cursor());
}

KTEST(console_long_line_wraps_to_the_next_row)
{
    fresh_screen();
    for (unsigned i = 0; i < VGA_COLS; i++)
        console_putc('a');
    console_putc('b');
    KT_ASSERT_EQ(CELL('a'), cell_at(0, VGA_COLS - 1));
    KT_ASSERT_EQ(CELL('b'), cell_at(1, 0));
    KT_ASSERT_EQ(VGA_COLS + 1, hardware_cursor());
}

KTEST(console_scrolls_when_the_screen_is_full)
{
    fresh_screen();
    for (char row = 0; row < VGA_ROWS + 1; row++) {
        console_putc((char)('A' + row));
        console_putc('\n');
    }
    /* 26 lines and 26 newlines: the screen moved up twice, the cursor sits on an empty last row */
    KT_ASSERT_EQ(CELL('C'), cell_at(0, 0));
    KT_ASSERT_EQ(CELL('Z'), cell_at(VGA_ROWS - 2, 0));
    KT_ASSERT_EQ(CELL(' '), cell_at(VGA_ROWS - 1, 0));
    KT_ASSERT_EQ((VGA_ROWS - 1) * VGA_COLS, hardware_cursor());
}

KTEST(console_tab_carriage_return_and_backspace_move_the_cursor)
{
    fresh_screen();
    put_string("ab\tc");
    KT_ASSERT_EQ(CELL('c'), cell_at(0, 8));
    put_string("\rX");
    KT_ASSERT_EQ(CELL('X'), cell_at(0, 0));
    put_string("\b\bY");
    KT_ASSERT_EQ(CELL('Y'), cell_at(0, 0));
    KT_ASSERT_EQ(1, hardware_cursor());
}
