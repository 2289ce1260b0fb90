/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: runs each of libk's mem* functions, strlen and fmt_snprintf beside the C
 * library's on the same fuzzer-chosen buffers, offsets and lengths, and aborts on any difference in
 * the bytes written or the value returned. Every buffer is a malloc of exactly the bytes a call may
 * touch (plus checked margins), so AddressSanitizer reports any read or write beyond them.
 */
#include "libk_host.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define MARGIN 32 /* bytes on each side of a destination that must stay as they were */

/* What one input asks for; the rest of the input is the data the buffers are filled with. */
struct params {
    size_t n;            /* length for every function */
    size_t dst_off;      /* destination offset (alignment, and overlap for memmove) */
    size_t src_off;      /* source offset */
    int c;               /* memset, memchr: any int, above 255 and negative; fmt: the format */
    size_t diff_at;      /* memcmp: where the second area differs from the first, if < n */
    unsigned char diff;  /* memcmp: XOR applied there (0: no difference) */
    const uint8_t *data; /* bytes to fill buffers with, repeated */
    size_t size;
};

#define HEADER 13

/*
 * The top two bits of a 16-bit field pick one of four ranges, so small values are as common as
 * large ones. Lengths reach rep movsb/stosb sizes; offsets reach the gaps (>= 768) at which
 * memmove copies downward in blocks.
 */
static const size_t length_range[] = {64, 512, 4096, 16384};
static const size_t offset_range[] = {16, 256, 1024, 4096};

static size_t ranged(const uint8_t *in, const size_t range[4])
{
    unsigned raw = in[0] | in[1] << 8;

    return (raw & 0x3fff) % range[raw >> 14];
}

/* Inputs shorter than the header read as if padded with zeros: every input reaches libk. */
static struct params parse(const uint8_t *input, size_t size)
{
    uint8_t in[HEADER] = {0};

    memcpy(in, input, size < HEADER ? size : HEADER);
    struct params p = {
        .n = ranged(in, length_range),
        .dst_off = ranged(in + 2, offset_range),
        .src_off = ranged(in + 4, offset_range),
        .c = (int)((uint32_t)in[6] | (uint32_t)in[7] << 8 | (uint32_t)in[8] << 16 |
                   (uint32_t)in[9] << 24),
        .diff_at = ranged(in + 10, length_range),
        .diff = in[12],
        .data = input + (size < HEADER ? size : HEADER),
        .size = size < HEADER ? 0 : size - HEADER,
    };
    return p;
}

/* A malloc of n bytes: the input's data from offset salt, then that prefix repeated. */
static unsigned char *filled(const struct params *p, size_t n, size_t salt)
{
    unsigned char *b = malloc(n ? n : 1);
    size_t done = 0;

    if (p->size == 0) {
        for (; done < n && done < 256; done++)
            b[done] = (unsigned char)(done * 131 + salt);
    } else {
        size_t from = salt % p->size;
        done = p->size - from < n ? p->size - from : n;
        memcpy(b, p->data + from, done);
    }
    for (size_t chunk; done < n; done += chunk) {
        chunk = done < n - done ? done : n - done;
        memcpy(b + done, b, chunk);
    }
    return b;
}

static void mismatch(const char *what, const struct params *p)
{
    fprintf(stderr,
            "fuzz_mem: %s differs from the C library: n=%zu dst_off=%zu src_off=%zu c=%#x\n", what,
            p->n, p->dst_off, p->src_off, (unsigned)p->c);
    abort();
}

/* Destination and margins are compared whole; the source holds exactly the n bytes to read. */
static void fuzz_memcpy(const struct params *p)
{
    size_t size = MARGIN + p->dst_off + p->n + MARGIN, skew = p->src_off % 16;
    unsigned char *src = filled(p, skew + p->n, 1);
    unsigned char *a = filled(p, size, 2), *b = filled(p, size, 2);
    unsigned char *ra = libk_memcpy(a + MARGIN + p->dst_off, src + skew, p->n);
    unsigned char *rb = memcpy(b + MARGIN + p->dst_off, src + skew, p->n);

    if (ra - a != rb - b || memcmp(a, b, size) != 0)
        mismatch("memcpy", p);
    free(src), free(a), free(b);
}

/* Source and destination in one area, overlapping whenever the offsets differ by less than n. */
static void fuzz_memmove(const struct params *p)
{
    size_t top = p->dst_off > p->src_off ? p->dst_off : p->src_off;
    size_t size = MARGIN + top + p->n + MARGIN;
    unsigned char *a = filled(p, size, 3), *b = filled(p, size, 3);
    unsigned char *ra = libk_memmove(a + MARGIN + p->dst_off, a + MARGIN + p->src_off, p->n);
    unsigned char *rb = memmove(b + MARGIN + p->dst_off, b + MARGIN + p->src_off, p->n);

    if (ra - a != rb - b || memcmp(a, b, size) != 0)
        mismatch("memmove", p);
    free(a), free(b);
}

