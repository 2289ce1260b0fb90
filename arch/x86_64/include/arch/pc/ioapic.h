/* SPDX-License-Identifier: MIT */
/* The I/O APIC (Intel 82093AA datasheet): registers, redirection entry bits, driver interface. */
#ifndef ARCH_PC_IOAPIC_H
#define ARCH_PC_IOAPIC_H

#include <arch/bits.h>
#include <stdbool.h>
#include <stdint.h>

/* Indirect access: write a register index to IOREGSEL, then read or write IOWIN (3.0). */
#define IOAPIC_IOREGSEL            0x00
#define IOAPIC_IOWIN               0x10
#define IOAPIC_MMIO_SIZE           0x20 /* the two registers; the window is usually 4 KiB apart */
#define IOAPIC_REG_ID              0x00 /* IOAPICID: ID in bits 27:24 */
#define IOAPIC_REG_VER             0x01 /* IOAPICVER: maximum redirection entry in bits 23:16 */
#define IOAPIC_REG_REDTBL          0x10 /* IOREDTBL n: low dword at 0x10 + 2n, high dword at 0x11 + 2n */
#define IOAPIC_VER_MAX_ENTRY_SHIFT 16
#define IOAPIC_VER_MAX_ENTRY_MASK  0xff
#define IOAPIC_ID_SHIFT            24
#define IOAPIC_ID_MASK             0xf

/* Redirection entry bits, low dword (3.2.4) */
#define IOAPIC_RTE_VECTOR_MASK 0xff
#define IOAPIC_RTE_ACTIVE_LOW  BIT(13) /* INTPOL */
#define IOAPIC_RTE_LEVEL       BIT(15) /* trigger mode */
#define IOAPIC_RTE_MASKED      BIT(16)
/* High dword: destination APIC ID in bits 63:56, i.e. 31:24 of the high dword */
#define IOAPIC_RTE_DEST_SHIFT  24

#define IOAPIC_MAX_INPUTS 240 /* at most 240 entries (8-bit max entry index) */

/* Map an I/O APIC's registers; its number of inputs, or 0 if it is absent or unreadable. */
unsigned ioapic_probe(uint32_t phys);
/* The ID register of the IOAPIC at phys (after ioapic_probe). */
uint8_t ioapic_id(uint32_t phys);
/* Program input `pin` to deliver vector to the APIC with apic_id, masked or not. */
void ioapic_route(uint32_t phys, unsigned pin, uint8_t vector, uint8_t apic_id, bool active_low,
                  bool level, bool masked);
/* Mask or unmask one input without changing the rest of its entry. */
void ioapic_set_masked(uint32_t phys, unsigned pin, bool masked);
/* The low dword of input pin's entry. */
uint32_t ioapic_entry(uint32_t phys, unsigned pin);

#endif
