/* SPDX-License-Identifier: MIT */
/* memset: emitted by compilers for zero-initialised locals and arrays; fills with (unsigned char)c.
 */
#include <string.h>

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;

    while (n--)
        *d++ = (unsigned char)c;
    return dst;
}
