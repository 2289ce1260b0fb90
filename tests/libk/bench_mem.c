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

/*
 * The table is measured REPS times over, one pass over every row after another, and each row
 * shows the median of its REPS repetitions: a neighbour's burst of load, which lasts for
 * seconds on a shared machine, then costs every row one repetition instead of a run of
 * adjacent rows all of theirs. Within a repetition, every implementation runs ROUNDS batches of
 * at least BATCH_NS, the implementations taking turns batch by batch in an order that rotates
 * from one pass to the next, and its fastest batch counts (an interrupt lands in one batch).
 * libk's ratio to a peer is taken repetition by repetition, both timed within microseconds of
 * each other, and printed as the median and the quartiles of those ratios.
 */
#define REPS     21
#define ROUNDS   3
#define BATCH_NS 2e4

/*
 * Destinations start half a page in: a load at the same offset within its page as a store still
 * in flight waits for it (4K aliasing), which would make every small copy measure that instead.
 * memmove's source starts MOVE_OFFSET in, so that dst = src - 1 stays inside the buffer.
 */
#define DST_OFFSET  2048
#define MOVE_OFFSET 64

/*
 * Each pass places the two buffers at other pages of one arena (their offsets within a page
 * stay the same). With the addresses the allocator happened to return, whole groups of rows
 * came out 5-10% apart from one process to the next (which lines share cache sets, and on AMD
 * CPUs L1 way-predictor tags, depends on them); the median over placements does not.
 */
#define BUF_SIZE     (2 * MAX_SIZE + 4096)
#define PLACES       64 /* pages each buffer moves over */
#define PLACE_STRIDE 4096

static unsigned char *arena, *buf_a, *buf_b;

static void place_buffers(int pass)
{
    buf_a = arena + (size_t)(pass * 5 % PLACES) * PLACE_STRIDE;
    buf_b = arena + BUF_SIZE + PLACES * PLACE_STRIDE + (size_t)(pass * 11 % PLACES) * PLACE_STRIDE;
}

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

/* A row of the table: a case, a size, an alignment; its batch lengths; its measurements. */
struct row {
    const struct bench_case *c;
    size_t n;
    int misaligned;
    long iters[IMPLS];      /* calls per batch, so that a batch lasts BATCH_NS or more */
    double ns[REPS][IMPLS]; /* ns per call: implementation k's fastest batch in repetition r */
};

static void calibrate(struct row *w)
{
    for (int k = 0; k < IMPLS; k++) {
        w->iters[k] = 1;
        while (time_calls(w->c, &impls[k], w->n, w->misaligned, w->iters[k]) < BATCH_NS)
            w->iters[k] *= 2;
    }
}

