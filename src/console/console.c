/* SPDX-License-Identifier: MIT */
/* The kernel console: a cursor over a screen's cell grid, mirrored to COM1. */
#include "console.h"

#include "fbcon.h"
#include "vgacon.h"

#include <arch/pc/uart16550.h>
#include <fmt.h>

#define TAB_WIDTH 8

#define DEFAULT_FG COLOR_LIGHT_GREY
#define DEFAULT_BG COLOR_BLACK

static const struct screen *screen = &vga_text_screen;
static struct {
    unsigned row;
    unsigned col;
    struct colors colors;
} cursor = {.colors = {DEFAULT_FG, DEFAULT_BG}};

static void show_cursor(void)
{
    if (screen->set_cursor)
        screen->set_cursor(cursor.row, cursor.col);
}

void console_init(const struct boot_info *info)
{
    const struct screen *fb = fbcon_screen(&info->fb);

    screen = fb ? fb : &vga_text_screen;
    console_clear(DEFAULT_FG, DEFAULT_BG);
    serial_init();
}

const struct screen *console_screen(void)
{
    return screen;
}

void console_clear(enum color fg, enum color bg)
{
    console_set_color(fg, bg);
    for (unsigned row = 0; row < screen->rows; row++) {
        for (unsigned col = 0; col < screen->cols; col++)
            screen->put_cell(row, col, ' ', cursor.colors);
    }
    cursor.row = cursor.col = 0;
    show_cursor();
}

struct phys_range console_device(void)
{
    return screen->device;
}

void console_set_color(enum color fg, enum color bg)
{
    cursor.colors = (struct colors){fg % COLOR_COUNT, bg % COLOR_COUNT};
}

static void newline(void)
{
    cursor.col = 0;
    if (++cursor.row == screen->rows) {
        screen->scroll_up(cursor.colors);
        cursor.row = screen->rows - 1;
    }
}

static void screen_putc(char c)
{
    switch (c) {
    case '\n':
        newline();
        break;
    case '\r':
        cursor.col = 0;
        break;
    case '\t':
        do
            screen_putc(' ');
        while (cursor.col % TAB_WIDTH);
        return;
    case '\b':
        if (cursor.col > 0)
            cursor.col--;
        break;
    default:
        screen->put_cell(cursor.row, cursor.col, c, cursor.colors);
        if (++cursor.col == screen->cols)
            newline();
        break;
    }
    show_cursor();
}

void console_putc(char c)
{
    screen_putc(c);
    serial_putc(c);
}

void console_write(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        console_putc(s[i]);
}

static void console_sink(void *ctx, char c)
{
    (void)ctx;
    console_putc(c);
}

int kvprintf(const char *fmt, va_list ap)
{
    return fmt_vformat(console_sink, NULL, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    int n = kvprintf(fmt, ap);
    va_end(ap);
    return n;
}
