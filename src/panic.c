/* SPDX-License-Identifier: MIT */
/* panic: the kernel's last words, on every console, then a halted CPU (never a reboot). */
#include "panic.h"

#include "console.h"

#include <arch/cpu.h>
#include <arch/vga.h>

noreturn void panic(const char *fmt, ...)
{
    va_list ap;

    console_set_color(VGA_ATTR(VGA_WHITE, VGA_RED));
    kprintf("\npanic: ");
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
    kprintf("\n");
    cpu_halt_forever();
}
