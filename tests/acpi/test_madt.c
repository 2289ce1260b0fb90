/* SPDX-License-Identifier: MIT */
/*
 * Host unit tests of the MADT, HPET and FADT parsers (src/acpi/) on tables compiled by ACPICA's
 * iasl (its templates, which hold every MADT entry type, and tests/acpi/x2apic.asl), then on
 * hand-built tables that lie in each way the parsers must catch. Under ASan and UBSan.
 * usage: test-acpi-madt DATA_DIR (where the build put the compiled .aml tables)
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

static struct recorder r;
static struct acpi_madt madt;

/* A checked table over bytes (as acpi_init would give it). */
static struct acpi_table table_over(const uint8_t *bytes, size_t len)
{
    struct acpi_table t = {
        .length = (uint32_t)len, .revision = bytes[HEADER_REVISION], .bytes = bytes};
    memcpy(t.signature, bytes, ACPI_SIGNATURE_SZ);
    return t;
}

/* Parse data_dir/name, a table iasl compiled. */
static const char *parse_compiled_madt(const char *name)
{
    size_t len;
    uint8_t *bytes = read_data(name, &len);
    struct acpi_table t = table_over(bytes, len);

    recorder_init(&r);
    const char *error = acpi_madt_parse(&t, &r.ops, &madt);
    free(bytes);
    return error;
}

/* iasl's template has one entry of every type ACPI 6.3 defines, types 0 to 15. */
static void iasl_template_every_entry_type(void **state)
{
    (void)state;
    assert_null(parse_compiled_madt("apic-template.aml"));
    assert_int_equal(madt.cpu_count, 2); /* a local APIC and a local x2APIC */
    assert_false(madt.cpus[0].x2apic);
    assert_true(madt.cpus[1].x2apic);
    assert_int_equal(madt.ioapic_count, 1);
    assert_int_equal(madt.ioapics[0].phys, 0xfec00000);
    assert_int_equal(madt.override_count, 1);
    assert_int_equal(madt.nmi_source_count, 1);
    assert_int_equal(madt.nmi_sources[0].trigger, MADT_LEVEL); /* flags 0xd */
    assert_int_equal(madt.nmi_count, 2);                       /* local APIC and x2APIC NMI */
    assert_int_equal(madt.nmis[0].lint, 1);
    assert_int_equal(madt.nmis[1].lint, 0);
    /* I/O SAPIC, local SAPIC, platform interrupt sources and five GIC types: skipped */
    assert_int_equal(madt.unknown, 8);
    /* its local APIC address override is 0: reported, and the 32-bit address kept */
    assert_false(madt.lapic_override);
    assert_int_equal(madt.lapic_phys, 0xfee00000);
    assert_true(
        warned(&r.warnings, "APIC", "local APIC address override is not a page address, ignored"));
    assert_int_equal(r.warnings.count, 1);
}

static void x2apic_machine(void **state)
{
    (void)state;
    assert_null(parse_compiled_madt("x2apic.aml"));
    assert_no_warnings(&r.warnings);
    assert_false(madt.pcat_compat);
    assert_int_equal(madt.cpu_count, 2);
    assert_int_equal(madt.cpus[0].apic_id, 0x100);
    assert_int_equal(madt.cpus[0].uid, 1);
    assert_true(madt.cpus[0].x2apic && madt.cpus[0].enabled);
    assert_int_equal(madt.cpus[1].apic_id, 0x101);
    assert_false(madt.cpus[1].enabled);
    assert_int_equal(madt.nmi_count, 1);
    assert_int_equal(madt.nmis[0].uid, MADT_UID_ALL);
    assert_int_equal(madt.nmis[0].lint, 1);
    assert_int_equal(madt.ioapics[0].id, 2);
    struct madt_override irq9 = acpi_madt_isa_irq(&madt, 9);
    assert_int_equal(irq9.trigger, MADT_LEVEL);
    assert_int_equal(irq9.polarity, MADT_ACTIVE_LOW);
    assert_int_equal(acpi_madt_isa_irq(&madt, 0).gsi, 2);
}

static struct table t;

static void madt_begin(void)
{
    table_begin(&t, "APIC", 5);
    table_u32(&t, 0xfee00000); /* local APIC address */
    table_u32(&t, 1);          /* PC-AT compatible */
}

static void entry(uint8_t type, uint8_t length)
{
    table_u8(&t, type);
    table_u8(&t, length);
}

static void ioapic_entry(uint8_t id, uint32_t phys, uint32_t gsi_base)
{
    entry(1, 12);
    table_u8(&t, id);
    table_u8(&t, 0);
    table_u32(&t, phys);
    table_u32(&t, gsi_base);
}

static void override_entry(uint8_t bus, uint8_t source, uint32_t gsi, uint16_t flags)
{
    entry(2, 10);
    table_u8(&t, bus);
    table_u8(&t, source);
    table_u32(&t, gsi);
    table_u16(&t, flags);
}

