/* SPDX-License-Identifier: MIT */
/* Unaligned word loads and stores for libk's mem* functions (private to lib/). */
#ifndef LIBK_WORD_H
#define LIBK_WORD_H

#include <stdint.h>

/*
 * may_alias: these accesses read and write memory of any type, which plain uint64_t pointers may
 * not do under C's aliasing rules. aligned(1): x86 loads and stores need no alignment, and saying
 * so keeps the compiler (and UBSan) from assuming 8-byte alignment. Each access is one mov.
 */
typedef uint64_t __attribute__((may_alias, aligned(1))) word64;
typedef uint32_t __attribute__((may_alias, aligned(1))) word32;

static inline uint64_t load64(const unsigned char *p)
{
    return *(const word64 *)p;
}

static inline void store64(unsigned char *p, uint64_t v)
{
    *(word64 *)p = v;
}

static inline uint32_t load32(const unsigned char *p)
{
    return *(const word32 *)p;
}

static inline void store32(unsigned char *p, uint32_t v)
{
    *(word32 *)p = v;
}

#endif
