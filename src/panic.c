/* SPDX-License-Identifier: MIT */
/* panic: the kernel's last words, on a red screen and on serial, then a halted CPU (never a
 * reboot). */
#include "panic.h"

#include "console.h"
#include "ksyms.h"

#include <arch/cpu.h>
#include <arch/irqflags.h>
#include <fmt.h>
#include <stdbool.h>

static panic_hook_fn panic_hook;
static void (*panic_context)(void);
static bool panicking;

void panic_set_hook(panic_hook_fn hook)
{
    panic_hook = hook;
}

void panic_set_context(void (*context)(void))
{
    panic_context = context;
}

static noreturn void vpanic(panic_details_fn details, const void *ctx, const char *fmt, va_list ap)
{
    static char message[PANIC_MESSAGE_MAX];

    fmt_vsnprintf(message, sizeof(message), fmt, ap);
    if (panic_hook)
        panic_hook(message);
    /* No interrupt may draw over the report, and no lock may keep it from the screen. */
    irq_disable();
    console_panic();
    if (panicking) {
        /* the panic report itself failed: keep the first screen, add one line and stop */
        kprintf("\npanic while panicking: %s\n", message);
        cpu_halt_forever();
    }
    panicking = true;

    console_serial_write("\n"); /* a line of its own on COM1, after whatever was half written */
    console_clear(COLOR_WHITE, COLOR_RED);
    kprintf("panic: %s\n", message);
    if (panic_context)
        panic_context();
    if (details)
        details(ctx);
    kprintf("cyan: the CPU is halted.\n");
    cpu_halt_forever();
}

noreturn void panic(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vpanic(NULL, NULL, fmt, ap);
}

/*
 * Called by code built with -fstack-protector-strong when a function finds its canary changed:
 * something wrote past the end of a local array and over the frame.
 */
noreturn void __stack_chk_fail(void);
noreturn void __stack_chk_fail(void)
{
    /* the call may be the function's last instruction: name the byte before the return address */
    uint64_t ret = (uintptr_t)__builtin_return_address(0);
    const char *name = "?";
    uint64_t offset = 0;

    ksym_lookup(ret - 1, &name, &offset);
    panic("stack protector: canary overwritten in %s+0x%lx (%016lx): a local array overflowed "
          "into the stack frame",
          name, (unsigned long)offset + 1, (unsigned long)ret);
}

noreturn void panic_with_details(panic_details_fn details, const void *ctx, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vpanic(details, ctx, fmt, ap);
}
