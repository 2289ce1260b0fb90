/* SPDX-License-Identifier: MIT */
/* Host tests of libk's strlen, memchr and fmt_snprintf (compared with the C library's). */
#include "testlib.h"
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

#include <cmocka.h>

static void strlen_every_alignment_and_length(void **state)
{
    char *buf = malloc(16 + 300 + 1);

    (void)state;
    for (size_t a = 0; a < 16; a++) {
        for (size_t n = 0; n <= 300; n++) {
            memset(buf, 'x', 16 + 300 + 1);
            buf[a + n] = '\0';
            assert_int_equal(k_strlen(buf + a), n);
        }
    }
    free(buf);
}

/* Strings whose NUL is the last byte before a trapping page: strlen must not read past it. */
static void strlen_page_edge(void **state)
{
    struct fenced f = fenced_alloc(1 << 20);
    size_t span = (size_t)(f.hi - f.lo);

    (void)state;
    memset(f.lo, 0xa5, span);
    f.hi[-1] = '\0';
    for (size_t n = 0; n <= 300; n++)
        assert_int_equal(k_strlen((char *)f.hi - 1 - n), n);
    assert_int_equal(k_strlen((char *)f.lo), span - 1);
    fenced_free(&f);
}

/* memchr looks for (unsigned char)c: values above 255 and negative ones keep their low byte. */
static const int search_values[] = {0, 0xff, 0x80, 0x1ab, -1};
#define SEARCH_VALUES (sizeof(search_values) / sizeof(search_values[0]))

/* Every alignment, length and position: the first of two occurrences is found, one just past the
 * end is not, and neither is a byte that is absent. */
static void check_memchr(unsigned char *buf, size_t a, size_t n, int c)
{
    unsigned char *s = buf + a, byte = (unsigned char)c;

    fill_random(buf, 16 + 256 + 2, (uint32_t)(n * 16 + a + 1));
    for (size_t i = 0; i < n + 2; i++)
        s[i] = s[i] == byte ? (unsigned char)(byte + 1) : s[i];
    s[n] = byte;
    if (k_memchr(s, c, n) != NULL)
        fail_msg("memchr +%zu n=%zu c=%#x: found a byte past the end", a, n, c);
    for (size_t p = 0; p < n; p++) {
        unsigned char keep = s[p], last = s[n - 1];
        s[p] = s[n - 1] = byte; /* a second occurrence at the end, after p */
        void *got = k_memchr(s, c, n);
        if (got != s + p)
            fail_msg("memchr +%zu n=%zu c=%#x: byte at %zu, got %p for %p", a, n, c, p, got,
                     (void *)(s + p));
        s[n - 1] = last, s[p] = keep;
    }
}

static void memchr_every_alignment_length_and_position(void **state)
{
    unsigned char *buf = malloc(16 + 256 + 2);

    (void)state;
    for (size_t v = 0; v < SEARCH_VALUES; v++) {
        for (size_t a = 0; a < 16; a++) {
            for (size_t n = 0; n <= 256; n++)
                check_memchr(buf, a, n, search_values[v]);
        }
    }
    free(buf);
}

/* An area without the byte, ending at a trapping page: memchr must stop after n bytes. */
static void memchr_page_edge(void **state)
{
    struct fenced f = fenced_alloc(1 << 16);
    size_t span = (size_t)(f.hi - f.lo);

    (void)state;
    memset(f.lo, 0x5a, span);
    for (size_t n = 0; n <= span; n = n < 300 ? n + 1 : n * 2 + 1)
        assert_null(k_memchr(f.hi - n, 0xa5, n));
    f.hi[-1] = 0xa5;
    assert_ptr_equal(k_memchr(f.lo, 0xa5, span), f.hi - 1);
    fenced_free(&f);
}

/* A buffer larger than any output here, so bytes past the terminator can be checked too. */
#define OUT 160

/* Compares fmt_snprintf's output, terminator, untouched tail and return value with libc's. */
static void expect_same(int line, size_t size, const char *want, int want_n, const char *got,
                        int got_n)
{
    if (got_n != want_n)
        fail_msg("line %d, size %zu: fmt_snprintf returned %d, snprintf %d", line, size, got_n,
                 want_n);
    if (memcmp(got, want, OUT) != 0)
        fail_msg("line %d, size %zu: fmt_snprintf wrote \"%.*s\", snprintf \"%.*s\"", line, size,
                 (int)(size ? size : 1), got, (int)(size ? size : 1), want);
}

