/* SPDX-License-Identifier: MIT */
/*
 * memset: emitted by compilers for zero-initialised locals and arrays. Fills with
 * (unsigned char)c, as C requires even when c is above 255 or negative; any alignment and length.
 */
#include "word.h"
#include <string.h>

/* rep stosb beats the 8-byte loop from here on (start-up cost, as for rep movsb in copy.h). */
#define SET_REP_MIN 768

/* Fills n <= 64 bytes with overlapping word stores from both ends. */
static inline void set_short(unsigned char *d, uint64_t w, size_t n)
{
    if (n > 32) {
        store64(d, w), store64(d + 8, w), store64(d + 16, w), store64(d + 24, w);
        store64(d + n - 32, w), store64(d + n - 24, w);
        store64(d + n - 16, w), store64(d + n - 8, w);
    } else if (n >= 16) {
        store64(d, w), store64(d + 8, w), store64(d + n - 16, w), store64(d + n - 8, w);
    } else if (n >= 8) {
        store64(d, w), store64(d + n - 8, w);
    } else if (n >= 4) {
        store32(d, (uint32_t)w), store32(d + n - 4, (uint32_t)w);
    } else if (n > 0) {
        /* bytes 0, n/2 and n-1 are all the bytes there are for n = 1, 2, 3 */
        d[0] = (unsigned char)w, d[n / 2] = (unsigned char)w, d[n - 1] = (unsigned char)w;
    }
}

/*
 * Fills upward with rep stosb (DF is clear at every call, as the ABI requires). "memory": the asm
 * writes memory it does not name.
 */
static inline void rep_stosb(unsigned char *d, unsigned char c, size_t n)
{
    __asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    uint64_t w = (unsigned char)c * 0x0101010101010101ull; /* the byte in all 8 lanes */

    if (n <= 64) {
        set_short(d, w, n);
    } else if (n >= SET_REP_MIN) {
        rep_stosb(d, (unsigned char)c, n);
    } else {
        for (size_t i = 0; i < n - 32; i += 32) {
            store64(d + i, w), store64(d + i + 8, w);
            store64(d + i + 16, w), store64(d + i + 24, w);
        }
        store64(d + n - 32, w), store64(d + n - 24, w);
        store64(d + n - 16, w), store64(d + n - 8, w);
    }
    return dst;
}
