/* SPDX-License-Identifier: MIT */
/* The monitor's "reboot": each way of resetting a PC in turn, saying which one it tries. */
#include "console.h"
#include "monitor.h"

#include <arch/cpu.h>
#include <arch/pc/i8042.h>

/*
 * The FADT's RESET_REG and RESET_VALUE (ACPI 6.5 5.2.9, flag RESET_REG_SUP): the reset ACPI
 * machines document. Needs the FADT, which the kernel does not parse yet: returns why not. On
 * success it does not return.
 */
static const char *reset_with_fadt(void)
{
    return "no FADT parsed (the kernel reads no ACPI tables yet)";
}

void cmd_reboot(const char *args)
{
    (void)args;
    kprintf("reboot: ACPI reset register... ");
    kprintf("not used: %s\n", reset_with_fadt());
    kprintf("reboot: 8042 reset line...\n");
    cpu_disable_interrupts();
    i8042_pulse_reset();
    kprintf("reboot: the 8042 did not reset the machine; triple fault...\n");
    cpu_triple_fault();
}
