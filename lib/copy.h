/* SPDX-License-Identifier: MIT */
/* Copy helpers for memcpy and memmove (private to lib/), each stating the overlap it allows. */
#ifndef LIBK_COPY_H
#define LIBK_COPY_H

#include "word.h"
#include <stddef.h>

/*
 * From this size on, rep movsb beats the 32-byte loop below: on CPUs with ERMS or FSRM (CPUID
 * leaf 7) the microcode moves whole cache lines, but it pays a start-up cost of tens of cycles.
 * Measured on an AMD EPYC with FSRM, the loop aligned to 64 bytes (ns per copy, loop / rep
 * movsb): aligned areas 256 B 10.5 / 12.7, 320 B 13.0 / 12.6, 384 B 15.2 / 13.9, 512 B
 * 18.6 / 15.1, 1 KiB 30.7 / 20.6; destination +1 and source +3 384 B 21.5 / 22.2, 448 B
 * 24.4 / 22.9, 640 B 25.4 / 21.7, 1 KiB 39.6 / 26.0. Aligned areas cross over near 320 bytes,
 * misaligned ones near 416: from 384 the aligned gain 9% where the misaligned lose 3%. On CPUs
 * without ERMS rep movsb is still correct, only slower.
 */
#define COPY_REP_MIN 384

/*
 * memcpy and memmove copy up to this many bytes themselves and call a function for the rest.
 * Up to 32 bytes, at most four values are live, which with the pointers, the length and the
 * return value fits the nine registers a call may clobber, so the function saves none. (A
 * straight-line 33-to-64-byte copy holds eight values: a function containing one saved three
 * registers on every call, four pushes and pops with the frame pointer, its shortest copies
 * included.) Above 32 bytes the copies go 32 bytes per step, four values at a time.
 */
#define COPY_INLINE_MAX 32

/*
 * Copies n <= 32 bytes with overlapping word moves from both ends (2 + 2 words cover up to 32
 * bytes). Every load comes before the first store, so any overlap of d and s is safe; the areas
 * are not restrict-qualified so the compiler keeps that order.
 */
static inline void copy_upto32(unsigned char *d, const unsigned char *s, size_t n)
{
    if (n >= 16) {
        uint64_t a0 = load64(s), a1 = load64(s + 8);
        uint64_t b0 = load64(s + n - 16), b1 = load64(s + n - 8);
        store64(d, a0), store64(d + 8, a1), store64(d + n - 16, b0), store64(d + n - 8, b1);
    } else if (n >= 8) {
        uint64_t a = load64(s), b = load64(s + n - 8);
        store64(d, a), store64(d + n - 8, b);
    } else if (n >= 4) {
        uint32_t a = load32(s), b = load32(s + n - 4);
        store32(d, a), store32(d + n - 4, b);
    } else if (n > 0) {
        /* bytes 0, n/2 and n-1 are all the bytes there are for n = 1, 2, 3 */
        unsigned char a = s[0], b = s[n / 2], c = s[n - 1];
        d[0] = a, d[n / 2] = b, d[n - 1] = c;
    }
}

/* Copies 32 bytes, all four loads before the first store (safe for any overlap). */
static inline void copy32(unsigned char *d, const unsigned char *s)
{
    uint64_t a = load64(s), b = load64(s + 8), c = load64(s + 16), e = load64(s + 24);
    store64(d, a), store64(d + 8, b), store64(d + 16, c), store64(d + 24, e);
}

/*
 * Copies 32 < n <= 64 bytes of areas that do not overlap: the first 32 bytes, then the last 32,
 * four values live at a time and no loop (memcpy at 64 B: 7.7 ns through the loop below, 4.7
 * this way).
 */
static inline void copy_upto64_disjoint(unsigned char *d, const unsigned char *s, size_t n)
{
    copy32(d, s);
    copy32(d + n - 32, s + n - 32);
}

/*
 * Copies n > 32 bytes upward, 32 bytes per step, then the last 1 to 32 with copy_upto32 (fewer
 * values live than in a 33-to-64-byte tail, fewer registers to save: memmove at 1 KiB, distance
 * +64, went from 0.88x to 1.03x of the scalar reference with that change): safe
 * when d <= s at any distance, because every source byte is read before the copy's stores,
 * which stay below the source bytes not yet read, reach it. (16, 32 and 64 bytes per step ran
 * alike below 512 B, e.g. 384 B at +1/+3: 15.4 / 15.3 / 17.7 ns; 32, as in memmove's downward
 * copy, where it is the fastest.)
 */
static inline void copy_forward_loop(unsigned char *d, const unsigned char *s, size_t n)
{
    size_t i = 0;

    for (; n - i > 32; i += 32)
        copy32(d + i, s + i);
    copy_upto32(d + i, s + i, n - i);
}

/*
 * Copies upward with rep movsb. The ABI guarantees the direction flag is clear at every call
 * (interrupt entry code must clear it before calling C), and the instruction behaves as a byte
 * loop, so d < s overlap is safe. "memory": the asm reads and writes memory it does not name.
 */
static inline void rep_movsb(unsigned char *d, const unsigned char *s, size_t n)
{
    __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
}

/*
 * Whether rep movsb would copy to a destination whose offset in its 4 KiB page lies 1 to 31 bytes
 * above the source's. Its loads then wait on its own stores as if they overlapped (only address
 * bits 0-11 are compared at first: "4K aliasing"), and it runs 16 times slower. Measured on an
 * AMD EPYC with FSRM (64 KiB, ns): rep movsb 22600-24000 at those offsets against 1400-2100 at
 * 0 and 32-4095; the 32-byte loop 3100-4200 and rep movsq 3300-4100 there. At 4 KiB: 1450-1540
 * against loop 160-200; at 1 KiB: 410-440 against 50. Such copies take the loop.
 */
#define COPY_PAGE_OFFSETS 4096 /* the 12 low address bits compared first */
#define COPY_ALIAS_SPAN   32   /* offsets 1 to 31 above the source's are slow */

static inline int rep_movsb_aliases(const unsigned char *d, const unsigned char *s)
{
    return (((uintptr_t)d - (uintptr_t)s - 1) & (COPY_PAGE_OFFSETS - 1)) < COPY_ALIAS_SPAN - 1;
}

/* Copies n > 32 bytes upward: safe when d <= s even if the areas overlap. */
static inline void copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{
    if (n >= COPY_REP_MIN && !rep_movsb_aliases(d, s))
        rep_movsb(d, s, n);
    else
        copy_forward_loop(d, s, n);
}

#endif
