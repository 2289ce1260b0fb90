/* SPDX-License-Identifier: MIT */
/* Host tests of libk's memcpy and memmove: alignments, lengths, guards, overlap, page edges. */
#include "testlib.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>

#include <cmocka.h>

#define GUARD   64  /* bytes checked on each side of the destination */
#define MAX_LEN 256 /* every length 0..MAX_LEN with every alignment 0..15 */

static const size_t large_lengths[] = {300,  383,  384,       385,          511,  512,
                                       1000, 1023, 1024,      1025,         4095, 4096,
                                       4097, 8191, 65536 + 5, (1 << 20) + 3};
#define LARGE_LENGTHS (sizeof(large_lengths) / sizeof(large_lengths[0]))

/* Random bytes that buffers start from, at an offset chosen by the case, filled once. */
static unsigned char *pool;
#define POOL_SIZE (4u << 20)

static unsigned char *random_copy(size_t size, size_t seed)
{
    unsigned char *p = malloc(size);

    memcpy(p, pool + seed % (POOL_SIZE - size), size);
    return p;
}

/* Fails the test unless got[0..n) equals want[0..n), naming the case and the first wrong byte. */
static void expect_bytes(const unsigned char *got, const unsigned char *want, size_t n,
                         const char *what, size_t d, size_t s, size_t len)
{
    if (memcmp(got, want, n) != 0) {
        size_t i = first_difference(got, want, n);
        fail_msg("%s dst@%zu src@%zu n=%zu: byte %zu is 0x%02x, expected 0x%02x", what, d, s, len,
                 i, got[i], want[i]);
    }
}

/* One memcpy of n bytes between buffers holding GUARD checked bytes on each side. */
static void check_memcpy(size_t da, size_t sa, size_t n, size_t seed)
{
    size_t size = GUARD + 16 + n + GUARD;
    unsigned char *src = random_copy(size, seed), *src_copy = random_copy(size, seed);
    unsigned char *dst = random_copy(size, seed + 1000), *want = random_copy(size, seed + 1000);
    unsigned char *d = dst + GUARD + da, *s = src + GUARD + sa;

    memcpy(want + GUARD + da, s, n);
    void *ret = k_memcpy(d, s, n);
    if (ret != d)
        fail_msg("memcpy dst+%zu src+%zu n=%zu: returned %p, not dst", da, sa, n, ret);
    expect_bytes(dst, want, size, "memcpy (destination and guards)", da, sa, n);
    expect_bytes(src, src_copy, size, "memcpy (source unchanged)", da, sa, n);
    free(src), free(src_copy), free(dst), free(want);
}

static void memcpy_every_alignment_and_length(void **state)
{
    (void)state;
    for (size_t da = 0; da < 16; da++) {
        for (size_t sa = 0; sa < 16; sa++) {
            for (size_t n = 0; n <= MAX_LEN; n++)
                check_memcpy(da, sa, n, da * 4099 + sa * 257 + n);
        }
    }
}

static void memcpy_large(void **state)
{
    static const size_t align[][2] = {{0, 0}, {1, 0}, {0, 1}, {7, 13}, {8, 0}, {15, 15}};

    (void)state;
    for (size_t i = 0; i < LARGE_LENGTHS; i++) {
        for (size_t a = 0; a < sizeof(align) / sizeof(align[0]); a++)
            check_memcpy(align[a][0], align[a][1], large_lengths[i], i * 31 + a);
    }
}

/* memcpy with the areas ending at, then starting at, a trapping page: no byte read or written
 * outside them. */
static void memcpy_page_edges(void **state)
{
    struct fenced src = fenced_alloc(large_lengths[LARGE_LENGTHS - 1]);
    struct fenced dst = fenced_alloc(large_lengths[LARGE_LENGTHS - 1]);

    (void)state;
    fill_random(src.lo, (size_t)(src.hi - src.lo), 42);
    for (size_t i = 0; i <= MAX_LEN + LARGE_LENGTHS; i++) {
        size_t n = i <= MAX_LEN ? i : large_lengths[i - MAX_LEN - 1];
        k_memcpy(dst.hi - n, src.hi - n, n);
        expect_bytes(dst.hi - n, src.hi - n, n, "memcpy (at end of page)", 0, 0, n);
        k_memcpy(dst.lo, src.lo, n);
        expect_bytes(dst.lo, src.lo, n, "memcpy (at start of page)", 0, 0, n);
    }
    fenced_free(&src), fenced_free(&dst);
}

