/* SPDX-License-Identifier: MIT */
/*
 * The benchmark's scalar reference peer, our own code: a 32-byte-step scalar loop + rep movsb
 * (rep stosb) above 256 B, the design of the BSD kernels' scalar amd64 routines. memmove copies
 * downward with the same loop, never with rep and the direction flag set; memcmp compares 32 bytes
 * per step. Built with libk's flags (no SIMD).
 */
#include "bench_scalar.h"
#include "../../lib/word.h"

#define SCALAR_REP_ABOVE 256

/* n < 32 bytes, overlapping words from both ends, every load before any store. */
static void short_copy(unsigned char *d, const unsigned char *s, size_t n)
{
    if (n >= 16) {
        uint64_t a = load64(s), b = load64(s + 8), c = load64(s + n - 16), e = load64(s + n - 8);
        store64(d, a), store64(d + 8, b), store64(d + n - 16, c), store64(d + n - 8, e);
    } else if (n >= 8) {
        uint64_t a = load64(s), b = load64(s + n - 8);
        store64(d, a), store64(d + n - 8, b);
    } else if (n >= 4) {
        uint32_t a = load32(s), b = load32(s + n - 4);
        store32(d, a), store32(d + n - 4, b);
    } else {
        for (size_t i = 0; i < n; i++)
            d[i] = s[i];
    }
}

static inline void copy32(unsigned char *d, const unsigned char *s)
{
    uint64_t a = load64(s), b = load64(s + 8), c = load64(s + 16), e = load64(s + 24);
    store64(d, a), store64(d + 8, b), store64(d + 16, c), store64(d + 24, e);
}

static void *forward(unsigned char *d, const unsigned char *s, size_t n)
{
    if (n > SCALAR_REP_ABOVE) {
        __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
        return d;
    }
    size_t i = 0;
    for (; n - i >= 32; i += 32)
        copy32(d + i, s + i);
    short_copy(d + i, s + i, n - i);
    return d;
}

void *scalar_memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    forward(dst, src, n);
    return dst;
}

void *scalar_memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if ((uintptr_t)d - (uintptr_t)s >= n) {
        forward(d, s, n);
        return dst;
    }
    for (; n >= 32; n -= 32)
        copy32(d + n - 32, s + n - 32);
    short_copy(d, s, n);
    return dst;
}

void *scalar_memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    uint64_t w = (unsigned char)c * 0x0101010101010101ull;

    if (n > SCALAR_REP_ABOVE) {
        __asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
        return dst;
    }
    for (; n >= 32; n -= 32, d += 32)
        store64(d, w), store64(d + 8, w), store64(d + 16, w), store64(d + 24, w);
    if (n >= 8) {
        for (size_t i = 0; i + 8 <= n; i += 8)
            store64(d + i, w);
        store64(d + n - 8, w);
    } else {
        for (size_t i = 0; i < n; i++)
            d[i] = (unsigned char)c;
    }
    return dst;
}

int scalar_memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    size_t i = 0;

    for (; n - i >= 32; i += 32) {
        if ((load64(x + i) ^ load64(y + i)) | (load64(x + i + 8) ^ load64(y + i + 8)) |
            (load64(x + i + 16) ^ load64(y + i + 16)) | (load64(x + i + 24) ^ load64(y + i + 24)))
            break;
    }
    for (; n - i >= 8; i += 8) {
        uint64_t u = load64(x + i), v = load64(y + i);
        if (u != v)
            return __builtin_bswap64(u) < __builtin_bswap64(v) ? -1 : 1;
    }
    for (; i < n; i++) {
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    }
    return 0;
}
