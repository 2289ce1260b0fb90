/* SPDX-License-Identifier: MIT */
/* Host tests of libk's memset and memcmp: alignments, lengths, guard bytes, sign, page edges. */
#include "testlib.h"
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>

#include <cmocka.h>

#define GUARD   64  /* bytes checked on each side of the destination */
#define MAX_LEN 256 /* every length 0..MAX_LEN with every alignment 0..15 */

static const size_t large_lengths[] = {300,  511,  512,  1000, 1023,      1024,         1025,
                                       4095, 4096, 4097, 8191, 65536 + 5, (1 << 20) + 3};
#define LARGE_LENGTHS (sizeof(large_lengths) / sizeof(large_lengths[0]))

/* memset must store (unsigned char)c: values above 255 and negative ones keep their low byte. */
static const int fill_values[] = {0, 0xff, 0xab, 0x1ab, 0x12345600, -1, -0x55, INT_MIN};
#define FILL_VALUES (sizeof(fill_values) / sizeof(fill_values[0]))

/* One memset of n bytes at offset da in a buffer with GUARD checked bytes on each side. */
static void check_memset(size_t da, size_t n, int c)
{
    size_t size = GUARD + 64 + n + GUARD;
    unsigned char *buf = malloc(size), *want = malloc(size);

    fill_random(buf, size, (uint32_t)(n * 17 + da + 1));
    memcpy(want, buf, size);
    memset(want + GUARD + da, c, n);
    void *ret = k_memset(buf + GUARD + da, c, n);
    if (ret != buf + GUARD + da)
        fail_msg("memset dst+%zu n=%zu c=%#x: returned %p, not dst", da, n, c, ret);
    if (memcmp(buf, want, size) != 0) {
        size_t i = first_difference(buf, want, size);
        fail_msg("memset dst+%zu n=%zu c=%#x: byte %zu of the buffer (destination at %d) is "
                 "0x%02x, expected 0x%02x",
                 da, n, c, i, GUARD + (int)da, buf[i], want[i]);
    }
    free(buf), free(want);
}

static void memset_every_alignment_length_and_value(void **state)
{
    (void)state;
    for (size_t v = 0; v < FILL_VALUES; v++) {
        for (size_t da = 0; da < 16; da++) {
            for (size_t n = 0; n <= MAX_LEN; n++)
                check_memset(da, n, fill_values[v]);
        }
    }
}

static void memset_large(void **state)
{
    (void)state;
    for (size_t i = 0; i < LARGE_LENGTHS; i++) {
        for (size_t v = 0; v < FILL_VALUES; v++)
            check_memset(v * 5 % 16, large_lengths[i], fill_values[v]);
    }
}

/*
 * Lengths around the points where memset changes method (rep stosb from 768 bytes, rep stosq
 * from 1152), at every destination offset within a cache line: the head stored before rep
 * stos, and the tail after rep stosq's last whole word, depend on both.
 */
static void memset_around_the_rep_thresholds(void **state)
{
    static const size_t lengths[] = {767, 768, 769, 775, 1151, 1152, 1153, 1159, 1215, 1216};

    (void)state;
    for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
        for (size_t da = 0; da < 64; da++)
            check_memset(da, lengths[i], fill_values[(i + da) % FILL_VALUES]);
    }
}