static void measure(struct row *w, int r)
{
    double best[IMPLS];

    for (int k = 0; k < IMPLS; k++)
        best[k] = 1e300;
    for (int b = 0; b < ROUNDS; b++) {
        for (int j = 0; j < IMPLS; j++) {
            int k = (j + r) % IMPLS;
            double t = time_calls(w->c, &impls[k], w->n, w->misaligned, w->iters[k]);
            best[k] = t < best[k] ? t : best[k];
        }
    }
    for (int k = 0; k < IMPLS; k++)
        w->ns[r][k] = best[k] / (double)w->iters[k];
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The quartiles q[0], median q[1] and q[2] of REPS values (sorted in place). */
static void quartiles(double v[REPS], double q[3])
{
    qsort(v, REPS, sizeof(v[0]), compare_doubles);
    q[0] = v[(REPS - 1) / 4], q[1] = v[(REPS - 1) / 2], q[2] = v[REPS - 1 - (REPS - 1) / 4];
}

/* Quartiles of implementation k's time over libk's, repetition by repetition. */
static void ratio_quartiles(const double ns[REPS][IMPLS], int k, double q[3])
{
    double v[REPS];

    for (int r = 0; r < REPS; r++)
        v[r] = ns[r][k] / ns[r][LIBK];
    quartiles(v, q);
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

static struct tally {
    int rows, below, noisy;
} tally;

/*
 * Median ns of each implementation; the no-SIMD peer with the lowest median; libk's ratio to it
 * (median and middle half) and to glibc. '<': below 0.95 in three quarters of the repetitions or
 * more; '?': median below 0.95 but not the upper quartile, within the noise.
 */
static void print_row(const struct row *w)
{
    const struct bench_case *c = w->c;
    char size[16];
    double median[IMPLS], q[3], g[3];
    int best = -1;

    printf("%-10s %-7s %-5s", c->name, size_name(w->n, size, sizeof(size)),
           w->misaligned ? "mis" : "al");
    for (int k = 0; k < IMPLS; k++) {
        double v[REPS], kq[3];
        for (int r = 0; r < REPS; r++)
            v[r] = w->ns[r][k];
        quartiles(v, kq);
        median[k] = kq[1];
        int simd = (impls[k].simd >> c->op) & 1;
        print_ns(median[k], simd);
        if (k != LIBK && !simd && (best < 0 || median[k] < median[best]))
            best = k;
    }
    ratio_quartiles(w->ns, best, q);
    ratio_quartiles(w->ns, GLIBC, g);
    char mark = q[1] >= 0.95 ? ' ' : q[2] < 0.95 ? '<' : '?';
    printf("  %-6s %5.2fx%c %4.2f-%4.2f  %5.2fx\n", impls[best].name, q[1], mark, q[0], q[2], g[1]);
    tally.rows++, tally.below += mark == '<', tally.noisy += mark == '?';
    fflush(stdout);
}

static void print_header(void)
{
    printf("libk mem* benchmark: ns per call, median of %d repetitions, each the fastest of %d "
           "batches of at least %.0f us per implementation, taking turns; glibc %s\n",
           REPS, ROUNDS, BATCH_NS / 1e3, gnu_get_libc_version());
    printf("libk: the kernel's flags minus -mcmodel=kernel; musl, diet: Debian's musl-dev and "
           "dietlibc-dev; scalar: 32-byte-step scalar loop + rep movsb above 256 B; bytes: a byte "
           "loop; * uses SIMD, no peer\n");
    printf("al: aligned; mis: dst+1 src+3 (memmove: src+3); memcpy4K+1: dst's offset in its page "
           "= src's + 1; memmove+k: dst = src + k, overlapping; memcmp: equal areas\n");
    printf("best: the fastest no-SIMD peer; libk/best, libk/glibc: the other's time over libk's "
           "(above 1: libk is faster), median of the repetitions' ratios; middle half: their "
           "quartiles; '<': upper quartile below 0.95; '?': median below 0.95, upper quartile "
           "not\n\n");
    printf("%-10s %-7s %-5s", "case", "size", "align");
    for (int k = 0; k < IMPLS; k++)
        printf(" %7s ", impls[k].name);
    printf("  %-6s %-7s %-9s  %s\n", "best", "libk/best", "mid-half", "libk/glibc");
}

#define MAX_ROWS (CASES * 2 * 18) /* 8 B to 1 MiB: 18 powers of two */

/* The rows to measure: with arguments, only the cases whose name starts with the first
 * ("memmove", "memset"...) and, with a second, only that size in bytes. */
static size_t select_rows(struct row *rows, const char *only, size_t only_size)
{
    size_t count = 0;

    for (size_t c = 0; c < CASES; c++) {
        if (strncmp(cases[c].name, only, strlen(only)) != 0)
            continue;
        for (size_t n = MIN_SIZE; n <= MAX_SIZE; n *= 2) {
            for (int mis = 0; mis <= 1 && (!only_size || n == only_size); mis++)
                rows[count++] = (struct row){.c = &cases[c], .n = n, .misaligned = mis};
        }
    }
    return count;
}

int main(int argc, char **argv)
{
    static struct row rows[MAX_ROWS];
    size_t size = 2 * (BUF_SIZE + PLACES * PLACE_STRIDE);
    size_t count =
        select_rows(rows, argc > 1 ? argv[1] : "", argc > 2 ? strtoul(argv[2], NULL, 0) : 0);

    arena = aligned_alloc(4096, size);
    memset(arena, 0x5a, size);
    place_buffers(0);
    print_header();
    for (size_t i = 0; i < count; i++)
        calibrate(&rows[i]);
    for (int r = 0; r < REPS; r++) {
        place_buffers(r);
        for (size_t i = 0; i < count; i++)
            measure(&rows[i], r);
    }
    for (size_t i = 0; i < count; i++)
        print_row(&rows[i]);
    printf("\n%d rows: %d below 0.95x ('<'), %d within the noise of it ('?')\n", tally.rows,
           tally.below, tally.noisy);
    free(arena);
    return 0;
}
