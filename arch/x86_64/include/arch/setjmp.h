/* SPDX-License-Identifier: MIT */
/* Non-local jumps (the freestanding kernel has no <setjmp.h>): save a context, return to it later.
 */
#ifndef ARCH_SETJMP_H
#define ARCH_SETJMP_H

/* Offsets of struct jmp_context's fields, for setjmp.S; the struct below is checked against them.
 */
#define JMP_RBX 0
#define JMP_RBP 8
#define JMP_R12 16
#define JMP_R13 24
#define JMP_R14 32
#define JMP_R15 40
#define JMP_RSP 48
#define JMP_RIP 56

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

/* Callee-saved registers of the System V AMD64 ABI plus stack pointer and return address. */
struct jmp_context {
    uint64_t rbx, rbp, r12, r13, r14, r15, rsp, rip;
};
_Static_assert(offsetof(struct jmp_context, rbx) == JMP_RBX, "setjmp.S layout");
_Static_assert(offsetof(struct jmp_context, rbp) == JMP_RBP, "setjmp.S layout");
_Static_assert(offsetof(struct jmp_context, r12) == JMP_R12, "setjmp.S layout");
_Static_assert(offsetof(struct jmp_context, r13) == JMP_R13, "setjmp.S layout");
_Static_assert(offsetof(struct jmp_context, r14) == JMP_R14, "setjmp.S layout");
_Static_assert(offsetof(struct jmp_context, r15) == JMP_R15, "setjmp.S layout");
_Static_assert(offsetof(struct jmp_context, rsp) == JMP_RSP, "setjmp.S layout");
_Static_assert(offsetof(struct jmp_context, rip) == JMP_RIP, "setjmp.S layout");

/* Returns 0 when saving; returns value (never 0) when arch_longjmp comes back here. */
int arch_setjmp(struct jmp_context *ctx) __attribute__((returns_twice));
/* Resume at the arch_setjmp that filled ctx, whose caller must not have returned yet. */
noreturn void arch_longjmp(const struct jmp_context *ctx, int value);
#endif

#endif
