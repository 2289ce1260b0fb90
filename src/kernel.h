/* SPDX-License-Identifier: MIT */
/* Kernel start-up shared by the product kernel and the test kernels. */
#ifndef CYAN_KERNEL_H
#define CYAN_KERNEL_H

#include "boot_info.h"

#include <stdint.h>
#include <stdnoreturn.h>

/* Entered from arch/x86_64/boot/start64.S with the loader's magic and boot information address. */
noreturn void kmain(uint32_t magic, uint64_t boot_info_phys);

/* Read the boot information, bring up the console; panics if the boot information is unusable. */
const struct boot_info *kernel_init(uint32_t magic, uint64_t boot_info_phys);

/*
 * The second half of start-up, run after the greeting so that its messages follow it: the ACPI
 * tables, the interrupt controllers, the calibrated tick and the clock, then interrupts on.
 * Panics with the reason if no timer works.
 */
void kernel_init_interrupts(const struct boot_info *info);

#endif
