/* SPDX-License-Identifier: MIT */
/*
 * memmove: like memcpy but the areas may overlap; compilers require it of a freestanding
 * environment and call it for copy loops whose areas may overlap. Any alignment and length.
 * Copies upward unless dst lies inside the source area above src, where an upward copy would
 * overwrite bytes before reading them; the strategy also depends on the distance between them.
 */
#include "copy.h"
#include <stdint.h>
#include <string.h>

/*
 * A destination less than a cache line below its source. Fast-string microcode may need the
 * areas a cache line apart: the SDM (Vol. 3A, "Out-of-Order Stores For String Operations", in
 * editions that list the conditions) names "source and destination must not overlap by less
 * than a cache line" among them. Outside fast-string mode rep movsb moves one byte per step,
 * rep movsq eight, so such copies use rep movsq. Measured on an AMD EPYC with FSRM, whose fast
 * strings ignore the distance (64 KiB, distance 1 to 63, ns): rep movsb 1120-1810, rep movsq
 * 1115-2110, 32-byte loop 2140-5290; rep movsq costs nothing here from 2 KiB on, and 2-5 ns
 * (up to 10%) from 512 B to 1 KiB, where rep movsb starts faster.
 */
#define MOVE_NEAR 64

/*
 * rep movsq, with its head and tail words, overtakes the 32-byte loop later than rep movsb does
 * (distance -1, ns, loop / rep movsq / rep movsb): aligned source 384 B 19.0 / 18.8 / 23.1,
 * 512 B 24.4 / 25.4 / 24.7, 640 B 30.4 / 28.2 / 26.8, 1 KiB 47.9 / 32.7 / 31.3; source +3
 * 384 B 21.8 / 22.4 / 23.9, 512 B 27.8 / 23.3 / 25.2.
 */
#define MOVE_NEAR_REP_MIN 512

/*
 * Copies n >= 16 bytes upward with rep movsq, for d < s: the first and last 8 bytes are loaded
 * first and stored last, so rep movsq starts at the next 8-byte-aligned destination and stops
 * at the last whole word. rep movsq moves words in ascending order, each read before written:
 * with d < s no word reads bytes already overwritten. The values stored last are the original
 * source bytes, the same the other stores put there.
 */
static __attribute__((noinline)) void *rep_movsq_below(unsigned char *d, const unsigned char *s,
                                                       size_t n)
{
    uint64_t head = load64(s), tail = load64(s + n - 8);
    size_t skip = 8 - ((uintptr_t)d & 7); /* 1 to 8: the head word covers these bytes */
    unsigned char *wd = d + skip;
    const unsigned char *ws = s + skip;
    size_t words = (n - skip) / 8;

    __asm__ volatile("rep movsq" : "+D"(wd), "+S"(ws), "+c"(words) : : "memory");
    store64(d, head), store64(d + n - 8, tail);
    return d;
}

/*
 * Copies n > 32 bytes downward when d > s, so that no source byte is overwritten before it is
 * read. Not with rep movsb and the direction flag set: that is slow on every CPU, and an
 * interrupt would enter the kernel with DF set. Out of line, as rep_movsq_below: the registers
 * either needs would otherwise be saved on every call of memmove (see COPY_INLINE_MAX).
 */
static __attribute__((noinline)) void *copy_backward(unsigned char *d, const unsigned char *s,
                                                     size_t n)
{
    size_t gap = (size_t)(d - s);

    if (gap >= COPY_REP_MIN && !rep_movsb_aliases(d, s)) {
        /* blocks of gap bytes, top first: each block's destination begins where its source
         * ends, so each is an upward copy without overlap over source bytes already copied */
        for (; n > gap; n -= gap)
            rep_movsb(d + n - gap, s + n - gap, gap);
        /* the rest lies below the source by gap >= n bytes: no overlap */
        if (n <= COPY_INLINE_MAX)
            copy_upto32(d, s, n);
        else
            copy_forward(d, s, n);
        return d;
    }
    /* 32 bytes per step, top first, each read before written; the stores stay above the source
     * bytes not yet read. The first 1 to 32 bytes go last, all read before any is written.
     * (32 bytes per step: 16 ran 10-30% slower from 256 B to 64 KiB at nearly every distance
     * and alignment measured, e.g. 4 KiB at distance 64: 212 / 170 ns.) */
    for (; n > 32; n -= 32)
        copy32(d + n - 32, s + n - 32);
    copy_upto32(d, s, n);
    return d;
}

/*
 * Up to MOVE_BYTES_MAX bytes to 1 to MOVE_WORD - 1 bytes below the source, a byte loop. When the
 * same area is shifted call after call (deleting from a line, say), a word copy's loads straddle
 * bytes the previous call stored with different stores, which store forwarding cannot serve:
 * each load waits for those stores to reach the cache. A byte load lies inside one earlier
 * store and forwards. Measured (ns, 8 B repeated, distance -1, the benchmark's rows): byte loop
 * 5.2-8.2, word copy 8.2-9.3; at 16 B the word copy is ahead (6.6-9.6 against 8.5-15).
 * Not for a destination above the source: there a byte loop (downward) ran 5.5 ns in some
 * processes and 8.3-9.8 in others, the word copy 8.2-8.4 (source aligned) and 5.9-7.6
 * (source +3) in both, so the word copy's worst case is the better one.
 */
#define MOVE_BYTES_MAX 8
#define MOVE_WORD      8

static void move_bytes_down(unsigned char *d, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        d[i] = s[i];
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if (n <= MOVE_BYTES_MAX) {
        if ((uintptr_t)s - (uintptr_t)d - 1 < MOVE_WORD - 1)
            move_bytes_down(d, s, n);
        else
            copy_upto32(d, s, n);
    } else if (n <= COPY_INLINE_MAX) {
        copy_upto32(d, s, n);
    } else if ((uintptr_t)d - (uintptr_t)s < n) {
        return copy_backward(d, s, n); /* d inside the source area, above s */
    } else if (n <= 64 && (uintptr_t)s - (uintptr_t)d >= n) {
        copy_upto64_disjoint(d, s, n); /* no overlap */
    } else if ((uintptr_t)s - (uintptr_t)d >= MOVE_NEAR) {
        copy_forward(d, s, n); /* d below s by a cache line or more, or no overlap */
    } else if (n >= MOVE_NEAR_REP_MIN) {
        return rep_movsq_below(d, s, n);
    } else {
        copy_forward_loop(d, s, n);
    }
    return dst;
}
