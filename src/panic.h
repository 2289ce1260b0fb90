/* SPDX-License-Identifier: MIT */
/* panic: report an unrecoverable kernel error and stop; kassert: panic when an invariant breaks. */
#ifndef CYAN_PANIC_H
#define CYAN_PANIC_H

#include <stdbool.h>
#include <stdnoreturn.h>

#define PANIC_MESSAGE_MAX 256 /* longer messages are cut */

/*
 * Stop every other CPU (an NMI each), clear the screen to white on red, print "panic: <message>"
 * ("panic on CPU <n>: <message>" with several CPUs online) on screen and serial, then halt with
 * interrupts off: the machine stops where it is, readable, never rebooting. One screen only: a
 * CPU that panics while another's report is drawn halts without a word.
 */
noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Like panic, and details(ctx) prints more below the message (e.g. registers of a fault). */
typedef void (*panic_details_fn)(const void *ctx);
noreturn void panic_with_details(panic_details_fn details, const void *ctx, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Called with the formatted message before panic prints and halts. A hook may take over (the
 * test runner's does, to check should-panic tests); if it returns, panic carries on.
 */
typedef void (*panic_hook_fn)(const char *message);
void panic_set_hook(panic_hook_fn hook);

/* Whether some CPU has started a panic report; whether this CPU is the one drawing it. */
bool panic_in_progress(void);
bool panic_on_this_cpu(void);
/* Halt this CPU for good, counted as stopped for the panicking CPU: the NMI handler's answer to
 * the panic's NMI. */
noreturn void panic_stop_this_cpu(void);
/* Stop every CPU for good, this one last, without a report (the monitor's halt). */
noreturn void halt_every_cpu(void);

/* Called on the panic screen below the message: says which thread and CPU panicked (the
 * scheduler's). */
void panic_set_context(void (*context)(void));

#define kassert(expr)                                                                              \
    ((expr) ? (void)0 : panic("%s:%d: assertion failed: %s", __FILE__, __LINE__, #expr))

#endif
