/* SPDX-License-Identifier: MIT */
/* strlen: counts bytes up to the terminating NUL, which must exist. */
#include <string.h>

size_t strlen(const char *s)
{
    const char *p = s;

    while (*p)
        p++;
    return (size_t)(p - s);
}
