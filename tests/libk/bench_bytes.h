/* SPDX-License-Identifier: MIT */
/* Plain byte-loop mem* functions for the benchmark (bench_bytes.c). */
#ifndef BENCH_BYTES_H
#define BENCH_BYTES_H

#include <stddef.h>

void *bytes_memcpy(void *restrict dst, const void *restrict src, size_t n);
void *bytes_memmove(void *dst, const void *src, size_t n);
void *bytes_memset(void *dst, int c, size_t n);
int bytes_memcmp(const void *a, const void *b, size_t n);

#endif
