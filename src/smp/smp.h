/* SPDX-License-Identifier: MIT */
/* Bringing up the application processors the MADT lists, and what became of each. */
#ifndef CYAN_SMP_SMP_H
#define CYAN_SMP_SMP_H

#include "acpi/madt.h"

#include <stdint.h>

/*
 * Start every enabled processor of the MADT, one at a time, each with its own stacks, GDT, TSS,
 * local APIC and timer; one that does not answer in time is named and skipped. Prints the smp:
 * lines. After kernel_init_interrupts (it times the start-up sequence with the clock), on the
 * BSP, interrupts on. Without a local APIC in use, only the BSP runs (and the line says why).
 */
void smp_init(void);
/* Start the enabled processors of madt that are not online yet, as smp_init does; how many came
 * online. After smp_init (tests give it a table with processors that do not exist). */
unsigned smp_start_listed(const struct acpi_madt *madt);

/* Where an AP ends once online: halted with interrupts on, woken by its timer and by IPIs. */
_Noreturn void smp_ap_idle(void);

#endif
