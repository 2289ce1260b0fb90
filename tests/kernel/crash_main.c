/* SPDX-License-Identifier: MIT */
/*
 * kmain of the crash kernel: boots like the product kernel, then crashes the way its command line
 * says, with no test runner in the way, so a test can read the real panic screen from outside.
 *   crash=page-fault   write to an unmapped address
 *   crash=nmi          wait for an NMI (the test injects one through QMP)
 */
#include "console.h"
#include "kernel.h"

#include <arch/cpu.h>
#include <stdint.h>

#define UNMAPPED_ADDRESS 0xdead000 /* low memory: nothing is mapped below the kernel window */

noreturn void kmain(uint32_t magic, uint64_t boot_info_phys)
{
    const struct boot_info *info = kernel_init(magic, boot_info_phys);
    char crash[16] = "";

    boot_info_cmdline_get(info, "crash", crash, sizeof(crash));
    kprintf("crash kernel: crash=%s\n", crash);
    if (crash[0] == 'p') {
        *(volatile uint64_t *)UNMAPPED_ADDRESS = 1;
    } else if (crash[0] == 'n') {
        kprintf("crash kernel: waiting for an NMI\n");
        for (;;)
            cpu_relax();
    }
    kprintf("crash kernel: no crash happened\n");
    cpu_halt_forever();
}
