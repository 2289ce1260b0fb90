/* SPDX-License-Identifier: MIT */
/* The FADT ("FACP", ACPI 6.5, 5.2.9): the fixed hardware fields cyan uses. */
#ifndef CYAN_ACPI_FADT_H
#define CYAN_ACPI_FADT_H

#include "acpi/acpi.h"

/* IA-PC boot architecture flags (ACPI 6.5, table 5.11). */
#define FADT_BOOT_LEGACY_DEVICES 0x01 /* ISA/LPC devices the OS must find itself */
#define FADT_BOOT_8042           0x02 /* an 8042 keyboard controller */
#define FADT_BOOT_NO_VGA         0x04 /* do not probe VGA */
#define FADT_BOOT_NO_MSI         0x08
#define FADT_BOOT_NO_CMOS_RTC    0x20

/* Fixed feature flags cyan reads (ACPI 6.5, table 5.10). */
#define FADT_FLAG_RESET_REG_SUP 0x400    /* bit 10: the reset register works */
#define FADT_FLAG_HW_REDUCED    0x100000 /* bit 20: no legacy fixed hardware */

struct acpi_fadt {
    uint8_t revision;
    uint32_t flags;
    uint16_t boot_arch; /* FADT_BOOT_*; 0 before revision 2 */
    uint8_t century;    /* CMOS index of the RTC's century, 0 if there is none */
    bool reset_valid;   /* reset_reg and reset_value may be used */
    struct acpi_gas reset_reg;
    uint8_t reset_value;
};

/* Parse a checked "FACP" table; NULL, or why it cannot be used. Fields the table is too short
 * to hold stay 0; a reset register that cannot work is marked invalid. */
const char *acpi_fadt_parse(const struct acpi_table *table, struct acpi_fadt *fadt);

#endif