/* Formats with libk and with the C library into buffers of the same size, both prefilled. */
#define EXPECT_LIKE_LIBC(size, ...)                                                                \
    do {                                                                                           \
        char want[OUT], got[OUT];                                                                  \
        size_t n_ = (size);                                                                        \
        memset(want, '#', OUT), memset(got, '#', OUT);                                             \
        int want_n = snprintf(want, n_, __VA_ARGS__);                                              \
        int got_n = k_fmt_snprintf(got, n_, __VA_ARGS__);                                          \
        expect_same(__LINE__, n_, want, want_n, got, got_n);                                       \
    } while (0)

static void fmt_integers_like_libc(void **state)
{
    (void)state;
    EXPECT_LIKE_LIBC(OUT, "%d %d %d %d %d", 0, 1, -1, INT_MAX, INT_MIN);
    EXPECT_LIKE_LIBC(OUT, "%i|%5d|%-5d|%05d|%05d|%-5d|", 42, 42, 42, 42, -42, -42);
    EXPECT_LIKE_LIBC(OUT, "%u %u %x %X %x", 0u, UINT_MAX, 0xdeadbeefu, 0xdeadbeefu, 0u);
    EXPECT_LIKE_LIBC(OUT, "%ld %ld %lu %lx", LONG_MIN, LONG_MAX, ULONG_MAX, ULONG_MAX);
    EXPECT_LIKE_LIBC(OUT, "%lld %llu %llX", LLONG_MIN, ULLONG_MAX, 0x0123456789abcdefull);
    EXPECT_LIKE_LIBC(OUT, "%zu %zx %zd", SIZE_MAX, (size_t)4096, (ssize_t)-5);
    EXPECT_LIKE_LIBC(OUT, "%*d|%-*d|%*d", 6, 7, 6, 7, -6, 7);
    EXPECT_LIKE_LIBC(OUT, "%08x|%-8X|%20lu|%020lld", 0xbeefu, 0xbeefu, ULONG_MAX, LLONG_MIN);
    EXPECT_LIKE_LIBC(OUT, "%p %20p %-20p|", (void *)0x1234, (void *)&state, (void *)0xffff);
}

static void fmt_text_like_libc(void **state)
{
    (void)state;
    EXPECT_LIKE_LIBC(OUT, "plain text, no conversion");
    EXPECT_LIKE_LIBC(OUT, "%s|%10s|%-10s|%.3s|%.0s|%8.2s", "cyan", "cyan", "cyan", "cyan", "cyan",
                     "cyan");
    EXPECT_LIKE_LIBC(OUT, "%.*s|%*s", 2, "kernel", 7, "k");
    EXPECT_LIKE_LIBC(OUT, "%c%c%c|%3c|%-3c|", 'a', 'b', 0x7e, 'x', 'y');
    EXPECT_LIKE_LIBC(OUT, "100%% %s%%", "done");
    EXPECT_LIKE_LIBC(OUT, "%s", "");
}

/* Truncation: every buffer size from 0 up to past the whole output, return value unchanged. */
static void fmt_truncation_like_libc(void **state)
{
    (void)state;
    for (size_t size = 0; size <= 40; size++) {
        EXPECT_LIKE_LIBC(size, "%s=%d (%x)", "answer", 42, 42u);
        EXPECT_LIKE_LIBC(size, "%-12s|%08lx", "left", 0xabcdefUL);
    }
}

/* Behaviour libk documents itself (lib/include/fmt.h), where the C library differs or is silent:
 * an unknown conversion is printed as written, and a null %s prints "(null)". */
static void fmt_libk_rules(void **state)
{
    char buf[OUT];
    const char *unknown = "a%qb", *truncated = "end%", *null_string = NULL;

    (void)state;
    assert_int_equal(k_fmt_snprintf(buf, OUT, unknown, 1), 4);
    assert_string_equal(buf, "a%qb");
    assert_int_equal(k_fmt_snprintf(buf, OUT, truncated), 4);
    assert_string_equal(buf, "end%");
    assert_int_equal(k_fmt_snprintf(buf, OUT, "[%s]", null_string), 8);
    assert_string_equal(buf, "[(null)]");
    assert_int_equal(k_fmt_snprintf(NULL, 0, "%d", 12345), 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strlen_every_alignment_and_length),
        cmocka_unit_test(strlen_page_edge),
        cmocka_unit_test(memchr_every_alignment_length_and_position),
        cmocka_unit_test(memchr_page_edge),
        cmocka_unit_test(fmt_integers_like_libc),
        cmocka_unit_test(fmt_text_like_libc),
        cmocka_unit_test(fmt_truncation_like_libc),
        cmocka_unit_test(fmt_libk_rules),
    };

    return cmocka_run_group_tests_name("libk strlen, memchr and fmt", tests, NULL, NULL);
}
