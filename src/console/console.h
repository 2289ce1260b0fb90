/* SPDX-License-Identifier: MIT */
/* The kernel console: every line goes to the screen and to the serial port. */
#ifndef CYAN_CONSOLE_H
#define CYAN_CONSOLE_H

#include "boot_info.h"
#include "screen.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bring up COM1 and the screen the loader left: a framebuffer if there is one cyan can draw
 * on, else VGA text mode. The screen starts cleared. */
void console_init(const struct boot_info *info);
/* The screen in use. */
const struct screen *console_screen(void);
/* Why the loader's framebuffer is not the screen (boot_fb_refusal), or NULL. */
const char *console_fb_refusal(void);
/* Clear the screen to background bg, start again at the top left, and write in fg on bg. */
void console_clear(enum color fg, enum color bg);
/* Start drawing on a framebuffer the boot page tables could not reach (above 4 GiB), now that
 * memory_init has mapped it; nothing if there is none. */
void console_attach_framebuffer(void);
/* The device memory the screen draws into (or will, see above), for memory_init to map. */
struct device_range console_device(void);
/* Colours for what follows. */
void console_set_color(enum color fg, enum color bg);
/* Write one character at the cursor: handles '\n', '\r', '\t', '\b', wraps and scrolls. */
void console_putc(char c);
void console_write(const char *s, size_t n);
/* Write a string to COM1 only (machine-read lines that would only scroll the screen). */
void console_serial_write(const char *s);
/* From now on the calling CPU owns the console and its output never waits for the console lock:
 * called by panic, which may strike while the lock is held (an exception inside a kprintf, an
 * NMI, a CPU it stopped). Other CPUs can no longer print if the panic got the lock within a
 * bounded wait. Every function here may be called from an interrupt handler, on any CPU. */
void console_panic(void);
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);

#endif
