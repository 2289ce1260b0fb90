/* SPDX-License-Identifier: MIT */
/*
 * Host unit tests of the ACPI root walk (src/acpi/acpi_tables.c) and the table parsers on the
 * tables QEMU's firmware really builds (captured by tools/acpi_capture.py: SeaBIOS on pc and
 * q35, OVMF on q35), then on captures made to lie: truncated, bad checksums, bad pointers.
 * Run under ASan and UBSan: a read outside what the map callback allowed fails the test.
 * usage: test-acpi-tables DATA_DIR
 */
#include "acpi/fadt.h"
#include "acpi/hpet.h"
#include "acpi/madt.h"
#include "support.h"
#include "table_builder.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static struct capture c;

#define QEMU_LAPIC  0xfee00000u /* where QEMU's firmware puts each device */
#define QEMU_IOAPIC 0xfec00000u
#define QEMU_HPET   0xfed00000u

static void assert_signatures(const struct acpi *acpi, const char *const *expected, size_t n)
{
    assert_int_equal(acpi->count, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(acpi->tables[i].signature, expected[i]);
}

/* QEMU's MADT on pc and q35: one processor, one IOAPIC, the PIT on GSI 2, PCI lines level. */
static void check_qemu_madt(const struct acpi *acpi)
{
    static struct acpi_madt madt;
    static struct recorder r;

    recorder_init(&r);
    assert_null(acpi_madt_parse(acpi_find(acpi, "APIC", 0), &r.ops, &madt));
    assert_no_warnings(&r.warnings);
    assert_int_equal(madt.lapic_phys, QEMU_LAPIC);
    assert_true(madt.pcat_compat);
    assert_int_equal(madt.cpu_count, 1);
    assert_int_equal(madt.cpus[0].apic_id, 0);
    assert_true(madt.cpus[0].enabled);
    assert_false(madt.cpus[0].x2apic);
    assert_int_equal(madt.ioapic_count, 1);
    assert_int_equal(madt.ioapics[0].phys, QEMU_IOAPIC);
    assert_int_equal(madt.ioapics[0].gsi_base, 0);
    assert_int_equal(madt.override_count, 5);
    struct madt_override pit = acpi_madt_isa_irq(&madt, 0);
    assert_int_equal(pit.gsi, 2);
    assert_int_equal(pit.trigger, MADT_EDGE);
    assert_int_equal(pit.polarity, MADT_ACTIVE_HIGH);
    struct madt_override sci = acpi_madt_isa_irq(&madt, 9);
    assert_int_equal(sci.gsi, 9);
    assert_int_equal(sci.trigger, MADT_LEVEL);
    assert_int_equal(sci.polarity, MADT_ACTIVE_HIGH);
    struct madt_override keyboard = acpi_madt_isa_irq(&madt, 1); /* no override: ISA default */
    assert_int_equal(keyboard.gsi, 1);
    assert_int_equal(keyboard.trigger, MADT_EDGE);
    assert_int_equal(madt.nmi_count, 1);
    assert_int_equal(madt.nmis[0].uid, MADT_UID_ALL);
    assert_int_equal(madt.nmis[0].lint, 1);
    assert_int_equal(madt.unknown, 0);
}

static void check_qemu_hpet(const struct acpi *acpi)
{
    struct acpi_hpet hpet;

    assert_null(acpi_hpet_parse(acpi_find(acpi, "HPET", 0), &hpet));
    assert_int_equal(hpet.phys, QEMU_HPET);
    assert_int_equal(hpet.comparators, 3);
    assert_true(hpet.counter_64);
    assert_true(hpet.legacy_capable);
    assert_int_equal(hpet.vendor, 0x8086); /* Intel's PCI vendor ID, as QEMU models it */
}

static void seabios_pc(void **state)
{
    (void)state;
    static const char *const tables[] = {"FACP", "APIC", "HPET", "WAET"};
    struct acpi_fadt fadt;

    capture_load(&c, "qemu-pc.tables");
    assert_null(capture_parse(&c));
    assert_no_warnings(&c.r.warnings);
    assert_string_equal(c.acpi.root.signature, "RSDT");
    assert_signatures(&c.acpi, tables, 4);
    check_qemu_madt(&c.acpi);
    check_qemu_hpet(&c.acpi);
    assert_null(acpi_fadt_parse(acpi_find(&c.acpi, "FACP", 0), &fadt));
    assert_int_equal(fadt.revision, 1); /* ACPI 1.0: no reset register */
    assert_false(fadt.reset_valid);
    assert_int_equal(fadt.century, 0x32);
    physmem_free(&c.r.mem);
}

static void seabios_q35(void **state)
{
    (void)state;
    static const char *const tables[] = {"FACP", "APIC", "HPET", "MCFG", "WAET"};
    struct acpi_fadt fadt;

    capture_load(&c, "qemu-q35.tables");
    assert_null(capture_parse(&c));
    assert_no_warnings(&c.r.warnings);
    assert_signatures(&c.acpi, tables, 5);
    check_qemu_madt(&c.acpi);
    check_qemu_hpet(&c.acpi);
    assert_null(acpi_fadt_parse(acpi_find(&c.acpi, "FACP", 0), &fadt));
    assert_int_equal(fadt.revision, 3);
    assert_true(fadt.reset_valid); /* the ICH9's reset control register, port 0xcf9 */
    assert_int_equal(fadt.reset_reg.space, ACPI_SPACE_IO);
    assert_int_equal(fadt.reset_reg.address, 0xcf9);
    assert_int_equal(fadt.reset_value, 0x0f);
    assert_true(fadt.boot_arch & FADT_BOOT_8042);
    physmem_free(&c.r.mem);
}

static void ovmf_q35_uses_the_xsdt(void **state)
{
    (void)state;
    static const char *const tables[] = {"FACP", "APIC", "HPET", "MCFG", "WAET", "BGRT"};

    capture_load(&c, "ovmf-q35.tables");
    assert_null(capture_parse(&c));
    assert_no_warnings(&c.r.warnings);
    assert_string_equal(c.acpi.root.signature, "XSDT");
    assert_int_equal(c.acpi.root.revision, 1);
    assert_signatures(&c.acpi, tables, 6);
    check_qemu_madt(&c.acpi);
    assert_null(acpi_find(&c.acpi, "APIC", 1));
    assert_null(acpi_find(&c.acpi, "SSDT", 0));
    physmem_free(&c.r.mem);
}

/* The address of the first table a root table lists with this signature. */
static struct physmem_chunk *chunk_of(struct capture *cap, const char *signature)
{
    for (size_t i = 1; i < cap->r.mem.count; i++) {
        if (memcmp(cap->r.mem.chunks[i].bytes, signature, 4) == 0)
            return &cap->r.mem.chunks[i];
    }
    fail_msg("no %s in the capture", signature);
    return NULL;
}

static void broken_xsdt_falls_back_to_the_rsdt(void **state)
{
    (void)state;
    capture_load(&c, "ovmf-q35.tables");
    chunk_of(&c, "XSDT")->bytes[HEADER_CHECKSUM] ^= 1;
    assert_null(capture_parse(&c));
    assert_true(warned(&c.r.warnings, "XSDT", "checksum is wrong, table ignored"));
    assert_true(warned(&c.r.warnings, "XSDT", "unusable, falling back to the RSDT"));
    assert_string_equal(c.acpi.root.signature, "RSDT");
    assert_int_equal(c.acpi.count, 6);
    physmem_free(&c.r.mem);
}

/* Cutting any table of a real capture short, by any amount, drops that table with a message. */
static void every_truncation_drops_the_table(void **state)
{
    (void)state;
    static const char *const names[] = {"FACP", "APIC", "HPET", "WAET"};

    for (size_t t = 0; t < 4; t++) {
        capture_load(&c, "qemu-pc.tables");
        struct physmem_chunk *table = chunk_of(&c, names[t]);
        size_t full = table->len;
        for (size_t n = 0; n < full; n++) {
            table->len = n; /* a smaller readable window: ASan still guards the block's end */
            memset(&c.r.warnings, 0, sizeof(c.r.warnings));
            assert_null(capture_parse(&c));
            assert_int_equal(c.acpi.count, 3);
            assert_null(acpi_find(&c.acpi, names[t], 0));
            assert_int_equal(c.r.warnings.count, 1);
        }
        physmem_free(&c.r.mem);
    }
}

static void truncated_root_is_an_error(void **state)
{
    (void)state;
    capture_load(&c, "qemu-pc.tables");
    struct physmem_chunk *rsdt = chunk_of(&c, "RSDT");
    for (size_t n = 0; n < rsdt->len; n++) {
        rsdt->len = n;
        assert_string_equal(capture_parse(&c), "acpi: no usable RSDT or XSDT");
    }
    physmem_free(&c.r.mem);
}

/* A root table at 0x1000 listing the given addresses. */
static void build_rsdt(struct recorder *r, const uint32_t *entries, size_t n)
{
    static struct table rsdt;

    table_begin(&rsdt, "RSDT", 1);
    for (size_t i = 0; i < n; i++)
        table_u32(&rsdt, entries[i]);
    table_seal(&rsdt);
    physmem_add(&r->mem, 0x1000, rsdt.bytes, rsdt.len);
}

static void add_table(struct recorder *r, uint64_t phys, const char *signature, size_t extra)
{
    static struct table t;

    table_begin(&t, signature, 1);
    for (size_t i = 0; i < extra; i++)
        table_u8(&t, (uint8_t)i);
    table_seal(&t);
    physmem_add(&r->mem, phys, t.bytes, t.len);
}

static void lying_root_entries_are_ignored(void **state)
{
    (void)state;
    static struct recorder r;
    static struct acpi acpi;
    static const uint32_t entries[] = {0, 0x2000, 0x3000, 0x4000, 0x5000, 0x6000, 0x7000, 0x2000};
    uint32_t huge = ACPI_TABLE_MAX + 1, tiny = 8;

    recorder_init(&r);
    build_rsdt(&r, entries, 8);
    add_table(&r, 0x2000, "SSDT", 4); /* good */
    add_table(&r, 0x3000, "bad!", 0); /* not a signature */
    add_table(&r, 0x4000, "FACP", 4);
    r.mem.chunks[r.mem.count - 1].bytes[20] ^= 0x55; /* checksum now wrong */
    add_table(&r, 0x5000, "APIC", 4);
    memcpy(r.mem.chunks[r.mem.count - 1].bytes + HEADER_LENGTH, &huge, 4);
    add_table(&r, 0x6000, "HPET", 4);
    memcpy(r.mem.chunks[r.mem.count - 1].bytes + HEADER_LENGTH, &tiny, 4);
    /* 0x7000: nothing there */
    assert_null(acpi_init(&acpi, &r.ops, 0x1000, 0));
    assert_int_equal(acpi.count, 1);
    assert_string_equal(acpi.tables[0].signature, "SSDT");
    assert_true(warned(&r.warnings, "RSDT", "lists a table at address 0, entry ignored"));
    assert_true(warned(&r.warnings, "RSDT", "lists something that is not a table (bad signature)"));
    assert_true(warned(&r.warnings, "FACP", "checksum is wrong, table ignored"));
    assert_true(warned(&r.warnings, "APIC", "length is implausibly large, table ignored"));
    assert_true(warned(&r.warnings, "HPET", "length is shorter than its header, table ignored"));
    assert_true(warned(&r.warnings, "RSDT", "lists a table outside readable memory"));
    assert_int_equal(r.warnings.count, 6); /* the repeated 0x2000 is no news */
    physmem_free(&r.mem);
}

static void lying_roots_are_errors(void **state)
{
    (void)state;
    static struct recorder r;
    static struct acpi acpi;

    recorder_init(&r);
    add_table(&r, 0x2000, "FACP", 8);
    /* the RSDP's RSDT address points at the FADT; its XSDT address at nothing */
    assert_string_equal(acpi_init(&acpi, &r.ops, 0x2000, 0x9000), "acpi: no usable RSDT or XSDT");
    assert_true(warned(&r.warnings, "XSDT", "lists a table outside readable memory"));
    assert_true(warned(&r.warnings, "RSDT", "the RSDP points at another table"));
    physmem_free(&r.mem);

    static struct table rsdt;
    recorder_init(&r);
    table_begin(&rsdt, "RSDT", 1);
    table_u16(&rsdt, 0x2000); /* half an entry */
    table_seal(&rsdt);
    physmem_add(&r.mem, 0x1000, rsdt.bytes, rsdt.len);
    assert_null(acpi_init(&acpi, &r.ops, 0x1000, 0));
    assert_int_equal(acpi.count, 0);
    assert_true(warned(&r.warnings, "RSDT", "length is not a whole number of entries"));
    physmem_free(&r.mem);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seabios_pc),
        cmocka_unit_test(seabios_q35),
        cmocka_unit_test(ovmf_q35_uses_the_xsdt),
        cmocka_unit_test(broken_xsdt_falls_back_to_the_rsdt),
        cmocka_unit_test(every_truncation_drops_the_table),
        cmocka_unit_test(truncated_root_is_an_error),
        cmocka_unit_test(lying_root_entries_are_ignored),
        cmocka_unit_test(lying_roots_are_errors),
    };

    if (argc != 2) {
        fprintf(stderr, "usage: %s DATA_DIR\n", argv[0]);
        return 2;
    }
    data_dir = argv[1];
    return cmocka_run_group_tests(tests, NULL, NULL);
}
