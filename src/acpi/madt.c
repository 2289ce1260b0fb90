/* SPDX-License-Identifier: MIT */
/*
 * MADT parser (ACPI 6.5, 5.2.12). Every entry is read only inside the table's checked length and
 * its own; an entry type cyan does not use is skipped by its length field. Pure: built on the
 * host for the unit tests and the fuzzer.
 */
#include "acpi/madt.h"

#include <string.h>

/* Fixed part after the header (ACPI 6.5, table 5.19). */
#define MADT_LAPIC_ADDRESS 36
#define MADT_FLAGS         40
#define MADT_ENTRIES       44
#define MADT_PCAT_COMPAT   0x1 /* flags bit 0: dual 8259 PICs installed */

/* Entry header: type, length (ACPI 6.5, 5.2.12.1). */
#define ENTRY_TYPE   0
#define ENTRY_LENGTH 1
#define ENTRY_HEADER 2

/* Entry types (ACPI 6.5, table 5.20) and the minimum length of each that cyan reads. */
#define TYPE_LOCAL_APIC          0  /* 5.2.12.2, 8 bytes */
#define TYPE_IOAPIC              1  /* 5.2.12.3, 12 bytes */
#define TYPE_SOURCE_OVERRIDE     2  /* 5.2.12.5, 10 bytes */
#define TYPE_NMI_SOURCE          3  /* 5.2.12.6, 8 bytes */
#define TYPE_LOCAL_APIC_NMI      4  /* 5.2.12.7, 6 bytes */
#define TYPE_LAPIC_ADDR_OVERRIDE 5  /* 5.2.12.8, 12 bytes */
#define TYPE_LOCAL_X2APIC        9  /* 5.2.12.12, 16 bytes */
#define TYPE_LOCAL_X2APIC_NMI    10 /* 5.2.12.13, 12 bytes */

/* Field offsets inside each entry type (the sections above). */
#define LAPIC_UID        2
#define LAPIC_ID         3
#define LAPIC_FLAGS      4
#define IOAPIC_ID        2
#define IOAPIC_ADDRESS   4
#define IOAPIC_GSI_BASE  8
#define OVERRIDE_BUS     2
#define OVERRIDE_SOURCE  3
#define OVERRIDE_GSI     4
#define OVERRIDE_FLAGS   8
#define NMI_SOURCE_FLAGS 2
#define NMI_SOURCE_GSI   4
#define LAPIC_NMI_UID    2
#define LAPIC_NMI_FLAGS  3
#define LAPIC_NMI_LINT   5
#define LAPIC_ADDR_64    4
#define X2APIC_ID        4
#define X2APIC_FLAGS     8
#define X2APIC_UID       12
#define X2APIC_NMI_FLAGS 2
#define X2APIC_NMI_UID   4
#define X2APIC_NMI_LINT  8

/* Local APIC / x2APIC flags (ACPI 6.5, table 5.23). */
#define LAPIC_ENABLED        0x1
#define LAPIC_ONLINE_CAPABLE 0x2

/* MPS INTI flags (ACPI 6.5, table 5.26): polarity bits 1:0, trigger mode bits 3:2. */
#define INTI_POLARITY_MASK 0x3
#define INTI_POLARITY_BUS  0x0 /* conforms to the bus: active high on ISA */
#define INTI_POLARITY_HIGH 0x1
#define INTI_POLARITY_LOW  0x3
#define INTI_TRIGGER_SHIFT 2
#define INTI_TRIGGER_MASK  0x3
#define INTI_TRIGGER_BUS   0x0 /* conforms to the bus: edge on ISA */
#define INTI_TRIGGER_EDGE  0x1
#define INTI_TRIGGER_LEVEL 0x3
#define ISA_BUS            0 /* the only bus an interrupt source override names */
#define ISA_IRQS           16
#define LAPIC_ALIGN        0x1000 /* the local APIC's base is page-aligned (SDM vol. 3A 11.4.4) */
#define LINT_PINS          2      /* LINT0 and LINT1 */
#define LAPIC_NMI_UID_ALL  0xff   /* type 4: processor UID 0xff means every processor */

struct entry {
    const struct acpi_ops *ops;
    const uint8_t *p;
    uint8_t type;
    uint8_t length;
};

static void warn(const struct entry *e, const char *message)
{
    e->ops->warn(e->ops->ctx, "APIC", message);
}

