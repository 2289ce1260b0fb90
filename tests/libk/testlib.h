/* SPDX-License-Identifier: MIT */
/* Shared by libk's host tests: the functions under test, byte patterns, memory fenced by traps. */
#ifndef LIBK_TESTLIB_H
#define LIBK_TESTLIB_H

#include "libk_host.h"
#include <stddef.h>
#include <stdint.h>

/*
 * libk's functions, called through const volatile pointers: the compiler cannot know which
 * function a call reaches, so it can neither substitute its builtin nor fold a call.
 */
extern void *(*const volatile k_memcpy)(void *restrict, const void *restrict, size_t);
extern void *(*const volatile k_memmove)(void *, const void *, size_t);
extern void *(*const volatile k_memset)(void *, int, size_t);
extern int (*const volatile k_memcmp)(const void *, const void *, size_t);
extern void *(*const volatile k_memchr)(const void *, int, size_t);
extern size_t (*const volatile k_strlen)(const char *);
extern int (*const volatile k_fmt_snprintf)(char *, size_t, const char *, ...);

/* Fills p[0..n) with a pseudo-random sequence chosen by seed (xorshift32: no short period). */
void fill_random(unsigned char *p, size_t n, uint32_t seed);

/* Index of the first byte where a and b differ, or n if they are equal. */
size_t first_difference(const unsigned char *a, const unsigned char *b, size_t n);

/*
 * Read-write pages between two pages that trap on any access: a function reading or writing
 * one byte before lo or at hi crashes the test instead of passing unnoticed. ASan cannot see
 * accesses made by rep movsb/stosb, the hardware can.
 */
struct fenced {
    unsigned char *lo; /* first usable byte, page-aligned */
    unsigned char *hi; /* one past the last usable byte, page-aligned */
    unsigned char *map;
    size_t map_size;
};

struct fenced fenced_alloc(size_t n);
void fenced_free(struct fenced *f);

#endif
