/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the ACPI tables: the input is physical memory in the capture format
 * (tests/acpi/physmem.h; the first record is the RSDP), each chunk in a heap block of its exact
 * size. The RSDP is checked as the boot code does, the root walked, and every MADT, HPET and
 * FADT found parsed. Nothing may read outside the chunks, and what is accepted must hold
 * together: counts within their arrays, tables inside readable memory.
 *
 * Each input runs twice: as written, and with every chunk's length field and checksum made to
 * agree with the chunk, so that mutations reach the table bodies instead of stopping at the
 * checksum.
 */
#include "acpi/fadt.h"
#include "acpi/hpet.h"
#include "acpi/madt.h"
#include "boot_info.h"
#include "physmem.h"

#include <stdlib.h>
#include <string.h>

#define HEADER_LENGTH   4
#define HEADER_CHECKSUM 9

static void quiet(void *ctx, const char *signature, const char *message)
{
    (void)ctx, (void)signature, (void)message;
}

static void parse_tables(const struct acpi *acpi, const struct acpi_ops *ops)
{
    static struct acpi_madt madt;
    struct acpi_hpet hpet;
    struct acpi_fadt fadt;

    for (size_t i = 0; i < acpi->count; i++) {
        const struct acpi_table *t = &acpi->tables[i];
        if (!ops->map(ops->ctx, t->phys, t->length) || t->length < ACPI_HEADER_SIZE)
            abort();
        if (strcmp(t->signature, "APIC") == 0 && !acpi_madt_parse(t, ops, &madt) &&
            (madt.cpu_count > MADT_CPUS_MAX || madt.ioapic_count > MADT_IOAPICS_MAX ||
             madt.override_count > MADT_OVERRIDES_MAX || madt.nmi_count > MADT_NMIS_MAX ||
             madt.lapic_phys == 0))
            abort();
        if (strcmp(t->signature, "HPET") == 0 && !acpi_hpet_parse(t, &hpet) && hpet.phys == 0)
            abort();
        if (strcmp(t->signature, "FACP") == 0)
            acpi_fadt_parse(t, &fadt);
    }
}

/* Make each table-sized chunk's length field and checksum agree with the chunk. */
static void make_consistent(struct physmem *m)
{
    for (size_t i = 1; i < m->count; i++) {
        struct physmem_chunk *c = &m->chunks[i];
        if (c->len < ACPI_HEADER_SIZE)
            continue;
        uint32_t len = (uint32_t)c->len;
        memcpy(c->bytes + HEADER_LENGTH, &len, sizeof(len));
        uint8_t sum = 0;
        c->bytes[HEADER_CHECKSUM] = 0;
        for (size_t j = 0; j < c->len; j++)
            sum += c->bytes[j];
        c->bytes[HEADER_CHECKSUM] = (uint8_t)-sum;
    }
}

static void run(const uint8_t *data, size_t size, bool consistent)
{
    static struct physmem mem;
    static struct boot_info info;
    static struct acpi acpi;
    struct acpi_ops ops = {.map = physmem_map, .warn = quiet, .ctx = &mem};

    memset(&info, 0, sizeof(info));
    if (physmem_load(&mem, data, size) && mem.count > 0) {
        if (consistent)
            make_consistent(&mem);
        if (boot_info_set_rsdp(&info, mem.chunks[0].bytes, mem.chunks[0].len) &&
            !acpi_init(&acpi, &ops, info.acpi.rsdt_phys, info.acpi.xsdt_phys))
            parse_tables(&acpi, &ops);
    }
    physmem_free(&mem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    run(data, size, false);
    run(data, size, true);
    return 0;
}
