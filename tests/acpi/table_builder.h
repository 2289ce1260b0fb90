/* SPDX-License-Identifier: MIT */
/* Hand-built ACPI tables for the parser's host tests: a header, fields appended, then sealed. */
#ifndef CYAN_TESTS_TABLE_BUILDER_H
#define CYAN_TESTS_TABLE_BUILDER_H

#include "acpi/acpi.h"

#include <string.h>

#define TABLE_BYTES_MAX 2048

struct table {
    uint8_t bytes[TABLE_BYTES_MAX];
    size_t len;
};

#define HEADER_LENGTH   4 /* ACPI 6.5, table 5.4 */
#define HEADER_REVISION 8
#define HEADER_CHECKSUM 9

static inline void table_put(struct table *t, const void *bytes, size_t n)
{
    memcpy(t->bytes + t->len, bytes, n);
    t->len += n;
}

static inline void table_u8(struct table *t, uint8_t v)
{
    table_put(t, &v, sizeof(v));
}

static inline void table_u16(struct table *t, uint16_t v)
{
    table_put(t, &v, sizeof(v));
}

static inline void table_u32(struct table *t, uint32_t v)
{
    table_put(t, &v, sizeof(v));
}

static inline void table_u64(struct table *t, uint64_t v)
{
    table_put(t, &v, sizeof(v));
}

/* A header with this signature and revision; the length and checksum come with table_seal. */
static inline void table_begin(struct table *t, const char *signature, uint8_t revision)
{
    memset(t, 0, sizeof(*t));
    memcpy(t->bytes, signature, ACPI_SIGNATURE_SZ);
    t->bytes[HEADER_REVISION] = revision;
    memcpy(t->bytes + 10, "CYAN  ", 6); /* OEM ID */
    t->len = ACPI_HEADER_SIZE;
}

/* Make the checksum right for the first len bytes. */
static inline void table_fix_checksum(uint8_t *bytes, size_t len)
{
    uint8_t sum = 0;

    bytes[HEADER_CHECKSUM] = 0;
    for (size_t i = 0; i < len; i++)
        sum += bytes[i];
    bytes[HEADER_CHECKSUM] = (uint8_t)-sum;
}

/* Set the length field to what was built, and the checksum to match. */
static inline void table_seal(struct table *t)
{
    uint32_t len = (uint32_t)t->len;

    memcpy(t->bytes + HEADER_LENGTH, &len, sizeof(len));
    table_fix_checksum(t->bytes, t->len);
}

#endif
