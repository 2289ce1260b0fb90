/* SPDX-License-Identifier: MIT */
/* Device interrupts: the APICs the MADT describes (or the 8259 PICs without them), and routing. */
#ifndef CYAN_IRQ_H
#define CYAN_IRQ_H

#include "acpi/system.h"
#include "boot_info.h"

#include <stdbool.h>
#include <stdint.h>

/* Runs with interrupts masked; the end of interrupt is sent after it returns. */
typedef void (*irq_handler_fn)(void);

enum irq_controller {
    IRQ_PIC,  /* the 8259 PICs: no MADT, no usable IOAPIC or local APIC, or "irq=pic" */
    IRQ_APIC, /* the local APIC and the IOAPICs */
};

/* Where an IRQ was routed: what irq_route programmed. */
struct irq_route {
    uint32_t gsi;
    unsigned ioapic, pin; /* which IOAPIC (index in the MADT) and input; APIC mode only */
    uint8_t vector;
    bool level, active_low;
};

/*
 * Bring up the interrupt controllers from the MADT: every IOAPIC with its inputs masked, then the
 * local APIC (x2APIC if the CPU has it, unless the command line says "apic=xapic") with its
 * spurious and error vectors, its ID checked against the MADT. Any of them missing or broken is
 * reported and the 8259 PICs deliver IRQs instead. Prints the "irq:" line. Interrupts stay off.
 */
void irq_init(const struct acpi_system *sys, const struct boot_info *info);
enum irq_controller irq_controller(void);
/* On an AP: its local APIC on in the BSP's mode, with the spurious and error vectors and the
 * NMI wiring the MADT gives for its processor UID. NULL, or why it cannot take interrupts. */
const char *irq_init_this_cpu(uint32_t acpi_uid);
/* The MADT irq_init used, or NULL if the local APIC is not in use. */
const struct acpi_madt *irq_madt(void);

/*
 * Send an interrupt to handler and unmask it. irq 0-15 is an ISA IRQ, wired as the MADT's
 * interrupt source overrides say (ISA IRQ 0 usually arrives at GSI 2); 16 and up is a global
 * system interrupt, level-triggered and active low as PCI lines are. NULL, or why it cannot be.
 */
const char *irq_route(unsigned irq, irq_handler_fn handler);
/* Mask it again and forget the handler. */
void irq_unroute(unsigned irq);
/* What irq_route did for irq; false if it is not routed (or the PICs deliver it). */
bool irq_route_of(unsigned irq, struct irq_route *route);

/* A local APIC interrupt (the timer) on vector: handler, then the end of interrupt. */
void irq_local(unsigned vector, irq_handler_fn handler);
/* The local APIC's ID, and how it is driven ("xAPIC", "x2APIC", or "none"). */
uint32_t irq_lapic_id(void);
const char *irq_lapic_mode(void);
/* Spurious interrupts (no end of interrupt owed) and APIC errors seen so far. */
unsigned long irq_spurious_count(void);
unsigned long irq_apic_error_count(void);

#endif
