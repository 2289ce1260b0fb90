/* SPDX-License-Identifier: MIT */
/* The kernel console: a cursor over a screen's cell grid, mirrored to COM1. */
#include "console.h"

#include "fbcon.h"
#include "serial.h"
#include "vga.h"

#include <arch/memlayout.h>
#include <arch/vga.h>
#include <fmt.h>

#define TAB_WIDTH    8
#define DEFAULT_ATTR VGA_ATTR(VGA_LIGHT_GREY, VGA_BLACK)

static const struct screen *screen = &vga_text_screen;
static struct {
    unsigned row;
    unsigned col;
    uint8_t attr;
} cursor = {.attr = DEFAULT_ATTR};

static void show_cursor(void)
{
    if (screen->set_cursor)
        screen->set_cursor(cursor.row, cursor.col);
}

static void no_cell(unsigned row, unsigned col, char c, uint8_t attr)
{
    (void)row, (void)col, (void)c, (void)attr;
}

static void no_scroll(uint8_t attr)
{
    (void)attr;
}

static bool nothing_to_map(void)
{
    return true;
}

/* No screen at all: what the loader reported cannot be drawn on, so only COM1 shows the text. */
static const struct screen no_screen = {
    .name = "none",
    .cols = VGA_COLS,
    .rows = VGA_ROWS,
    .put_cell = no_cell,
    .scroll_up = no_scroll,
    .map_device = nothing_to_map,
};

static const char *fb_refusal; /* why the loader's framebuffer is not used, or NULL */

/*
 * VGA text mode when the loader reports it or reports nothing (QEMU's PVH boot leaves the BIOS
 * text mode); the framebuffer when the console may draw on it; else no screen, as a graphics
 * mode hides the text buffer and a framebuffer in the wrong place must not be touched.
 */
static const struct screen *choose_screen(const struct boot_info *info)
{
    struct boot_phys_span image = {kernel_virt_to_phys(_kernel_start),
                                   kernel_virt_to_phys(_kernel_end)};
    const struct screen *fb;

    fb_refusal = NULL;
    if (info->fb.type == BOOT_FB_NONE || info->fb.type == BOOT_FB_TEXT)
        return &vga_text_screen;
    fb_refusal = boot_fb_refusal(info, image, DIRECT_MAP_SIZE);
    if (!fb_refusal && !(fb = fbcon_screen(&info->fb)))
        fb_refusal = "it is too small for one character";
    return fb_refusal ? &no_screen : fb;
}

void console_init(const struct boot_info *info)
{
    screen = choose_screen(info);
    console_clear(DEFAULT_ATTR);
    serial_init();
    /* with no screen this line goes to COM1 only, before anything else the kernel prints */
    if (fb_refusal)
        kprintf("console: framebuffer at 0x%lx refused: %s; no screen, COM1 only\n",
                (unsigned long)info->fb.phys, fb_refusal);
}

const char *console_fb_refusal(void)
{
    return fb_refusal;
}

const struct screen *console_screen(void)
{
    return screen;
}

void console_clear(uint8_t attr)
{
    cursor.attr = attr;
    for (unsigned row = 0; row < screen->rows; row++) {
        for (unsigned col = 0; col < screen->cols; col++)
            screen->put_cell(row, col, ' ', attr);
    }
    cursor.row = cursor.col = 0;
    show_cursor();
}

bool console_map_devices(void)
{
    return screen->map_device();
}

void console_set_color(uint8_t attr)
{
    cursor.attr = attr;
}

static void newline(void)
{
    cursor.col = 0;
    if (++cursor.row == screen->rows) {
        screen->scroll_up(cursor.attr);
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
        screen->put_cell(cursor.row, cursor.col, c, cursor.attr);
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
