/* SPDX-License-Identifier: MIT */
/* printf-style formatting into any character sink: the engine behind kprintf and panic. */
#ifndef LIBK_FMT_H
#define LIBK_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Receives each output character in order. */
typedef void (*fmt_sink)(void *ctx, char c);

/*
 * Supported: %d %i %u %x %X %p %c %s %%, flags '-' and '0', width and precision as digits or
 * '*', length modifiers l, ll and z. An unknown conversion is printed as written.
 * Returns the number of characters emitted.
 */
int fmt_vformat(fmt_sink sink, void *ctx, const char *fmt, va_list ap);

/* Like snprintf: always NUL-terminates when size > 0; returns the untruncated length. */
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
