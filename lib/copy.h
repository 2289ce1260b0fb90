/* SPDX-License-Identifier: MIT */
/* Copy helpers for memcpy and memmove (private to lib/), each stating the overlap it allows. */
#ifndef LIBK_COPY_H
#define LIBK_COPY_H

#include "word.h"
#include <stddef.h>

/*
 * From this size on, rep movsb beats the 8-byte loop below: on CPUs with ERMS or FSRM (CPUID
 * leaf 7) the microcode moves whole cache lines, but it pays a start-up cost of tens of cycles.
 * Measured on an AMD Zen 5 (crossover 640-768 bytes); on CPUs without ERMS it is still correct,
 * only slower.
 */
#define COPY_REP_MIN 768

/*
 * Copies n <= 64 bytes with overlapping word moves from both ends (4 + 4 words cover up to 64
 * bytes). Every load comes before the first store, so any overlap of d and s is safe; the areas
 * are not restrict-qualified so the compiler keeps that order.
 */
static inline void copy_short(unsigned char *d, const unsigned char *s, size_t n)
{
    if (n > 32) {
        uint64_t a0 = load64(s), a1 = load64(s + 8), a2 = load64(s + 16), a3 = load64(s + 24);
        uint64_t b0 = load64(s + n - 32), b1 = load64(s + n - 24);
        uint64_t b2 = load64(s + n - 16), b3 = load64(s + n - 8);
        store64(d, a0), store64(d + 8, a1), store64(d + 16, a2), store64(d + 24, a3);
        store64(d + n - 32, b0), store64(d + n - 24, b1);
        store64(d + n - 16, b2), store64(d + n - 8, b3);
    } else if (n >= 16) {
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
 * Copies n > 64 bytes upward, 16 bytes per step, each step reading before writing: safe when
 * d <= s even if the areas overlap. The last 16 source bytes are read first because with d < s
 * the loop may overwrite them before the final, overlapping step stores them. (Steps of 16, not
 * 32: with fewer values live the compiler needs no callee-saved registers, whose saving and
 * restoring cost more than the extra loop iterations up to a few hundred bytes.)
 */
static inline void copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{
    if (n >= COPY_REP_MIN) {
        rep_movsb(d, s, n);
        return;
    }
    uint64_t t0 = load64(s + n - 16), t1 = load64(s + n - 8);
    for (size_t i = 0; i < n - 16; i += 16) {
        uint64_t w0 = load64(s + i), w1 = load64(s + i + 8);
        store64(d + i, w0), store64(d + i + 8, w1);
    }
    store64(d + n - 16, t0), store64(d + n - 8, t1);
}

#endif