static void fuzz_memset(const struct params *p)
{
    size_t size = MARGIN + p->dst_off + p->n + MARGIN;
    unsigned char *a = filled(p, size, 4), *b = filled(p, size, 4);
    unsigned char *ra = libk_memset(a + MARGIN + p->dst_off, p->c, p->n);
    unsigned char *rb = memset(b + MARGIN + p->dst_off, p->c, p->n);

    if (ra - a != rb - b || memcmp(a, b, size) != 0)
        mismatch("memset", p);
    free(a), free(b);
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

/* Two areas of exactly skew + n bytes, equal except (maybe) one byte chosen by the fuzzer. */
static void fuzz_memcmp(const struct params *p)
{
    size_t xs = p->src_off % 16, ys = p->dst_off % 16;
    unsigned char *x = filled(p, xs + p->n, 5), *y = malloc(ys + p->n + 1);

    memcpy(y + ys, x + xs, p->n);
    if (p->diff_at < p->n)
        y[ys + p->diff_at] ^= p->diff;
    if (sign(libk_memcmp(x + xs, y + ys, p->n)) != sign(memcmp(x + xs, y + ys, p->n)) ||
        sign(libk_memcmp(y + ys, x + xs, p->n)) != sign(memcmp(y + ys, x + xs, p->n)))
        mismatch("memcmp", p);
    free(x), free(y);
}

/* The area holds exactly skew + n bytes; the byte looked for is any int, as for memset. */
static void fuzz_memchr(const struct params *p)
{
    size_t skew = p->src_off % 16;
    unsigned char *s = filled(p, skew + p->n, 7);
    unsigned char *got = libk_memchr(s + skew, p->c, p->n), *want = memchr(s + skew, p->c, p->n);

    if (got != want)
        mismatch("memchr", p);
    free(s);
}

/* The data may hold NULs of its own: the string ends at the first one. */
static void fuzz_strlen(const struct params *p)
{
    size_t skew = p->src_off % 16;
    char *s = (char *)filled(p, skew + p->n + 1, 6);

    s[skew + p->n] = '\0';
    if (libk_strlen(s + skew) != strlen(s + skew))
        mismatch("strlen", p);
    free(s);
}

/*
 * Builds one conversion from the bits of c: what fmt.h documents and the C library agrees on
 * (no precision on integers, no '0' flag on %c %s %p). Returns the conversion character.
 */
static char build_format(char *f, uint32_t c)
{
    static const char conv[] = "diuxXcsp", *const length[] = {"", "l", "ll", "z"};
    char k = conv[c & 7];
    int integer = k != 'c' && k != 's' && k != 'p';

    f += sprintf(f, "[%%%s%s", c & 8 ? "-" : "", c & 16 && integer ? "0" : "");
    if (c >> 8 & 63)
        f += sprintf(f, "%u", (unsigned)(c >> 8 & 63));
    if (k == 's' && c & (1u << 19))
        f += sprintf(f, ".%u", (unsigned)(c >> 14 & 31));
    sprintf(f, "%s%c]", integer ? length[c >> 5 & 3] : "", k);
    return k;
}

/* One fmt_snprintf call beside snprintf, value and buffer size from the input. */
static void fuzz_fmt(const struct params *p)
{
    char f[32], want[128], got[128], str[41] = "";
    uint64_t v = 0;
    size_t size = p->dst_off % sizeof(want);
    char k = build_format(f, (uint32_t)p->c);
    int wn, gn;

    memcpy(&v, p->data, p->size < 8 ? p->size : 8);
    memcpy(str, p->data, p->size < 40 ? p->size : 40);
    memset(want, '#', sizeof(want)), memset(got, '#', sizeof(want));
#define BOTH(...)                                                                                  \
    (wn = snprintf(want, size, f, __VA_ARGS__), gn = libk_fmt_snprintf(got, size, f, __VA_ARGS__))
    if (k == 's')
        BOTH(str);
    else if (k == 'p')
        BOTH((void *)(uintptr_t)(v | 1));
    else if (k == 'c')
        BOTH((int)(char)v);
    else if (strstr(f, "ll"))
        BOTH((long long)v);
    else if (strchr(f, 'l') || strchr(f, 'z'))
        BOTH((long)v);
    else
        BOTH((int)v);
#undef BOTH
    if (wn != gn || memcmp(want, got, sizeof(want)) != 0) {
        fprintf(stderr, "fuzz_mem: fmt_snprintf(\"%s\", size %zu) gave %d \"%.*s\", snprintf %d\n",
                f, size, gn, (int)size, got, wn);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t size)
{
    struct params p = parse(in, size);
    fuzz_memcpy(&p);
    fuzz_memmove(&p);
    fuzz_memset(&p);
    fuzz_memcmp(&p);
    fuzz_memchr(&p);
    fuzz_strlen(&p);
    fuzz_fmt(&p);
    return 0;
}
