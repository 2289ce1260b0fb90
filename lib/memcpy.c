/* SPDX-License-Identifier: MIT */
/*
 * memcpy: the compiler emits calls to it for struct copies and large initialisers even in
 * freestanding code, so the kernel must provide it. Assumes non-overlapping areas.
 */
#include <string.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    while (n--)
        *d++ = *s++;
    return dst;
}
