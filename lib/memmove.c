/* SPDX-License-Identifier: MIT */
/*
 * memmove: like memcpy but overlap-safe. When dst lies above src inside the source area, a
 * forward copy would overwrite bytes before reading them, so copy backwards then.
 */
#include <stdint.h>
#include <string.h>

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if ((uintptr_t)d - (uintptr_t)s >= n) {
        /* dst below src, or no overlap (the unsigned difference wraps for d < s) */
        while (n--)
            *d++ = *s++;
    } else {
        while (n--)
            d[n] = s[n];
    }
    return dst;
}
