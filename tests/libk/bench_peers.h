/* SPDX-License-Identifier: MIT */
/* musl's and dietlibc's mem*, taken from their Debian archives by peer_objects.py and prefixed. */
#ifndef BENCH_PEERS_H
#define BENCH_PEERS_H

#include <stddef.h>

void *musl_memcpy(void *restrict dst, const void *restrict src, size_t n);
void *musl_memmove(void *dst, const void *src, size_t n);
void *musl_memset(void *dst, int c, size_t n);
int musl_memcmp(const void *a, const void *b, size_t n);

void *diet_memcpy(void *restrict dst, const void *restrict src, size_t n);
void *diet_memmove(void *dst, const void *src, size_t n);
void *diet_memset(void *dst, int c, size_t n);
int diet_memcmp(const void *a, const void *b, size_t n);

#endif
