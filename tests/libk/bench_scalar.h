/* SPDX-License-Identifier: MIT */
/* The benchmark's scalar reference peer (bench_scalar.c). */
#ifndef BENCH_SCALAR_H
#define BENCH_SCALAR_H

#include <stddef.h>

void *scalar_memcpy(void *restrict dst, const void *restrict src, size_t n);
void *scalar_memmove(void *dst, const void *src, size_t n);
void *scalar_memset(void *dst, int c, size_t n);
int scalar_memcmp(const void *a, const void *b, size_t n);

#endif
