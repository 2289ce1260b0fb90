/* SPDX-License-Identifier: MIT */
/*
 * Physical memory for the ACPI parser's host tests: chunks at physical addresses, each in a heap
 * block of exactly its size (ASan sees a read one byte past), loaded from the record files
 * tools/acpi_capture.py writes (u64 phys, u32 length, u32 zero, then the bytes; RSDP first).
 */
#ifndef CYAN_TESTS_PHYSMEM_H
#define CYAN_TESTS_PHYSMEM_H

#include "acpi/acpi.h"

#define PHYSMEM_CHUNKS 64

struct physmem_chunk {
    uint64_t phys;
    size_t len;
    uint8_t *bytes;
};

struct physmem {
    size_t count;
    struct physmem_chunk chunks[PHYSMEM_CHUNKS];
};

/* Add the records of a capture; false if they do not parse (the chunks so far are kept). */
bool physmem_load(struct physmem *m, const uint8_t *data, size_t size);
/* Add one chunk, a copy of len bytes. */
void physmem_add(struct physmem *m, uint64_t phys, const void *bytes, size_t len);
/* The chunk at phys, or NULL. */
struct physmem_chunk *physmem_chunk_at(struct physmem *m, uint64_t phys);
void physmem_free(struct physmem *m);
/* acpi_ops.map over a struct physmem: only ranges inside one chunk are readable. */
const void *physmem_map(void *ctx, uint64_t phys, size_t len);

#endif
