/* SPDX-License-Identifier: MIT */
/* libk as the kernel builds it (no SSE, kernel code model): results match a byte-by-byte model. */
#include "ktest.h"

#include <fmt.h>
#include <string.h>

#define BUF 96

static unsigned char pattern(size_t i)
{
    return (unsigned char)(i * 7 + 3);
}

KTEST(libk_memcpy_and_memset_match_a_byte_model)
{
    static unsigned char src[BUF], dst[BUF];

    for (size_t i = 0; i < BUF; i++)
        src[i] = pattern(i);
    for (size_t off = 0; off < 8; off++) {
        for (size_t len = 0; len + off < BUF; len += 5) {
            memset(dst, 0xab, BUF);
            KT_ASSERT(memcpy(dst + off, src, len) == dst + off);
            for (size_t i = 0; i < BUF; i++)
                KT_ASSERT_EQ(i >= off && i < off + len ? pattern(i - off) : 0xab, dst[i]);
        }
    }
}

KTEST(libk_memmove_handles_overlap_both_ways)
{
    static unsigned char buf[BUF];

    for (size_t i = 0; i < BUF; i++)
        buf[i] = pattern(i);
    memmove(buf + 3, buf, 50);
    for (size_t i = 0; i < 50; i++)
        KT_ASSERT_EQ(pattern(i), buf[i + 3]);
    for (size_t i = 0; i < BUF; i++)
        buf[i] = pattern(i);
    memmove(buf, buf + 3, 50);
    for (size_t i = 0; i < 50; i++)
        KT_ASSERT_EQ(pattern(i + 3), buf[i]);
}

KTEST(libk_memcmp_compares_bytes_as_unsigned)
{
    unsigned char a[4] = {1, 2, 0x80, 4}, b[4] = {1, 2, 0x7f, 4};

    KT_ASSERT(memcmp(a, b, 4) > 0);
    KT_ASSERT(memcmp(b, a, 4) < 0);
    KT_ASSERT_EQ(0, memcmp(a, b, 2));
}

KTEST(libk_fmt_formats_the_kernel_conversions)
{
    char buf[64];

    fmt_snprintf(buf, sizeof(buf), "%d|%u|%x|%5s|%-3c|%08lx", -42, 7u, 0xbeefu, "ab", 'z',
                 0xffffffff80000000UL);
    KT_ASSERT_STREQ("-42|7|beef|   ab|z  |ffffffff80000000", buf);
    KT_ASSERT_EQ(5, fmt_snprintf(buf, 3, "%s", "hello"));
    KT_ASSERT_STREQ("he", buf);
}
