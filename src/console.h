/* SPDX-License-Identifier: MIT */
/* The kernel console: every line goes to the screen and to the serial port. */
#ifndef CYAN_CONSOLE_H
#define CYAN_CONSOLE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bring up the screen (cleared) and COM1. */
void console_init(void);
/* Clear the screen to the colour attr and start again at the top left. */
void console_clear(uint8_t attr);
/* Map the console's device memory into the kernel's new page tables (see paging_init). */
bool console_map_devices(void);
/* Screen colour for what follows, as a VGA attribute (VGA_ATTR(fg, bg) from arch/vga.h). */
void console_set_color(uint8_t attr);
void console_putc(char c);
void console_write(const char *s, size_t n);
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);

#endif
