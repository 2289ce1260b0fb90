/* SPDX-License-Identifier: MIT */
/*
 * Benchmark: libk's mem* (built with the kernel's code-generation flags, minus -mcmodel=kernel
 * which only links in the top 2 GiB of the address space) against the routines a kernel could
 * use instead, none of which touches vector registers: musl's, dietlibc's, a scalar reference
 * (bench_scalar.c) and a byte loop; and against glibc, which uses AVX2/AVX-512 where the CPU has
 * them and so is shown but is no peer. One table of nanoseconds per call.
 */
#include "bench_bytes.h"
#include "bench_peers.h"
#include "bench_scalar.h"
#include "libk_host.h"
#include <gnu/libc-version.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum op { MEMCPY, MEMMOVE, MEMSET, MEMCMP };

struct impl {
    const char *name;
    unsigned simd; /* bit (1 << op): that function uses vector registers, so it is no peer */
    void *(*copy)(void *restrict, const void *restrict, size_t);
    void *(*move)(void *, const void *, size_t);
    void *(*set)(void *, int, size_t);
    int (*compare)(const void *, const void *, size_t);
};

enum { LIBK, GLIBC = 5, IMPLS };
static const struct impl impls[IMPLS] = {
    {"libk", 0, libk_memcpy, libk_memmove, libk_memset, libk_memcmp},
    {"musl", 0, musl_memcpy, musl_memmove, musl_memset, musl_memcmp},
    /* dietlibc's x86_64 memcpy copies with movups (SSE); its other three are scalar */
    {"diet", 1u << MEMCPY, diet_memcpy, diet_memmove, diet_memset, diet_memcmp},
    {"scalar", 0, scalar_memcpy, scalar_memmove, scalar_memset, scalar_memcmp},
    {"bytes", 0, bytes_memcpy, bytes_memmove, bytes_memset, bytes_memcmp},
    {"glibc", ~0u, memcpy, memmove, memset, memcmp},
};

/* memmove's cases move within one buffer, dst = src + shift; memcpy's with a shift put the
 * destination at the source's offset in its page plus shift, in the other buffer. */
struct bench_case {
    const char *name;
    enum op op;
    long shift;
};
static const struct bench_case cases[] = {
    {"memcpy", MEMCPY, 0},       {"memcpy4K+1", MEMCPY, 1},  {"memmove+1", MEMMOVE, 1},
    {"memmove+64", MEMMOVE, 64}, {"memmove-1", MEMMOVE, -1}, {"memset", MEMSET, 0},
    {"memcmp", MEMCMP, 0},
};
#define CASES (sizeof(cases) / sizeof(cases[0]))

#define MIN_SIZE 8
#define MAX_SIZE (1u << 20)
#define REPEATS  101
#define BATCH_NS 5e4 /* a batch runs at least this long, so timer resolution does not matter */

/*
 * Destinations start half a page in: a load at the same offset within its page as a store still
 * in flight waits for it (4K aliasing), which would make every small copy measure that instead.
 * memmove's source starts MOVE_OFFSET in, so that dst = src - 1 stays inside the buffer.
 */
#define DST_OFFSET  2048
#define MOVE_OFFSET 64

static unsigned char *buf_a, *buf_b;
static volatile int sink; /* memcmp results go here, so the calls cannot be dropped */

