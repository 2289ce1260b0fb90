/* SPDX-License-Identifier: MIT */
/* memchr: bounded search for a byte; the safe way to check that untrusted text is NUL-terminated.
 */
#include <string.h>

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;

    for (size_t i = 0; i < n; i++) {
        if (p[i] == (unsigned char)c)
            return (void *)(p + i);
    }
    return NULL;
}
