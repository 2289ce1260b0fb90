/* SPDX-License-Identifier: MIT */
/*
 * memcmp: GCC and clang require it of a freestanding environment, with memcpy, memmove and memset,
 * and may call it for comparisons of fixed-size memory. Bytes compare as unsigned char; the sign
 * of the result is that of the first differing pair. Any alignment and length; reads nothing
 * outside the two areas.
 */
#include "word.h"
#include <string.h>

/*
 * Orders two unequal words by their first differing byte in memory. x86 is little-endian: the
 * byte swap makes the byte at the lowest address the most significant, so an unsigned compare
 * of the swapped words compares the first differing bytes as unsigned char.
 */
static inline int order64(uint64_t a, uint64_t b)
{
    return __builtin_bswap64(a) < __builtin_bswap64(b) ? -1 : 1;
}

static inline int order32(uint32_t a, uint32_t b)
{
    return __builtin_bswap32(a) < __builtin_bswap32(b) ? -1 : 1;
}

/* n < 8: two overlapping 4-byte words, or single bytes. */
static int compare_short(const unsigned char *x, const unsigned char *y, size_t n)
{
    if (n >= 4) {
        uint32_t a = load32(x), b = load32(y);
        if (a != b)
            return order32(a, b);
        a = load32(x + n - 4), b = load32(y + n - 4);
        return a == b ? 0 : order32(a, b);
    }
    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    }
    return 0;
}

/* Zero if and only if the 32 bytes at x and y are equal. */
static inline uint64_t diff32(const unsigned char *x, const unsigned char *y)
{
    return (load64(x) ^ load64(y)) | (load64(x + 8) ^ load64(y + 8)) |
           (load64(x + 16) ^ load64(y + 16)) | (load64(x + 24) ^ load64(y + 24));
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a;
    const unsigned char *y = b;
    size_t i = 0;

    if (n < 8)
        return compare_short(x, y, n);
    /* 64 bytes per step with one branch; the word loop below then finds the differing word */
    for (; n - i >= 64; i += 64) {
        if (diff32(x + i, y + i) | diff32(x + i + 32, y + i + 32))
            break;
    }
    for (; n - i >= 8; i += 8) {
        uint64_t u = load64(x + i), v = load64(y + i);
        if (u != v)
            return order64(u, v);
    }
    if (i == n)
        return 0;
    /* the last 8 bytes; those before n - i were already found equal */
    uint64_t u = load64(x + n - 8), v = load64(y + n - 8);
    return u == v ? 0 : order64(u, v);
}
