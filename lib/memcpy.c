/* SPDX-License-Identifier: MIT */
/*
 * memcpy: the compiler emits calls to it for struct copies and large initialisers even in
 * freestanding code, so the kernel must provide it. Assumes non-overlapping areas; any
 * alignment and any length, 0 included.
 */
#include "copy.h"
#include <string.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    if (n <= COPY_INLINE_MAX)
        copy_upto32(dst, src, n);
    else if (n <= 64)
        copy_upto64_disjoint(dst, src, n);
    else
        copy_forward(dst, src, n);
    return dst;
}
