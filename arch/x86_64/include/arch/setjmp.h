/* SPDX-License-Identifier: MIT */
/* Non-local jumps (the freestanding kernel has no <setjmp.h>): save a context, return to it later.
 */
#ifndef ARCH_SETJMP_H
#define ARCH_SETJMP_H

#include <stdint.h>
#include <stdnoreturn.h>

/* Callee-saved registers of the System V AMD64 ABI plus stack pointer and return address. */
struct jmp_context {
    uint64_t rbx, rbp, r12, r13, r14, r15, rsp, rip;
};

/* Returns 0 when saving; returns value (never 0) when arch_longjmp comes back here. */
int arch_setjmp(struct jmp_context *ctx) __attribute__((returns_twice));
/* Resume at the arch_setjmp that filled ctx, whose caller must not have returned yet. */
noreturn void arch_longjmp(const struct jmp_context *ctx, int value);

#endif
