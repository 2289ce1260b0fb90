/* SPDX-License-Identifier: MIT */
/* Helpers shared by libk's host tests: see testlib.h. */
#include "testlib.h"
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

void *(*const volatile k_memcpy)(void *restrict, const void *restrict, size_t) = libk_memcpy;
void *(*const volatile k_memmove)(void *, const void *, size_t) = libk_memmove;
void *(*const volatile k_memset)(void *, int, size_t) = libk_memset;
int (*const volatile k_memcmp)(const void *, const void *, size_t) = libk_memcmp;
void *(*const volatile k_memchr)(const void *, int, size_t) = libk_memchr;
size_t (*const volatile k_strlen)(const char *) = libk_strlen;
int (*const volatile k_fmt_snprintf)(char *, size_t, const char *, ...) = libk_fmt_snprintf;

void fill_random(unsigned char *p, size_t n, uint32_t seed)
{
    uint32_t x = seed ? seed : 1;

    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        p[i] = (unsigned char)(x >> 24);
    }
}

size_t first_difference(const unsigned char *a, const unsigned char *b, size_t n)
{
    size_t i = 0;

    while (i < n && a[i] == b[i])
        i++;
    return i;
}

struct fenced fenced_alloc(size_t n)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t usable = (n + page - 1) / page * page;
    struct fenced f = {.map_size = usable + 2 * page};

    f.map = mmap(NULL, f.map_size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (f.map == MAP_FAILED || mprotect(f.map + page, usable, PROT_READ | PROT_WRITE)) {
        perror("fenced_alloc");
        abort();
    }
    f.lo = f.map + page;
    f.hi = f.lo + usable;
    return f;
}

void fenced_free(struct fenced *f)
{
    munmap(f->map, f->map_size);
}
