/* SPDX-License-Identifier: MIT */
/* The kernel console: fans each character out to the VGA text screen and COM1. */
#include "console.h"

#include "serial.h"
#include "vga.h"

#include <arch/paging.h>
#include <arch/vga.h>
#include <fmt.h>

void console_init(void)
{
    vga_init();
    serial_init();
}

void console_clear(uint8_t attr)
{
    vga_set_attr(attr);
    vga_init();
    serial_putc('\n');
}

bool console_map_devices(void)
{
    return paging_map_device(VGA_TEXT_PHYS, VGA_COLS * VGA_ROWS * 2);
}

void console_set_color(uint8_t attr)
{
    vga_set_attr(attr);
}

void console_putc(char c)
{
    vga_putc(c);
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