/* Seal and parse what was built; the parser's result. */
static const char *parse_built(void)
{
    table_seal(&t);
    uint8_t *exact = malloc(t.len); /* exactly the table: ASan sees a read past its end */
    memcpy(exact, t.bytes, t.len);
    struct acpi_table checked = table_over(exact, t.len);
    recorder_init(&r);
    const char *error = acpi_madt_parse(&checked, &r.ops, &madt);
    free(exact);
    return error;
}

static void lying_entry_lengths(void **state)
{
    (void)state;
    madt_begin();
    ioapic_entry(0, 0xfec00000, 0);
    entry(0x7f, 5); /* a type from the future: skipped by its length */
    table_put(&t, "abc", 3);
    entry(1, 0); /* length 0: the walk cannot go on */
    ioapic_entry(1, 0xfec01000, 24);
    assert_null(parse_built());
    assert_int_equal(madt.ioapic_count, 1);
    assert_int_equal(madt.unknown, 1);
    assert_true(
        warned(&r.warnings, "APIC", "an entry's length cannot be followed, the rest ignored"));

    madt_begin();
    entry(1, 40); /* past the end of the table */
    table_put(&t, "0123456789", 10);
    assert_null(parse_built());
    assert_int_equal(madt.ioapic_count, 0);
    assert_true(
        warned(&r.warnings, "APIC", "an entry's length cannot be followed, the rest ignored"));

    madt_begin();
    entry(1, 8); /* an I/O APIC entry too short for its fields, then a good one */
    table_u32(&t, 0xfec00000);
    table_u16(&t, 0);
    ioapic_entry(3, 0xfec00000, 0);
    table_u8(&t, 9); /* a stray byte */
    assert_null(parse_built());
    assert_int_equal(madt.ioapic_count, 1);
    assert_int_equal(madt.ioapics[0].id, 3);
    assert_true(warned(&r.warnings, "APIC", "an entry is shorter than its type needs, ignored"));
    assert_true(warned(&r.warnings, "APIC", "a stray byte after the last entry"));
}

static void lying_overrides(void **state)
{
    (void)state;
    madt_begin();
    override_entry(0, 0, 2, 0x0002);  /* polarity 10b is reserved */
    override_entry(0, 1, 1, 0x0008);  /* trigger 10b is reserved */
    override_entry(1, 3, 3, 0);       /* bus 1 is not ISA */
    override_entry(0, 16, 16, 0);     /* there is no ISA IRQ 16 */
    override_entry(0, 4, 20, 0x000f); /* good: level, active low */
    override_entry(0, 4, 21, 0);      /* the same IRQ again */
    assert_null(parse_built());
    assert_int_equal(madt.override_count, 1);
    struct madt_override irq4 = acpi_madt_isa_irq(&madt, 4);
    assert_int_equal(irq4.gsi, 20);
    assert_int_equal(irq4.polarity, MADT_ACTIVE_LOW);
    assert_int_equal(irq4.trigger, MADT_LEVEL);
    assert_int_equal(acpi_madt_isa_irq(&madt, 0).gsi, 0); /* the lie left IRQ 0 at its default */
    assert_true(warned(&r.warnings, "APIC",
                       "interrupt source override with reserved polarity or trigger, ignored"));
    assert_true(warned(&r.warnings, "APIC",
                       "interrupt source override for something other than an ISA IRQ, ignored"));
    assert_true(
        warned(&r.warnings, "APIC", "second override for the same ISA IRQ, the first kept"));
    assert_int_equal(r.warnings.count, 5);
}

static void lying_addresses(void **state)
{
    (void)state;
    madt_begin();
    ioapic_entry(0, 0, 0); /* at address 0 */
    entry(5, 12);          /* local APIC address override, not page-aligned */
    table_u16(&t, 0);
    table_u64(&t, 0xfee00010);
    entry(4, 6); /* local APIC NMI on LINT2, which does not exist */
    table_put(&t, "\xff\x00\x00\x02", 4);
    assert_null(parse_built());
    assert_int_equal(madt.ioapic_count, 0);
    assert_int_equal(madt.lapic_phys, 0xfee00000);
    assert_int_equal(madt.nmi_count, 0);
    assert_true(warned(&r.warnings, "APIC", "I/O APIC at address 0, entry ignored"));
    assert_true(
        warned(&r.warnings, "APIC", "local APIC address override is not a page address, ignored"));
    assert_true(
        warned(&r.warnings, "APIC", "local APIC NMI on a LINT pin that does not exist, ignored"));

    madt_begin();
    entry(5, 12); /* a good 64-bit override wins over the 32-bit field */
    table_u16(&t, 0);
    table_u64(&t, 0x100fee00000);
    assert_null(parse_built());
    assert_true(madt.lapic_override);
    assert_int_equal(madt.lapic_phys, 0x100fee00000);

    table_begin(&t, "APIC", 5);
    table_u32(&t, 0xfee00800); /* no usable local APIC address */
    table_u32(&t, 0);
    assert_string_equal(parse_built(), "no usable local APIC address, MADT ignored");
    table_begin(&t, "APIC", 5);
    table_u32(&t, 0xfee00000); /* flags missing */
    assert_string_equal(parse_built(), "too short for its fixed fields, MADT ignored");
}

