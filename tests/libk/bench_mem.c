/* SPDX-License-Identifier: MIT */
/*
 * Benchmark: libk's mem* (built with the kernel's code-generation flags, minus -mcmodel=kernel
 * which only links in the top 2 GiB of the address space) against the C library's and against
 * plain byte loops, in one table. Each figure is the best of several timed batches of calls.
 */
#include "bench_bytes.h"
#include "libk_host.h"
#include <gnu/libc-version.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum op { MEMCPY, MEMMOVE, MEMSET, MEMCMP, OPS };
static const char *const op_names[OPS] = {"memcpy", "memmove", "memset", "memcmp"};

struct impl {
    void *(*copy)(void *restrict, const void *restrict, size_t);
    void *(*move)(void *, const void *, size_t);
    void *(*set)(void *, int, size_t);
    int (*compare)(const void *, const void *, size_t);
};

enum { LIBK, LIBC, BYTES, IMPLS };
static const struct impl impls[IMPLS] = {
    {libk_memcpy, libk_memmove, libk_memset, libk_memcmp},
    {memcpy, memmove, memset, memcmp},
    {bytes_memcpy, bytes_memmove, bytes_memset, bytes_memcmp},
};

#define MAX_SIZE (1u << 20)
#define REPEATS  9
#define BATCH_NS 4e6 /* a batch runs at least this long, so timer resolution does not matter */

static unsigned char *buf_a, *buf_b;
static volatile int sink; /* memcmp results go here, so the calls cannot be dropped */

static double now_ns(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

/*
 * Destinations start half a page in: a load at the same offset within its page as a store still
 * in flight waits for it (4K aliasing), which would make every small copy measure that instead.
 */
#define DST_OFFSET 2048

/*
 * Times `iters` calls. Misaligned: destination at +1, source at +3. memmove moves within one
 * buffer to src + n/2: the areas overlap, so it must copy downward. memcmp compares equal areas,
 * so every byte is read.
 */
static double time_calls(enum op op, const struct impl *im, size_t n, int misaligned, long iters)
{
    unsigned char *s = buf_a + (misaligned ? 3 : 0);
    unsigned char *d = buf_b + DST_OFFSET + (misaligned ? 1 : 0);
    int acc = 0;

    if (op == MEMMOVE)
        d = s + n / 2 + (misaligned ? 1 : 0);
    if (op == MEMCMP)
        memcpy(d, s, n);
    double start = now_ns();
    for (long i = 0; i < iters; i++) {
        switch (op) {
        case MEMCPY:
            im->copy(d, s, n);
            break;
        case MEMMOVE:
            im->move(d, s, n);
            break;
        case MEMSET:
            im->set(d, (int)i, n);
            break;
        default:
            acc += im->compare(d, s, n);
        }
    }
    double elapsed = now_ns() - start;
    sink = acc;
    return elapsed;
}

/* Bytes per nanosecond (GB/s) of the best of REPEATS batches for each implementation, the
 * implementations interleaved so that a change of clock speed hits all of them alike. */
static void measure(enum op op, size_t n, int misaligned, double rate[IMPLS])
{
    long iters[IMPLS];
    double best[IMPLS];

    for (int k = 0; k < IMPLS; k++) {
        iters[k] = 1;
        while (time_calls(op, &impls[k], n, misaligned, iters[k]) < BATCH_NS)
            iters[k] *= 2;
        best[k] = 1e300;
    }
    for (int r = 0; r < REPEATS; r++) {
        for (int k = 0; k < IMPLS; k++) {
            double t = time_calls(op, &impls[k], n, misaligned, iters[k]);
            best[k] = t < best[k] ? t : best[k];
        }
    }
    for (int k = 0; k < IMPLS; k++)
        rate[k] = (double)n * (double)iters[k] / best[k];
}

static const char *size_name(size_t n, char *buf, size_t len)
{
    if (n >= 1u << 20)
        snprintf(buf, len, "%zu MiB", n >> 20);
    else if (n >= 1024)
        snprintf(buf, len, "%zu KiB", n >> 10);
    else
        snprintf(buf, len, "%zu B", n);
    return buf;
}

int main(void)
{
    static const size_t sizes[] = {8, 64, 256, 4096, 65536, MAX_SIZE};
    char name[16];

    buf_a = aligned_alloc(4096, 2 * MAX_SIZE + 4096);
    buf_b = aligned_alloc(4096, 2 * MAX_SIZE + 4096);
    memset(buf_a, 0x5a, 2 * MAX_SIZE + 4096);
    memset(buf_b, 0xa5, 2 * MAX_SIZE + 4096);
    printf("libk mem* benchmark: GB/s, best of %d batches; libk built with the kernel's flags "
           "minus -mcmodel=kernel; C library: glibc %s; bytes: plain byte loops\n",
           REPEATS, gnu_get_libc_version());
    printf("misaligned: dst+1 src+3; dst and src at different offsets in their pages; memmove: "
           "dst = src + n/2 (+1), overlapping, copied downward; memcmp: equal areas\n\n");
    printf("%-8s %-7s %-10s %8s %8s %8s %11s %12s\n", "function", "size", "alignment", "libk",
           "glibc", "bytes", "libk/glibc", "bytes/glibc");
    for (int op = 0; op < OPS; op++) {
        for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
            for (int mis = 0; mis <= 1; mis++) {
                double rate[IMPLS];
                measure((enum op)op, sizes[i], mis, rate);
                printf("%-8s %-7s %-10s %8.2f %8.2f %8.2f %10.2fx %11.2fx\n", op_names[op],
                       size_name(sizes[i], name, sizeof(name)), mis ? "misaligned" : "aligned",
                       rate[LIBK], rate[LIBC], rate[BYTES], rate[LIBK] / rate[LIBC],
                       rate[BYTES] / rate[LIBC]);
                fflush(stdout);
            }
        }
    }
    free(buf_a), free(buf_b);
    return 0;
}
