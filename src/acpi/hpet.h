/* SPDX-License-Identifier: MIT */
/* The HPET description table (IA-PC HPET specification 1.0a, 3.2.4): where the timer block is. */
#ifndef CYAN_ACPI_HPET_H
#define CYAN_ACPI_HPET_H

#include "acpi/acpi.h"

struct acpi_hpet {
    uint64_t phys;       /* the 1 KiB register block, in system memory */
    uint8_t number;      /* HPET sequence number */
    uint8_t comparators; /* timers in the block */
    bool counter_64;     /* the main counter is 64 bits wide */
    bool legacy_capable; /* can replace the PIT and RTC interrupts */
    uint16_t vendor;     /* PCI vendor ID of the block */
    uint16_t min_tick;   /* least periodic-mode period, in main counter ticks */
};

/* Parse a checked "HPET" table; NULL, or why it cannot be used (reported as the table's). */
const char *acpi_hpet_parse(const struct acpi_table *table, struct acpi_hpet *hpet);

#endif