/* Decode MPS INTI flags with ISA defaults for "conforms"; false for the reserved values. */
static bool inti_flags(uint16_t flags, enum madt_polarity *polarity, enum madt_trigger *trigger)
{
    uint16_t pol = flags & INTI_POLARITY_MASK;
    uint16_t trig = (flags >> INTI_TRIGGER_SHIFT) & INTI_TRIGGER_MASK;

    if (pol != INTI_POLARITY_BUS && pol != INTI_POLARITY_HIGH && pol != INTI_POLARITY_LOW)
        return false;
    if (trig != INTI_TRIGGER_BUS && trig != INTI_TRIGGER_EDGE && trig != INTI_TRIGGER_LEVEL)
        return false;
    *polarity = pol == INTI_POLARITY_LOW ? MADT_ACTIVE_LOW : MADT_ACTIVE_HIGH;
    *trigger = trig == INTI_TRIGGER_LEVEL ? MADT_LEVEL : MADT_EDGE;
    return true;
}

static void add_cpu(const struct entry *e, struct acpi_madt *madt, struct madt_cpu cpu,
                    uint32_t flags)
{
    cpu.enabled = flags & LAPIC_ENABLED;
    cpu.online_capable = flags & LAPIC_ONLINE_CAPABLE;
    if (madt->cpu_count == MADT_CPUS_MAX) {
        warn(e, "more processors than cyan keeps, the rest ignored");
        return;
    }
    madt->cpus[madt->cpu_count++] = cpu;
}

static void local_apic(const struct entry *e, struct acpi_madt *madt)
{
    struct madt_cpu cpu = {.uid = acpi_u8(e->p, LAPIC_UID), .apic_id = acpi_u8(e->p, LAPIC_ID)};
    add_cpu(e, madt, cpu, acpi_u32(e->p, LAPIC_FLAGS));
}

static void local_x2apic(const struct entry *e, struct acpi_madt *madt)
{
    struct madt_cpu cpu = {
        .apic_id = acpi_u32(e->p, X2APIC_ID), .uid = acpi_u32(e->p, X2APIC_UID), .x2apic = true};
    add_cpu(e, madt, cpu, acpi_u32(e->p, X2APIC_FLAGS));
}

static void ioapic(const struct entry *e, struct acpi_madt *madt)
{
    struct madt_ioapic io = {.id = acpi_u8(e->p, IOAPIC_ID),
                             .phys = acpi_u32(e->p, IOAPIC_ADDRESS),
                             .gsi_base = acpi_u32(e->p, IOAPIC_GSI_BASE)};

    if (io.phys == 0) {
        warn(e, "I/O APIC at address 0, entry ignored");
        return;
    }
    if (madt->ioapic_count == MADT_IOAPICS_MAX) {
        warn(e, "more I/O APICs than cyan keeps, the rest ignored");
        return;
    }
    madt->ioapics[madt->ioapic_count++] = io;
}

static void source_override(const struct entry *e, struct acpi_madt *madt)
{
    struct madt_override o = {.source = acpi_u8(e->p, OVERRIDE_SOURCE),
                              .gsi = acpi_u32(e->p, OVERRIDE_GSI)};

    if (acpi_u8(e->p, OVERRIDE_BUS) != ISA_BUS || o.source >= ISA_IRQS) {
        warn(e, "interrupt source override for something other than an ISA IRQ, ignored");
        return;
    }
    if (!inti_flags(acpi_u16(e->p, OVERRIDE_FLAGS), &o.polarity, &o.trigger)) {
        warn(e, "interrupt source override with reserved polarity or trigger, ignored");
        return;
    }
    for (size_t i = 0; i < madt->override_count; i++) {
        if (madt->overrides[i].source == o.source) {
            warn(e, "second override for the same ISA IRQ, the first kept");
            return;
        }
    }
    if (madt->override_count == MADT_OVERRIDES_MAX) {
        warn(e, "more interrupt source overrides than cyan keeps, the rest ignored");
        return;
    }
    madt->overrides[madt->override_count++] = o;
}

static void nmi_source(const struct entry *e, struct acpi_madt *madt)
{
    struct madt_nmi_source n = {.gsi = acpi_u32(e->p, NMI_SOURCE_GSI)};

    if (!inti_flags(acpi_u16(e->p, NMI_SOURCE_FLAGS), &n.polarity, &n.trigger)) {
        warn(e, "NMI source with reserved polarity or trigger, ignored");
        return;
    }
    if (madt->nmi_source_count == MADT_NMI_SOURCES_MAX) {
        warn(e, "more NMI sources than cyan keeps, the rest ignored");
        return;
    }
    madt->nmi_sources[madt->nmi_source_count++] = n;
}

static void add_local_nmi(const struct entry *e, struct acpi_madt *madt, struct madt_local_nmi n,
                          uint16_t flags)
{
    if (n.lint >= LINT_PINS) {
        warn(e, "local APIC NMI on a LINT pin that does not exist, ignored");
        return;
    }
    if (!inti_flags(flags, &n.polarity, &n.trigger)) {
        warn(e, "local APIC NMI with reserved polarity or trigger, ignored");
        return;
    }
    if (madt->nmi_count == MADT_NMIS_MAX) {
        warn(e, "more local APIC NMI entries than cyan keeps, the rest ignored");
        return;
    }
    madt->nmis[madt->nmi_count++] = n;
}

