/* SPDX-License-Identifier: MIT */
/*
 * memmove: like memcpy but the areas may overlap; compilers require it of a freestanding
 * environment and call it for copy loops whose areas may overlap. Any alignment and length.
 * Copies upward unless dst lies inside the source area above src, where an upward copy would
 * overwrite bytes before reading them.
 */
#include "copy.h"
#include <stdint.h>
#include <string.h>

/*
 * Copies n > 64 bytes downward when d > s, so that no source byte is overwritten before it is
 * read. Not with rep movsb and the direction flag set: that is slow on every CPU, and an
 * interrupt would enter the kernel with DF set.
 */
static void copy_backward(unsigned char *d, const unsigned char *s, size_t n)
{
    size_t gap = (size_t)(d - s);

    if (gap >= COPY_REP_MIN) {
        /* blocks of gap bytes, top first: each block's destination begins where its source
         * ends, so each is an upward copy without overlap over source bytes already copied */
        for (; n > gap; n -= gap)
            rep_movsb(d + n - gap, s + n - gap, gap);
        if (n <= 64)
            copy_short(d, s, n);
        else
            copy_forward(d, s, n);
        return;
    }
    /* 16 bytes per step, each read before written; the first 16 source bytes are read first
     * because the last, overlapping step may overwrite them */
    uint64_t h0 = load64(s), h1 = load64(s + 8);
    while (n > 16) {
        n -= 16;
        uint64_t w0 = load64(s + n), w1 = load64(s + n + 8);
        store64(d + n, w0), store64(d + n + 8, w1);
    }
    store64(d, h0), store64(d + 8, h1);
}

void *memmove(void *dst, const void *src, size_t n)
{
    if (n <= 64)
        copy_short(dst, src, n);
    else if ((uintptr_t)dst - (uintptr_t)src >= n)
        copy_forward(dst, src, n); /* dst below src (the difference wraps), or no overlap */
    else
        copy_backward(dst, src, n);
    return dst;
}
