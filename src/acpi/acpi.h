/* SPDX-License-Identifier: MIT */
/* ACPI system description tables: from the RSDT or XSDT to checked tables found by signature. */
#ifndef CYAN_ACPI_H
#define CYAN_ACPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ACPI_TABLES_MAX   64         /* tables kept; firmware lists a dozen or two */
#define ACPI_TABLE_MAX    (1u << 20) /* longest table accepted: far above any MADT/FADT/HPET */
#define ACPI_HEADER_SIZE  36         /* ACPI 6.5, 5.2.6: every description table's header */
#define ACPI_SIGNATURE_SZ 4

/*
 * How the parser reaches physical memory and reports what it will not trust. The tables come
 * from firmware: nothing in them is believed without a bounded read and a check.
 */
struct acpi_ops {
    /* The len bytes at physical address phys, readable until the parser is done; NULL if any
     * of them cannot be read. */
    const void *(*map)(void *ctx, uint64_t phys, size_t len);
    /* A table (signature "RSDT", "APIC"...) or one of its entries is wrong and is ignored. */
    void (*warn)(void *ctx, const char *signature, const char *message);
    void *ctx;
};

/* One table that passed the checks: its whole length is mapped and sums to 0. */
struct acpi_table {
    char signature[ACPI_SIGNATURE_SZ + 1]; /* NUL-terminated */
    uint8_t revision;
    uint32_t length; /* bytes, header included */
    uint64_t phys;
    const uint8_t *bytes; /* length bytes, from acpi_ops.map */
};

struct acpi {
    const struct acpi_ops *ops;
    struct acpi_table root; /* the XSDT, or the RSDT */
    size_t count;
    bool truncated; /* the root listed more than ACPI_TABLES_MAX tables */
    struct acpi_table tables[ACPI_TABLES_MAX];
};

/*
 * Walk the root table the RSDP names (rsdt_phys, and xsdt_phys from ACPI 2.0 on, else 0): the
 * XSDT if it checks out, else the RSDT. Tables that fail their checks are reported and left out.
 * Returns NULL, or why there are no tables at all.
 */
const char *acpi_init(struct acpi *acpi, const struct acpi_ops *ops, uint64_t rsdt_phys,
                      uint64_t xsdt_phys);
/* The index-th table with this signature ("APIC", "HPET", "FACP"...), or NULL. */
const struct acpi_table *acpi_find(const struct acpi *acpi, const char *signature, size_t index);

/* Generic Address Structure (ACPI 6.5, 5.2.3.2): where a register is. */
enum acpi_address_space {
    ACPI_SPACE_MEMORY = 0, /* system memory */
    ACPI_SPACE_IO = 1,     /* system I/O ports */
    ACPI_SPACE_PCI = 2,    /* PCI configuration space */
};
#define ACPI_GAS_SIZE 12

struct acpi_gas {
    uint8_t space; /* enum acpi_address_space, or another ACPI defines */
    uint8_t bit_width;
    uint8_t bit_offset;
    uint8_t access_size; /* 0 undefined, 1 byte, 2 word, 3 dword, 4 qword */
    uint64_t address;
};

/* Little-endian fields of tables (acpi_tables.c); the caller has bounded the offset. */
uint8_t acpi_u8(const uint8_t *p, size_t offset);
uint16_t acpi_u16(const uint8_t *p, size_t offset);
uint32_t acpi_u32(const uint8_t *p, size_t offset);
uint64_t acpi_u64(const uint8_t *p, size_t offset);
struct acpi_gas acpi_gas(const uint8_t *p, size_t offset);

#endif
