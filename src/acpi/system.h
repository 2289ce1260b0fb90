/* SPDX-License-Identifier: MIT */
/* What the kernel learnt from the firmware's ACPI tables, parsed once after paging is up. */
#ifndef CYAN_ACPI_SYSTEM_H
#define CYAN_ACPI_SYSTEM_H

#include "acpi/acpi.h"
#include "acpi/fadt.h"
#include "acpi/hpet.h"
#include "acpi/madt.h"
#include "boot_info.h"

struct acpi_system {
    bool tables; /* a root table was found; the rest may still be missing */
    bool has_madt, has_hpet, has_fadt;
    struct acpi acpi;
    struct acpi_madt madt;
    struct acpi_hpet hpet;
    struct acpi_fadt fadt;
};

/*
 * Walk the tables the boot information's RSDP names and parse the MADT, HPET and FADT. Every
 * table that cannot be trusted is reported on the console ("acpi: HPET: ...") and left out;
 * what is missing is marked so. Prints the "acpi:" summary line. Call after paging_activate.
 */
const struct acpi_system *acpi_system_init(const struct boot_info *info);
/* The result of acpi_system_init (all false before it). */
const struct acpi_system *acpi_system(void);

#endif