static void local_apic_nmi(const struct entry *e, struct acpi_madt *madt)
{
    uint8_t uid = acpi_u8(e->p, LAPIC_NMI_UID);
    struct madt_local_nmi n = {.uid = uid == LAPIC_NMI_UID_ALL ? MADT_UID_ALL : uid,
                               .lint = acpi_u8(e->p, LAPIC_NMI_LINT)};
    add_local_nmi(e, madt, n, acpi_u16(e->p, LAPIC_NMI_FLAGS));
}

static void local_x2apic_nmi(const struct entry *e, struct acpi_madt *madt)
{
    struct madt_local_nmi n = {.uid = acpi_u32(e->p, X2APIC_NMI_UID),
                               .lint = acpi_u8(e->p, X2APIC_NMI_LINT)};
    add_local_nmi(e, madt, n, acpi_u16(e->p, X2APIC_NMI_FLAGS));
}

static void lapic_address_override(const struct entry *e, struct acpi_madt *madt)
{
    uint64_t phys = acpi_u64(e->p, LAPIC_ADDR_64);

    if (phys == 0 || phys % LAPIC_ALIGN) {
        warn(e, "local APIC address override is not a page address, ignored");
        return;
    }
    madt->lapic_phys = phys;
    madt->lapic_override = true;
}

/* What cyan reads of each entry type: the least length, and the decoder. */
static const struct {
    uint8_t min_length;
    void (*parse)(const struct entry *e, struct acpi_madt *madt);
} entry_types[] = {
    [TYPE_LOCAL_APIC] = {8, local_apic},
    [TYPE_IOAPIC] = {12, ioapic},
    [TYPE_SOURCE_OVERRIDE] = {10, source_override},
    [TYPE_NMI_SOURCE] = {8, nmi_source},
    [TYPE_LOCAL_APIC_NMI] = {6, local_apic_nmi},
    [TYPE_LAPIC_ADDR_OVERRIDE] = {12, lapic_address_override},
    [TYPE_LOCAL_X2APIC] = {16, local_x2apic},
    [TYPE_LOCAL_X2APIC_NMI] = {12, local_x2apic_nmi},
};
#define ENTRY_TYPES (sizeof(entry_types) / sizeof(entry_types[0]))

static void parse_entry(const struct entry *e, struct acpi_madt *madt)
{
    if (e->type >= ENTRY_TYPES || !entry_types[e->type].parse) {
        madt->unknown++;
        return;
    }
    if (e->length < entry_types[e->type].min_length) {
        warn(e, "an entry is shorter than its type needs, ignored");
        return;
    }
    entry_types[e->type].parse(e, madt);
}

const char *acpi_madt_parse(const struct acpi_table *table, const struct acpi_ops *ops,
                            struct acpi_madt *madt)
{
    *madt = (struct acpi_madt){0};
    if (table->length < MADT_ENTRIES)
        return "too short for its fixed fields, MADT ignored";
    madt->lapic_phys = acpi_u32(table->bytes, MADT_LAPIC_ADDRESS);
    madt->pcat_compat = acpi_u32(table->bytes, MADT_FLAGS) & MADT_PCAT_COMPAT;

    for (size_t at = MADT_ENTRIES; at < table->length;) {
        struct entry e = {.ops = ops, .p = table->bytes + at};
        if (table->length - at < ENTRY_HEADER) {
            warn(&e, "a stray byte after the last entry");
            break;
        }
        e.type = acpi_u8(e.p, ENTRY_TYPE);
        e.length = acpi_u8(e.p, ENTRY_LENGTH);
        if (e.length < ENTRY_HEADER || e.length > table->length - at) {
            warn(&e, "an entry's length cannot be followed, the rest ignored");
            break;
        }
        parse_entry(&e, madt);
        at += e.length;
    }
    if (madt->lapic_phys == 0 || madt->lapic_phys % LAPIC_ALIGN)
        return "no usable local APIC address, MADT ignored";
    return NULL;
}

struct madt_override acpi_madt_isa_irq(const struct acpi_madt *madt, uint8_t irq)
{
    for (size_t i = 0; i < madt->override_count; i++) {
        if (madt->overrides[i].source == irq)
            return madt->overrides[i];
    }
    return (struct madt_override){
        .source = irq, .gsi = irq, .polarity = MADT_ACTIVE_HIGH, .trigger = MADT_EDGE};
}