/* memset ending at, then starting at, a trapping page. */
static void memset_page_edges(void **state)
{
    struct fenced f = fenced_alloc(large_lengths[LARGE_LENGTHS - 1]);
    unsigned char *want = malloc((size_t)(f.hi - f.lo));

    (void)state;
    for (size_t i = 0; i <= MAX_LEN + LARGE_LENGTHS; i++) {
        size_t n = i <= MAX_LEN ? i : large_lengths[i - MAX_LEN - 1];
        memset(want, 0xab, n);
        k_memset(f.hi - n, 0x1ab, n);
        assert_memory_equal(f.hi - n, want, n);
        k_memset(f.lo, 0x1ab, n);
        assert_memory_equal(f.lo, want, n);
    }
    free(want);
    fenced_free(&f);
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

/* Checks memcmp(x, y, n) has the sign want, and memcmp(y, x, n) the opposite. */
static void expect_order(const unsigned char *x, const unsigned char *y, size_t n, int want,
                         const char *what, size_t p)
{
    int got = sign(k_memcmp(x, y, n)), back = sign(k_memcmp(y, x, n));

    if (got != want || back != -want)
        fail_msg("memcmp n=%zu, %s at byte %zu (0x%02x vs 0x%02x): sign %d and %d reversed, "
                 "expected %d",
                 n, what, p, p < n ? x[p] : 0, p < n ? y[p] : 0, got, back, want);
}

/*
 * For one length and alignment pair: equal areas give 0, a difference just past n is ignored,
 * and a difference at every position p gives the sign of x[p] - y[p] as unsigned char; the pairs
 * 0x80/0x7f and 0xff/0x00 give the opposite sign when compared as signed char.
 */
static void check_memcmp_positions(size_t xa, size_t ya, size_t n, unsigned char *x,
                                   unsigned char *y)
{
    static const unsigned char hi[] = {0x80, 0xff, 0x01}, lo[] = {0x7f, 0x00, 0x00};

    x += xa, y += ya;
    fill_random(x, n + 1, (uint32_t)(n * 31 + xa * 7 + ya + 1));
    memcpy(y, x, n + 1);
    expect_order(x, y, n, 0, "equal", n);
    y[n] = (unsigned char)~x[n];
    expect_order(x, y, n, 0, "difference past the end", n);
    for (size_t p = 0; p < n; p++) {
        unsigned char keep = x[p];
        x[p] = hi[p % 3], y[p] = lo[p % 3];
        expect_order(x, y, n, 1, "difference", p);
        x[p] = y[p] = keep;
    }
}

static void memcmp_every_alignment_length_and_position(void **state)
{
    unsigned char *x = malloc(16 + MAX_LEN + 1), *y = malloc(16 + MAX_LEN + 1);

    (void)state;
    for (size_t xa = 0; xa < 16; xa++) {
        for (size_t ya = 0; ya < 16; ya++) {
            for (size_t n = 0; n <= MAX_LEN; n++)
                check_memcmp_positions(xa, ya, n, x, y);
        }
    }
    free(x), free(y);
}

/* The first difference decides, even when every later byte differs the other way. */
static void memcmp_first_difference_wins(void **state)
{
    unsigned char *x = malloc(16 + MAX_LEN), *y = malloc(16 + MAX_LEN);

    (void)state;
    for (size_t a = 0; a < 16; a++) {
        for (size_t n = 1; n <= MAX_LEN; n++) {
            unsigned char *xa = x + a, *ya = y + (15 - a);
            memset(xa, 0x00, n), memset(ya, 0xff, n);
            for (size_t p = 0; p < n; p++) {
                xa[p] = 0x80, ya[p] = 0x7f;
                expect_order(xa, ya, n, 1, "difference before opposite ones", p);
                xa[p] = ya[p] = (unsigned char)(p * 37);
            }
        }
    }
    free(x), free(y);
}

static void memcmp_large(void **state)
{
    (void)state;
    for (size_t i = 0; i < LARGE_LENGTHS; i++) {
        size_t n = large_lengths[i];
        size_t where[] = {0, 1, 7, 8, 31, 32, n / 2, n - 9, n - 8, n - 2, n - 1};
        unsigned char *x = malloc(n + 16), *y = malloc(n + 16);
        unsigned char *xa = x + i % 16, *ya = y + i * 7 % 16;
        fill_random(xa, n, (uint32_t)i + 1);
        memcpy(ya, xa, n);
        expect_order(xa, ya, n, 0, "equal", n);
        for (size_t w = 0; w < sizeof(where) / sizeof(where[0]); w++) {
            size_t p = where[w];
            unsigned char keep = xa[p];
            xa[p] = 0xff, ya[p] = 0x00;
            expect_order(xa, ya, n, 1, "difference", p);
            xa[p] = ya[p] = keep;
        }
        free(x), free(y);
    }
}

/* memcmp of equal areas (so every byte must be read) ending at, then starting at, a trapping
 * page; then with the last byte different. */
static void memcmp_page_edges(void **state)
{
    struct fenced x = fenced_alloc(large_lengths[LARGE_LENGTHS - 1]);
    struct fenced y = fenced_alloc(large_lengths[LARGE_LENGTHS - 1]);

    (void)state;
    fill_random(x.lo, (size_t)(x.hi - x.lo), 7);
    memcpy(y.lo, x.lo, (size_t)(x.hi - x.lo));
    for (size_t i = 0; i <= MAX_LEN + LARGE_LENGTHS; i++) {
        size_t n = i <= MAX_LEN ? i : large_lengths[i - MAX_LEN - 1];
        expect_order(x.hi - n, y.hi - n, n, 0, "equal at end of page", n);
        expect_order(x.lo, y.lo, n, 0, "equal at start of page", n);
        if (n == 0)
            continue;
        y.hi[-1] = (unsigned char)(x.hi[-1] - 1);
        expect_order(x.hi - n, y.hi - n, n, x.hi[-1] ? 1 : -1, "last byte at end of page", n - 1);
        y.hi[-1] = x.hi[-1];
    }
    fenced_free(&x), fenced_free(&y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(memset_every_alignment_length_and_value),
        cmocka_unit_test(memset_large),
        cmocka_unit_test(memset_around_the_rep_thresholds),
        cmocka_unit_test(memset_page_edges),
        cmocka_unit_test(memcmp_every_alignment_length_and_position),
        cmocka_unit_test(memcmp_first_difference_wins),
        cmocka_unit_test(memcmp_large),
        cmocka_unit_test(memcmp_page_edges),
    };

    return cmocka_run_group_tests_name("libk memset and memcmp", tests, NULL, NULL);
}
