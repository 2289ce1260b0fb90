/* SPDX-License-Identifier: MIT */
/* FADT parser: flags, century, boot architecture, reset register. Pure: the host tests run it. */
#include "acpi/fadt.h"

/* Field offsets (ACPI 6.5, table 5.9) and the table lengths that contain them. */
#define FADT_CENTURY     108
#define FADT_BOOT_ARCH   109 /* from revision 2 (ACPI 2.0) on */
#define FADT_FLAGS       112
#define FADT_RESET_REG   116
#define FADT_RESET_VALUE 128
#define FADT_V1_SIZE     116  /* ACPI 1.0: ends after the flags */
#define FADT_RESET_END   129  /* up to and including the reset value */
#define CMOS_INDEX_LIMIT 0x80 /* standard CMOS RAM is indexed 0-127 */
#define RESET_REG_WIDTH  8    /* the reset register is one byte (ACPI 6.5, 4.8.4.6) */

static bool reset_reg_usable(const struct acpi_gas *reg)
{
    bool space_ok = reg->space == ACPI_SPACE_MEMORY || reg->space == ACPI_SPACE_IO ||
                    reg->space == ACPI_SPACE_PCI;

    return space_ok && reg->bit_width == RESET_REG_WIDTH && reg->bit_offset == 0 &&
           reg->address != 0;
}

const char *acpi_fadt_parse(const struct acpi_table *table, struct acpi_fadt *fadt)
{
    *fadt = (struct acpi_fadt){.revision = table->revision};
    if (table->length < FADT_V1_SIZE)
        return "table too short for the ACPI 1.0 fields, FADT ignored";
    fadt->flags = acpi_u32(table->bytes, FADT_FLAGS);
    fadt->century = acpi_u8(table->bytes, FADT_CENTURY);
    if (fadt->century >= CMOS_INDEX_LIMIT)
        fadt->century = 0; /* no such CMOS byte: treat as absent */
    if (table->revision >= 2)
        fadt->boot_arch = acpi_u16(table->bytes, FADT_BOOT_ARCH);
    if (table->length >= FADT_RESET_END && (fadt->flags & FADT_FLAG_RESET_REG_SUP)) {
        fadt->reset_reg = acpi_gas(table->bytes, FADT_RESET_REG);
        fadt->reset_value = acpi_u8(table->bytes, FADT_RESET_VALUE);
        fadt->reset_valid = reset_reg_usable(&fadt->reset_reg);
    }
    return NULL;
}
