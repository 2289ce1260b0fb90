/* SPDX-License-Identifier: MIT */
/* Physical memory made of captured chunks, for the ACPI parser's host tests and fuzzer. */
#include "physmem.h"

#include <stdlib.h>
#include <string.h>

#define RECORD_HEADER 16 /* u64 phys, u32 length, u32 zero */

void physmem_add(struct physmem *m, uint64_t phys, const void *bytes, size_t len)
{
    if (m->count == PHYSMEM_CHUNKS)
        return;
    struct physmem_chunk *c = &m->chunks[m->count++];
    c->phys = phys;
    c->len = len;
    c->bytes = malloc(len ? len : 1);
    memcpy(c->bytes, bytes, len);
}

bool physmem_load(struct physmem *m, const uint8_t *data, size_t size)
{
    while (size > 0) {
        uint64_t phys;
        uint32_t len;
        if (size < RECORD_HEADER)
            return false;
        memcpy(&phys, data, sizeof(phys));
        memcpy(&len, data + sizeof(phys), sizeof(len));
        if (len > size - RECORD_HEADER)
            return false;
        physmem_add(m, phys, data + RECORD_HEADER, len);
        data += RECORD_HEADER + len;
        size -= RECORD_HEADER + len;
    }
    return true;
}

struct physmem_chunk *physmem_chunk_at(struct physmem *m, uint64_t phys)
{
    for (size_t i = 0; i < m->count; i++) {
        if (m->chunks[i].phys == phys)
            return &m->chunks[i];
    }
    return NULL;
}

void physmem_free(struct physmem *m)
{
    for (size_t i = 0; i < m->count; i++)
        free(m->chunks[i].bytes);
    m->count = 0;
}

const void *physmem_map(void *ctx, uint64_t phys, size_t len)
{
    struct physmem *m = ctx;

    for (size_t i = 0; i < m->count; i++) {
        struct physmem_chunk *c = &m->chunks[i];
        if (phys >= c->phys && phys - c->phys <= c->len && len <= c->len - (phys - c->phys))
            return c->bytes + (phys - c->phys);
    }
    return NULL;
}
