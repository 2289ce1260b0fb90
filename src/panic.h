/* SPDX-License-Identifier: MIT */
/* panic: report an unrecoverable kernel error and stop. */
#ifndef CYAN_PANIC_H
#define CYAN_PANIC_H

#include <stdnoreturn.h>

/* Print "panic: <message>" on screen and serial, then halt with interrupts off. */
noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
