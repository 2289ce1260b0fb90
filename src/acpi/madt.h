/* SPDX-License-Identifier: MIT */
/* The MADT ("APIC" table, ACPI 6.5, 5.2.12): interrupt controllers and how ISA IRQs are wired. */
#ifndef CYAN_ACPI_MADT_H
#define CYAN_ACPI_MADT_H

#include "acpi/acpi.h"

#define MADT_CPUS_MAX        64 /* processors kept */
#define MADT_IOAPICS_MAX     8  /* I/O APICs kept; a PC has one, large servers a handful */
#define MADT_OVERRIDES_MAX   32 /* interrupt source overrides kept (16 ISA IRQs, a few spare) */
#define MADT_NMIS_MAX        16 /* local APIC NMI entries kept */
#define MADT_NMI_SOURCES_MAX 8
#define MADT_UID_ALL         0xffffffffu /* a local NMI entry for every processor */

enum madt_polarity { MADT_ACTIVE_HIGH, MADT_ACTIVE_LOW };
enum madt_trigger { MADT_EDGE, MADT_LEVEL };

/* A processor: type 0 (local APIC, 8-bit ID) or type 9 (local x2APIC, 32-bit ID). */
struct madt_cpu {
    uint32_t apic_id;
    uint32_t uid; /* ACPI processor UID, which the NMI entries name */
    bool x2apic;  /* came from a local x2APIC entry */
    bool enabled;
    bool online_capable; /* disabled now, but the OS may bring it up */
};

struct madt_ioapic {
    uint8_t id;
    uint32_t phys;     /* its register window */
    uint32_t gsi_base; /* global system interrupt of its input 0 */
};

/* ISA IRQ `source` arrives at global system interrupt `gsi`, with the signal it has there. */
struct madt_override {
    uint8_t source;
    uint32_t gsi;
    enum madt_polarity polarity;
    enum madt_trigger trigger;
};

/* A processor's LINT0/LINT1 wired to NMI (type 4 or 10). */
struct madt_local_nmi {
    uint32_t uid; /* MADT_UID_ALL for every processor */
    uint8_t lint; /* 0 or 1 */
    enum madt_polarity polarity;
    enum madt_trigger trigger;
};

/* A global system interrupt that is an NMI (type 3). */
struct madt_nmi_source {
    uint32_t gsi;
    enum madt_polarity polarity;
    enum madt_trigger trigger;
};

struct acpi_madt {
    uint64_t lapic_phys; /* the local APIC's registers: the 32-bit field or the override */
    bool lapic_override; /* type 5 gave a 64-bit address */
    bool pcat_compat;    /* dual 8259 PICs present: mask them when using the APICs */
    size_t unknown;      /* entries of types cyan does not use, skipped by their length */
    size_t cpu_count, ioapic_count, override_count, nmi_count, nmi_source_count;
    struct madt_cpu cpus[MADT_CPUS_MAX];
    struct madt_ioapic ioapics[MADT_IOAPICS_MAX];
    struct madt_override overrides[MADT_OVERRIDES_MAX];
    struct madt_local_nmi nmis[MADT_NMIS_MAX];
    struct madt_nmi_source nmi_sources[MADT_NMI_SOURCES_MAX];
};

/*
 * Parse a checked "APIC" table. Entries that lie (too short, past the end, reserved flag values,
 * impossible addresses) are reported through ops->warn and skipped; the entry list stops at one
 * whose length cannot be followed. Returns NULL, or why the table as a whole is unusable.
 */
const char *acpi_madt_parse(const struct acpi_table *table, const struct acpi_ops *ops,
                            struct acpi_madt *madt);

/*
 * Where ISA IRQ `irq` arrives: its override, or by default GSI `irq`, edge-triggered and
 * active high (how the ISA bus signals).
 */
struct madt_override acpi_madt_isa_irq(const struct acpi_madt *madt, uint8_t irq);

#endif
