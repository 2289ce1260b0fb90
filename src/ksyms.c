/* SPDX-License-Identifier: MIT */
/*
 * Symbol lookup in the table tools/ksyms.py writes into the .ksyms section after linking (layout
 * described there). The section is all zeros until then, which reads as an empty table.
 */
#include "ksyms.h"

#include <stddef.h>

#define KSYMS_MAGIC 0x4d59534b /* "KSYM" little-endian */

struct ksyms_header {
    uint32_t magic;
    uint32_t count;
    uint32_t strings; /* offset of the string area from the header */
    uint32_t reserved;
};

struct ksym {
    uint64_t addr;
    uint32_t name; /* offset into the string area */
    uint32_t size; /* bytes of code; assembly routines get theirs from END() in arch/asm.h */
};

extern const unsigned char __ksyms_start[]; /* KSYMS_SIZE bytes, from the linker script */

bool ksym_lookup(uint64_t addr, const char **name, uint64_t *offset)
{
    const struct ksyms_header *h = (const void *)__ksyms_start;
    const struct ksym *syms = (const struct ksym *)(h + 1);

    if (h->magic != KSYMS_MAGIC || h->count == 0 || addr < syms[0].addr)
        return false;
    /* the last symbol at or below addr */
    size_t lo = 0, hi = h->count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (syms[mid].addr <= addr)
            lo = mid;
        else
            hi = mid;
    }
    if (addr - syms[lo].addr >= syms[lo].size)
        return false; /* past the end of that function (padding, data, or nowhere at all) */
    *name = (const char *)h + h->strings + syms[lo].name;
    *offset = addr - syms[lo].addr;
    return true;
}
