/* SPDX-License-Identifier: MIT */
/*
 * ACPI root tables (ACPI 6.5, 5.2.7 RSDT and 5.2.8 XSDT): each listed table is mapped through the
 * caller's bounded map, its length and checksum checked, and kept by signature. Pure: the host
 * tests and the fuzzer run this same file on captured firmware tables.
 */
#include "acpi/acpi.h"

#include <string.h>

/* Offsets in the description header (ACPI 6.5, table 5.4). */
#define SDT_SIGNATURE   0
#define SDT_LENGTH      4
#define SDT_REVISION    8
/* Root table entries: 32-bit physical addresses in the RSDT, 64-bit in the XSDT. */
#define RSDT_ENTRY_SIZE 4
#define XSDT_ENTRY_SIZE 8

uint8_t acpi_u8(const uint8_t *p, size_t offset)
{
    return p[offset];
}

uint16_t acpi_u16(const uint8_t *p, size_t offset)
{
    uint16_t v;
    memcpy(&v, p + offset, sizeof(v)); /* x86 is little-endian, as ACPI is */
    return v;
}

uint32_t acpi_u32(const uint8_t *p, size_t offset)
{
    uint32_t v;
    memcpy(&v, p + offset, sizeof(v));
    return v;
}

uint64_t acpi_u64(const uint8_t *p, size_t offset)
{
    uint64_t v;
    memcpy(&v, p + offset, sizeof(v));
    return v;
}

/* Generic Address Structure fields (ACPI 6.5, table 5.1). */
#define GAS_SPACE       0
#define GAS_BIT_WIDTH   1
#define GAS_BIT_OFFSET  2
#define GAS_ACCESS_SIZE 3
#define GAS_ADDRESS     4

struct acpi_gas acpi_gas(const uint8_t *p, size_t offset)
{
    return (struct acpi_gas){
        .space = acpi_u8(p, offset + GAS_SPACE),
        .bit_width = acpi_u8(p, offset + GAS_BIT_WIDTH),
        .bit_offset = acpi_u8(p, offset + GAS_BIT_OFFSET),
        .access_size = acpi_u8(p, offset + GAS_ACCESS_SIZE),
        .address = acpi_u64(p, offset + GAS_ADDRESS),
    };
}

/* ACPI checksums: the bytes of a table add up to 0 modulo 256. */
static bool checksum_ok(const uint8_t *bytes, size_t len)
{
    uint8_t sum = 0;

    for (size_t i = 0; i < len; i++)
        sum += bytes[i];
    return sum == 0;
}

/* Signatures are four upper-case letters, digits or underscores ("APIC", "FACP", "SSDT"...). */
static bool signature_ok(const uint8_t *sig)
{
    for (int i = 0; i < ACPI_SIGNATURE_SZ; i++) {
        uint8_t c = sig[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

/*
 * Map and check the table at phys that `lister` (a root table's signature) points to; true and
 * *t filled if it can be trusted, else a warning and false.
 */
static bool load_table(const struct acpi_ops *ops, const char *lister, uint64_t phys,
                       struct acpi_table *t)
{
    const uint8_t *header = ops->map(ops->ctx, phys, ACPI_HEADER_SIZE);

    if (!header) {
        ops->warn(ops->ctx, lister, "lists a table outside readable memory");
        return false;
    }
    if (!signature_ok(header + SDT_SIGNATURE)) {
        ops->warn(ops->ctx, lister, "lists something that is not a table (bad signature)");
        return false;
    }
    memcpy(t->signature, header + SDT_SIGNATURE, ACPI_SIGNATURE_SZ);
    t->signature[ACPI_SIGNATURE_SZ] = '\0';
    t->length = acpi_u32(header, SDT_LENGTH);
    t->revision = acpi_u8(header, SDT_REVISION);
    t->phys = phys;
    if (t->length < ACPI_HEADER_SIZE) {
        ops->warn(ops->ctx, t->signature, "length is shorter than its header, table ignored");
        return false;
    }
    if (t->length > ACPI_TABLE_MAX) {
        ops->warn(ops->ctx, t->signature, "length is implausibly large, table ignored");
        return false;
    }
    t->bytes = ops->map(ops->ctx, phys, t->length);
    if (!t->bytes) {
        ops->warn(ops->ctx, t->signature, "length runs past readable memory, table ignored");
        return false;
    }
    if (!checksum_ok(t->bytes, t->length)) {
        ops->warn(ops->ctx, t->signature, "checksum is wrong, table ignored");
        return false;
    }
    return true;
}

static bool already_listed(const struct acpi *acpi, uint64_t phys)
{
    for (size_t i = 0; i < acpi->count; i++) {
        if (acpi->tables[i].phys == phys)
            return true;
    }
    return false;
}

/* Load every table the root lists, entry_size bytes per address. */
static void load_entries(struct acpi *acpi, size_t entry_size)
{
    const struct acpi_ops *ops = acpi->ops;
    const struct acpi_table *root = &acpi->root;
    size_t entries = (root->length - ACPI_HEADER_SIZE) / entry_size;

    if ((root->length - ACPI_HEADER_SIZE) % entry_size)
        ops->warn(ops->ctx, root->signature, "length is not a whole number of entries");
    for (size_t i = 0; i < entries; i++) {
        size_t at = ACPI_HEADER_SIZE + i * entry_size;
        uint64_t phys =
            entry_size == XSDT_ENTRY_SIZE ? acpi_u64(root->bytes, at) : acpi_u32(root->bytes, at);
        if (phys == 0) {
            ops->warn(ops->ctx, root->signature, "lists a table at address 0, entry ignored");
            continue;
        }
        if (already_listed(acpi, phys))
            continue;
        if (acpi->count == ACPI_TABLES_MAX) {
            acpi->truncated = true;
            ops->warn(ops->ctx, root->signature, "lists more tables than cyan keeps");
            return;
        }
        if (load_table(ops, root->signature, phys, &acpi->tables[acpi->count]))
            acpi->count++;
    }
}

/* Load the root table at phys, which must carry the signature expected. */
static bool load_root(struct acpi *acpi, uint64_t phys, const char *expected)
{
    if (!load_table(acpi->ops, expected, phys, &acpi->root))
        return false;
    if (memcmp(acpi->root.signature, expected, ACPI_SIGNATURE_SZ) != 0) {
        acpi->ops->warn(acpi->ops->ctx, expected, "the RSDP points at another table");
        return false;
    }
    return true;
}

const char *acpi_init(struct acpi *acpi, const struct acpi_ops *ops, uint64_t rsdt_phys,
                      uint64_t xsdt_phys)
{
    *acpi = (struct acpi){.ops = ops};
    if (xsdt_phys) {
        if (load_root(acpi, xsdt_phys, "XSDT")) {
            load_entries(acpi, XSDT_ENTRY_SIZE);
            return NULL;
        }
        ops->warn(ops->ctx, "XSDT", "unusable, falling back to the RSDT");
    }
    if (rsdt_phys && load_root(acpi, rsdt_phys, "RSDT")) {
        load_entries(acpi, RSDT_ENTRY_SIZE);
        return NULL;
    }
    return "acpi: no usable RSDT or XSDT";
}

const struct acpi_table *acpi_find(const struct acpi *acpi, const char *signature, size_t index)
{
    for (size_t i = 0; i < acpi->count; i++) {
        if (memcmp(acpi->tables[i].signature, signature, ACPI_SIGNATURE_SZ) == 0 && index-- == 0)
            return &acpi->tables[i];
    }
    return NULL;
}
