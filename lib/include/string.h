/* SPDX-License-Identifier: MIT */
/* libk's string and memory functions: the ones C compilers require even of freestanding code. */
#ifndef LIBK_STRING_H
#define LIBK_STRING_H

#include <stddef.h>

/* Copy n bytes; the areas must not overlap. Returns dst. */
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
/* Copy n bytes; the areas may overlap. Returns dst. */
void *memmove(void *dst, const void *src, size_t n);
/* Fill n bytes with (unsigned char)c. Returns dst. */
void *memset(void *dst, int c, size_t n);
/* Compare n bytes as unsigned char: <0, 0 or >0 like the first differing pair. */
int memcmp(const void *a, const void *b, size_t n);
/* First byte equal to (unsigned char)c among the first n, or NULL. */
void *memchr(const void *s, int c, size_t n);
/* Length of a NUL-terminated string. */
size_t strlen(const char *s);

#endif
