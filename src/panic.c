/* SPDX-License-Identifier: MIT */
/* panic: the kernel's last words, on every console, then a halted CPU (never a reboot). */
#include "panic.h"

#include "console.h"

#include <arch/cpu.h>
#include <arch/vga.h>
#include <fmt.h>

static panic_hook_fn panic_hook;

void panic_set_hook(panic_hook_fn hook)
{
    panic_hook = hook;
}

noreturn void panic(const char *fmt, ...)
{
    static char message[PANIC_MESSAGE_MAX];
    va_list ap;

    va_start(ap, fmt);
    fmt_vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    if (panic_hook)
        panic_hook(message);

    console_set_color(VGA_ATTR(VGA_WHITE, VGA_RED));
    kprintf("\npanic: %s\n", message);
    cpu_halt_forever();
}
