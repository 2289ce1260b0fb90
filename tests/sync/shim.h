/* SPDX-License-Identifier: MIT */
/* The host shim's hooks for the spinlock tests (shim.c). */
#ifndef SYNC_TEST_SHIM_H
#define SYNC_TEST_SHIM_H

#include "panic.h"
#include "smp/cpu.h"

#include <arch/irqflags.h>
#include <setjmp.h>

extern jmp_buf *shim_panic_catcher; /* where panic jumps, or NULL (then it aborts) */
extern char shim_panic_message[PANIC_MESSAGE_MAX];

#endif