/* memmove in one arena from offset s to offset d; the expected arena is built through a copy. */
static void check_memmove(size_t size, size_t d, size_t s, size_t n, size_t seed)
{
    unsigned char *arena = random_copy(size, seed), *want = random_copy(size, seed);
    unsigned char *tmp = malloc(n + 1);

    memcpy(tmp, want + s, n);
    memcpy(want + d, tmp, n);
    void *ret = k_memmove(arena + d, arena + s, n);
    if (ret != arena + d)
        fail_msg("memmove dst@%zu src@%zu n=%zu: returned %p, not dst", d, s, n, ret);
    expect_bytes(arena, want, size, "memmove (arena)", d, s, n);
    free(arena), free(want), free(tmp);
}

/*
 * Distances dst - src for a length n: all of -72..72 (0 is exact overlap, small ones overlap in
 * both directions), and the edges of overlap, +-(n-1), +-n, +-(n+1). Returns how many.
 */
static size_t distances(size_t n, long *out)
{
    size_t k = 0;

    for (long d = -72; d <= 72; d++)
        out[k++] = d;
    for (long e = -1; e <= 1; e++) {
        out[k++] = (long)n + e;
        out[k++] = -((long)n + e);
    }
    return k;
}

static void memmove_overlap_every_alignment_and_length(void **state)
{
    size_t size = GUARD + 16 + 3 * (MAX_LEN + 1) + GUARD; /* n + 1 below src, 2n + 1 above */
    long dist[160];

    (void)state;
    for (size_t n = 0; n <= MAX_LEN; n++) {
        size_t count = distances(n, dist);
        for (size_t a = 0; a < 16; a++) {
            size_t s = GUARD + MAX_LEN + 1 + a;
            for (size_t i = 0; i < count; i++)
                check_memmove(size, (size_t)((long)s + dist[i]), s, n, n * 7919 + a * 163 + i);
        }
    }
}

static void memmove_large(void **state)
{
    (void)state;
    for (size_t i = 0; i < LARGE_LENGTHS; i++) {
        size_t n = large_lengths[i];
        long half = (long)n / 2;
        long dist[] = {0, 1, -1, 7, -7, 8, -8, 33, -33, 64, -64, half, -half, (long)n - 1};
        size_t size = GUARD + 16 + 3 * n + GUARD;
        for (size_t j = 0; j < sizeof(dist) / sizeof(dist[0]); j++) {
            size_t s = GUARD + n + j % 16;
            check_memmove(size, (size_t)((long)s + dist[j]), s, n, i * 64 + j);
        }
    }
}

/*
 * Lengths where memmove's strategy changes (rep movsb from 384 bytes, rep movsq for a near
 * destination below the source from 512) and above them, against every distance -72..72 (below
 * -64 the destination is more than a cache line below the source) and the block sizes of the
 * downward copy around 384 and 512, at every destination alignment mod 8 (the near-distance
 * upward copy aligns its destination).
 */
static void memmove_near_distances_above_the_rep_threshold(void **state)
{
    static const size_t lengths[] = {383, 384, 385, 448, 511, 512, 513, 640, 1029, 4099};
    static const long gaps[] = {-513, -512, -511, -385, -384, -383, 383, 384, 385, 511, 512, 513};
    (void)state;
    for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
        /* room below and above the destination for n bytes or the largest gap */
        size_t n = lengths[i], room = n > 520 ? n : 520, size = GUARD + 16 + 2 * room + n + GUARD;
        long dist[145 + sizeof(gaps) / sizeof(gaps[0])];
        size_t count = 0;
        for (long d = -72; d <= 72; d++)
            dist[count++] = d;
        for (size_t g = 0; g < sizeof(gaps) / sizeof(gaps[0]); g++)
            dist[count++] = gaps[g];
        for (size_t j = 0; j < count; j++) {
            for (size_t a = 0; a < 8; a++) {
                size_t d = GUARD + room + 8 + a, s = (size_t)((long)d - dist[j]);
                check_memmove(size, d, s, n, i * 4096 + j * 8 + a);
            }
        }
    }
}