static void too_many_entries_are_cut(void **state)
{
    (void)state;
    madt_begin();
    for (uint32_t i = 0; i < MADT_CPUS_MAX + 3; i++) {
        entry(9, 16); /* local x2APIC */
        table_u16(&t, 0);
        table_u32(&t, i);
        table_u32(&t, 1);
        table_u32(&t, i);
    }
    assert_null(parse_built());
    assert_int_equal(madt.cpu_count, MADT_CPUS_MAX);
    assert_int_equal(madt.cpus[MADT_CPUS_MAX - 1].apic_id, MADT_CPUS_MAX - 1);
    assert_true(warned(&r.warnings, "APIC", "more processors than cyan keeps, the rest ignored"));
}

/* Every cut of a real MADT, with its length and checksum made to agree, parses safely. */
static void every_consistent_truncation(void **state)
{
    (void)state;
    size_t len;
    uint8_t *x2apic = read_data("x2apic.aml", &len);
    size_t previous = 0;

    for (size_t n = ACPI_HEADER_SIZE; n <= len; n++) {
        table_begin(&t, "APIC", 5);
        t.len = 0;
        table_put(&t, x2apic, n);
        const char *error = parse_built();
        size_t kept = madt.cpu_count + madt.ioapic_count + madt.override_count + madt.nmi_count;
        if (n < 44) {
            assert_non_null(error);
            continue;
        }
        assert_null(error);
        assert_true(kept >= previous); /* a longer table never yields fewer entries */
        previous = kept;
    }
    assert_int_equal(previous, 6);
    free(x2apic);
}

static void hpet_tables(void **state)
{
    (void)state;
    size_t len;
    uint8_t *bytes = read_data("hpet-template.aml", &len);
    struct acpi_table checked = table_over(bytes, len);
    struct acpi_hpet hpet;

    assert_null(acpi_hpet_parse(&checked, &hpet));
    assert_int_equal(hpet.phys, 0xfed00000);
    assert_int_equal(hpet.comparators, 3);
    assert_true(hpet.counter_64);
    bytes[40] = ACPI_SPACE_IO; /* the registers' address space */
    assert_string_equal(acpi_hpet_parse(&checked, &hpet),
                        "registers not in system memory, HPET ignored");
    bytes[40] = ACPI_SPACE_MEMORY;
    bytes[44] = 0x10; /* the block address, no longer 1 KiB aligned */
    assert_string_equal(acpi_hpet_parse(&checked, &hpet),
                        "register block address is not 1 KiB aligned, HPET ignored");
    checked.length = 55;
    assert_string_equal(acpi_hpet_parse(&checked, &hpet), "table too short, HPET ignored");
    free(bytes);
}

static void fadt_tables(void **state)
{
    (void)state;
    size_t len;
    uint8_t *bytes = read_data("facp-template.aml", &len);
    struct acpi_table checked = table_over(bytes, len);
    struct acpi_fadt fadt;

    assert_null(acpi_fadt_parse(&checked, &fadt));
    assert_true(fadt.reset_valid);
    assert_int_equal(fadt.reset_reg.space, ACPI_SPACE_IO);
    assert_int_equal(fadt.reset_reg.address, 0xcf9);
    assert_int_equal(fadt.reset_value, 0x0f);
    assert_int_equal(fadt.century, 0x32);
    bytes[117] = 16; /* a 16-bit reset register: not what ACPI defines */
    assert_null(acpi_fadt_parse(&checked, &fadt));
    assert_false(fadt.reset_valid);
    bytes[108] = 0xc8;    /* a century index past the CMOS */
    checked.length = 128; /* too short for the reset value */
    assert_null(acpi_fadt_parse(&checked, &fadt));
    assert_false(fadt.reset_valid);
    assert_int_equal(fadt.century, 0);
    checked.length = 115;
    assert_string_equal(acpi_fadt_parse(&checked, &fadt),
                        "table too short for the ACPI 1.0 fields, FADT ignored");
    free(bytes);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(iasl_template_every_entry_type),
        cmocka_unit_test(x2apic_machine),
        cmocka_unit_test(lying_entry_lengths),
        cmocka_unit_test(lying_overrides),
        cmocka_unit_test(lying_addresses),
        cmocka_unit_test(too_many_entries_are_cut),
        cmocka_unit_test(every_consistent_truncation),
        cmocka_unit_test(hpet_tables),
        cmocka_unit_test(fadt_tables),
    };

    if (argc != 2) {
        fprintf(stderr, "usage: %s DATA_DIR\n", argv[0]);
        return 2;
    }
    data_dir = argv[1];
    return cmocka_run_group_tests(tests, NULL, NULL);
}