static double now_ns(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

/*
 * Times `iters` calls, in ns. Misaligned: destination at +1, source at +3 (memmove: source at
 * +3, destination shift bytes from it). memcmp compares equal areas, so every byte is read. The
 * function pointer is read through a volatile, so no call can be specialised or inlined.
 */
static double time_calls(const struct bench_case *c, const struct impl *volatile im, size_t n,
                         int misaligned, long iters)
{
    unsigned char *s = buf_a + (misaligned ? 3 : 0);
    unsigned char *d = buf_b + DST_OFFSET + (misaligned ? 1 : 0);
    int acc = 0;

    if (c->op == MEMMOVE)
        s += MOVE_OFFSET, d = s + c->shift;
    else if (c->shift)
        d = buf_b + (s - buf_a) + c->shift;
    if (c->op == MEMCMP)
        memcpy(d, s, n);
    double start = now_ns();
    switch (c->op) {
    case MEMCPY:
        for (long i = 0; i < iters; i++)
            im->copy(d, s, n);
        break;
    case MEMMOVE:
        for (long i = 0; i < iters; i++)
            im->move(d, s, n);
        break;
    case MEMSET:
        for (long i = 0; i < iters; i++)
            im->set(d, (int)i, n);
        break;
    case MEMCMP:
        for (long i = 0; i < iters; i++)
            acc += im->compare(d, s, n);
        break;
    }
    double elapsed = now_ns() - start;
    sink = acc;
    return elapsed;
}

/* ns per call of the best of REPEATS batches for each implementation, the implementations
 * interleaved so that a change of clock speed or load hits all of them alike. */
static void measure(const struct bench_case *c, size_t n, int misaligned, double ns[IMPLS])
{
    long iters[IMPLS];
    double best[IMPLS];

    for (int k = 0; k < IMPLS; k++) {
        iters[k] = 1;
        while (time_calls(c, &impls[k], n, misaligned, iters[k]) < BATCH_NS)
            iters[k] *= 2;
        best[k] = 1e300;
    }
    for (int r = 0; r < REPEATS; r++) {
        for (int k = 0; k < IMPLS; k++) {
            double t = time_calls(c, &impls[k], n, misaligned, iters[k]);
            best[k] = t < best[k] ? t : best[k];
        }
    }
    for (int k = 0; k < IMPLS; k++)
        ns[k] = best[k] / (double)iters[k];
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

/* Three significant figures or more, in at most 7 columns; '*': uses SIMD, no peer. */
static void print_ns(double ns, int simd)
{
    printf(ns < 10 ? " %7.2f" : ns < 1000 ? " %7.1f" : " %7.0f", ns);
    putchar(simd ? '*' : ' ');
}

static void print_row(const struct bench_case *c, size_t n, int misaligned, const double ns[IMPLS])
{
    char size[16];
    int best = -1;

    printf("%-10s %-7s %-5s", c->name, size_name(n, size, sizeof(size)), misaligned ? "mis" : "al");
    for (int k = 0; k < IMPLS; k++) {
        int simd = (impls[k].simd >> c->op) & 1;
        print_ns(ns[k], simd);
        if (k != LIBK && !simd && (best < 0 || ns[k] < ns[best]))
            best = k;
    }
    double ratio = ns[best] / ns[LIBK];
    printf("  %-6s %6.2fx%s %6.2fx\n", impls[best].name, ratio, ratio < 0.95 ? "<" : " ",
           ns[GLIBC] / ns[LIBK]);
    fflush(stdout);
}

/* With an argument, only the cases whose name starts with it ("memmove", "memset"...). */
int main(int argc, char **argv)
{
    const char *only = argc > 1 ? argv[1] : "";
    size_t size = 2 * MAX_SIZE + 4096;

    buf_a = aligned_alloc(4096, size);
    buf_b = aligned_alloc(4096, size);
    memset(buf_a, 0x5a, size);
    memset(buf_b, 0xa5, size);
    printf("libk mem* benchmark: ns per call, best of %d batches of at least %.0f us; glibc %s\n",
           REPEATS, BATCH_NS / 1e3, gnu_get_libc_version());
    printf("libk: the kernel's flags minus -mcmodel=kernel; musl, diet: Debian's musl-dev and "
           "dietlibc-dev; scalar: 32-byte-step scalar loop + rep movsb above 256 B; bytes: a byte "
           "loop; * uses SIMD, no peer\n");
    printf("al: aligned; mis: dst+1 src+3 (memmove: src+3); memcpy4K+1: dst's offset in its page "
           "= src's + 1; memmove+k: dst = src + k, overlapping; memcmp: equal areas\n");
    printf("best: the fastest no-SIMD peer; libk/best, libk/glibc: the other's time over libk's "
           "(above 1: libk is faster; '<': below 0.95)\n\n");
    printf("%-10s %-7s %-5s", "case", "size", "align");
    for (int k = 0; k < IMPLS; k++)
        printf(" %7s ", impls[k].name);
    printf("  %-6s %7s  %7s\n", "best", "libk/best", "libk/glibc");
    for (size_t c = 0; c < CASES; c++) {
        if (strncmp(cases[c].name, only, strlen(only)) != 0)
            continue;
        for (size_t n = MIN_SIZE; n <= MAX_SIZE; n *= 2) {
            for (int mis = 0; mis <= 1; mis++) {
                double ns[IMPLS];
                measure(&cases[c], n, mis, ns);
                print_row(&cases[c], n, mis, ns);
            }
        }
    }
    free(buf_a), free(buf_b);
    return 0;
}