/*
 * Destinations whose offset in the page is the source's plus 0, 1, 31, 32 or 4095 bytes (1 to
 * 31 take the loop instead of rep movsb), in one arena so that the offsets are exact; memmove
 * with the same distances, not overlapping, and the downward copy with a gap of 4096 + 1.
 */
static void copy_page_offsets_near_the_source(void **state)
{
    static const size_t lengths[] = {511, 512, 4096 + 3, 65536 + 5};
    static const size_t above[] = {0, 1, 31, 32, 4095};
    (void)state;
    for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
        size_t n = lengths[i], size = GUARD + 3 + n + 4 * 4096 + n + GUARD;
        for (size_t j = 0; j < sizeof(above) / sizeof(above[0]); j++) {
            for (size_t a = 0; a < 4; a++) {
                size_t s = GUARD + a, d = s + ((n + 4095) / 4096 + 1) * 4096 + above[j];
                unsigned char *arena = random_copy(size, i * 64 + j * 4 + a);
                unsigned char *want = random_copy(size, i * 64 + j * 4 + a);
                memcpy(want + d, want + s, n);
                k_memcpy(arena + d, arena + s, n);
                expect_bytes(arena, want, size, "memcpy (page offsets)", d, s, n);
                free(arena), free(want);
                check_memmove(size, d, s, n, i * 64 + j * 4 + a);
            }
        }
        check_memmove(GUARD + 3 * n + 4096 + GUARD, GUARD + 4097, GUARD, n, i);
    }
}

/* Overlapping memmove with the source starting at a trapping page (dst above: copied downward)
 * and ending at one (dst below: copied upward). */
static void memmove_page_edges(void **state)
{
    struct fenced f = fenced_alloc(2 * large_lengths[LARGE_LENGTHS - 1]);
    size_t span = (size_t)(f.hi - f.lo);
    unsigned char *want = malloc(span);

    (void)state;
    for (size_t i = 0; i <= MAX_LEN + LARGE_LENGTHS; i++) {
        size_t n = i <= MAX_LEN ? i : large_lengths[i - MAX_LEN - 1];
        size_t dist[] = {1, 7, 8, 33, 64, n / 2 + 1, n};
        for (size_t j = 0; j < sizeof(dist) / sizeof(dist[0]); j++) {
            fill_random(f.lo, n + dist[j], (uint32_t)(i * 8 + j + 1));
            memcpy(want, f.lo, n);
            k_memmove(f.lo + dist[j], f.lo, n);
            expect_bytes(f.lo + dist[j], want, n, "memmove (source at start of page)", dist[j], 0,
                         n);
            fill_random(f.hi - n - dist[j], n + dist[j], (uint32_t)(i * 8 + j + 1));
            memcpy(want, f.hi - n, n);
            k_memmove(f.hi - n - dist[j], f.hi - n, n);
            expect_bytes(f.hi - n - dist[j], want, n, "memmove (source at end of page)", 0, dist[j],
                         n);
        }
    }
    free(want);
    fenced_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(memcpy_every_alignment_and_length),
        cmocka_unit_test(memcpy_large),
        cmocka_unit_test(memcpy_page_edges),
        cmocka_unit_test(copy_page_offsets_near_the_source),
        cmocka_unit_test(memmove_overlap_every_alignment_and_length),
        cmocka_unit_test(memmove_large),
        cmocka_unit_test(memmove_near_distances_above_the_rep_threshold),
        cmocka_unit_test(memmove_page_edges),
    };

    pool = malloc(POOL_SIZE);
    fill_random(pool, POOL_SIZE, 2024);
    int failed = cmocka_run_group_tests_name("libk memcpy and memmove", tests, NULL, NULL);
    free(pool);
    return failed;
}
