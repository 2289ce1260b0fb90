/* SPDX-License-Identifier: MIT */
/* The kernel console: a cursor over a screen's cell grid, mirrored to COM1. */
#include "console.h"

#include "fbcon.h"
#include "vgacon.h"

#include <arch/memlayout.h>
#include <arch/pc/uart16550.h>
#include <fmt.h>

#define TAB_WIDTH 8

/* No screen still has a grid, so lines wrap on COM1 as they would on VGA text mode's 80x25. */
#define NO_SCREEN_COLS 80
#define NO_SCREEN_ROWS 25

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

static void no_cell(unsigned row, unsigned col, char c, struct colors colors)
{
    (void)row, (void)col, (void)c, (void)colors;
}

static void no_scroll(struct colors colors)
{
    (void)colors;
}

/* No screen at all: what the loader reported cannot be drawn on, so only COM1 shows the text. */
static const struct screen no_screen = {
    .name = "none",
    .cols = NO_SCREEN_COLS,
    .rows = NO_SCREEN_ROWS,
    .put_cell = no_cell,
    .scroll_up = no_scroll,
    .device = {0, 0, PAGE_CACHE_UC}, /* nothing to map */
};

static const char *fb_refusal; /* why the loader's framebuffer is not used, or NULL */

/*
 * VGA text mode when the loader reports it or reports nothing (QEMU's PVH boot leaves the BIOS
 * text mode); the framebuffer when the console may draw on it; else no screen, as a graphics
 * mode hides the text buffer and a framebuffer in the wrong place must not be touched.
 */
static const struct screen *choose_screen(const struct boot_info *info)
{
    /* from the boot code and its page tables (loaded first, at 1 MiB) to the end of .bss */
    struct boot_phys_span image = {KERNEL_LOAD_PHYS, kernel_virt_to_phys(_kernel_end)};
    const struct screen *fb = NULL;

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
    console_clear(DEFAULT_FG, DEFAULT_BG);
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

struct device_range console_device(void)
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
