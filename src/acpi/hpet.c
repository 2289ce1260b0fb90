/* SPDX-License-Identifier: MIT */
/* HPET table parser (IA-PC HPET specification 1.0a, table 3). Pure: the host tests run it. */
#include "acpi/hpet.h"

/* Fields after the ACPI header (HPET specification 1.0a, table 3). */
#define HPET_BLOCK_ID     36 /* event timer block ID, laid out as the capabilities register */
#define HPET_BASE_ADDRESS 40 /* Generic Address Structure */
#define HPET_NUMBER       52
#define HPET_MIN_TICK     53
#define HPET_TABLE_SIZE   56 /* up to and including the page protection byte */

/* Event timer block ID bits (table 3, as in General Capabilities register bits 0-31). */
#define BLOCK_COMPARATORS_SHIFT 8 /* number of comparators minus one, bits 12:8 */
#define BLOCK_COMPARATORS_MASK  0x1f
#define BLOCK_COUNTER_64        (1u << 13) /* COUNT_SIZE_CAP */
#define BLOCK_LEGACY_CAPABLE    (1u << 15) /* LEG_RT_CAP */
#define BLOCK_VENDOR_SHIFT      16
#define HPET_BLOCK_ALIGN        0x400 /* the register block is 1 KiB (specification 2.3) */

const char *acpi_hpet_parse(const struct acpi_table *table, struct acpi_hpet *hpet)
{
    *hpet = (struct acpi_hpet){0};
    if (table->length < HPET_TABLE_SIZE)
        return "table too short, HPET ignored";
    uint32_t id = acpi_u32(table->bytes, HPET_BLOCK_ID);
    struct acpi_gas base = acpi_gas(table->bytes, HPET_BASE_ADDRESS);
    if (base.space != ACPI_SPACE_MEMORY)
        return "registers not in system memory, HPET ignored";
    if (base.address == 0 || base.address % HPET_BLOCK_ALIGN)
        return "register block address is not 1 KiB aligned, HPET ignored";
    hpet->phys = base.address;
    hpet->number = acpi_u8(table->bytes, HPET_NUMBER);
    hpet->min_tick = acpi_u16(table->bytes, HPET_MIN_TICK);
    hpet->comparators = ((id >> BLOCK_COMPARATORS_SHIFT) & BLOCK_COMPARATORS_MASK) + 1;
    hpet->counter_64 = id & BLOCK_COUNTER_64;
    hpet->legacy_capable = id & BLOCK_LEGACY_CAPABLE;
    hpet->vendor = id >> BLOCK_VENDOR_SHIFT;
    return NULL;
}
