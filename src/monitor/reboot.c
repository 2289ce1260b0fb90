/* SPDX-License-Identifier: MIT */
/* The monitor's "reboot": each way of resetting a PC in turn, saying which one it tries. */
#include "console.h"
#include "monitor.h"

#include "acpi/system.h"

#include <arch/cpu.h>
#include <arch/io.h>
#include <arch/pc/i8042.h>
#include <string.h>

#define METHOD_NAME_MAX 8

#define RESET_WAIT_READS 100000 /* port reads (~1 us each) to give the reset time to happen */

/*
 * The FADT's RESET_REG and RESET_VALUE (ACPI 6.5 5.2.9, flag RESET_REG_SUP; 4.8.4.6): the reset
 * ACPI machines document, usually I/O port 0xCF9. Registers in memory or PCI configuration
 * space would need mappings the kernel does not make for this: they are named and skipped.
 */
static const char *reset_with_fadt(void)
{
    const struct acpi_system *sys = acpi_system();
    const struct acpi_gas *reg = &sys->fadt.reset_reg;

    if (!sys->has_fadt)
        return "no usable FADT";
    if (!sys->fadt.reset_valid)
        return "the FADT names no usable reset register";
    if (reg->space != ACPI_SPACE_IO || reg->address > UINT16_MAX)
        return "the reset register is not an I/O port (memory or PCI space): not supported";
    outb((uint16_t)reg->address, sys->fadt.reset_value);
    for (long i = 0; i < RESET_WAIT_READS; i++)
        (void)inb((uint16_t)reg->address);
    return "no reset came";
}

/* The keyboard controller's output port bit 0 is wired to the CPU's reset line on PCs. */
static const char *reset_with_8042(void)
{
    i8042_pulse_reset();
    return "no reset came (no 8042, or its reset line is not wired)";
}

static const char *reset_with_triple_fault(void)
{
    cpu_triple_fault();
}

/* In the order tried; reboot=NAME on the command line starts at NAME (as Linux's reboot=). */
static const struct {
    const char *name;
    const char *what;
    const char *(*reset)(void);
} methods[] = {
    {"acpi", "ACPI reset register", reset_with_fadt},
    {"kbd", "8042 reset line", reset_with_8042},
    {"triple", "triple fault", reset_with_triple_fault},
};
#define METHODS (sizeof(methods) / sizeof(methods[0]))

static size_t first_method(void)
{
    char name[METHOD_NAME_MAX];

    if (!boot_info_cmdline_get(monitor_boot_info(), "reboot", name, sizeof(name)))
        return 0;
    for (size_t i = 0; i < METHODS; i++) {
        if (memcmp(methods[i].name, name, strlen(methods[i].name) + 1) == 0)
            return i;
    }
    kprintf("reboot: reboot=%s is none of acpi, kbd, triple: starting with acpi\n", name);
    return 0;
}

void cmd_reboot(const char *args)
{
    (void)args;
    cpu_disable_interrupts(); /* nothing may run between the attempts */
    for (size_t i = first_method(); i < METHODS; i++) {
        kprintf("reboot: %s...\n", methods[i].what);
        const char *why = methods[i].reset();
        kprintf("reboot: %s failed: %s\n", methods[i].what, why);
    }
    cpu_halt_forever(); /* not reached: the triple fault cannot fail */
}
