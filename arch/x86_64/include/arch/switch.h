/* SPDX-License-Identifier: MIT */
/* The thread context switch (switch.S): the registers a switched-out thread keeps, and where. */
#ifndef ARCH_SWITCH_H
#define ARCH_SWITCH_H

/* Offsets of struct switch_context's fields, for switch.S; the struct below is checked. */
#define SWITCH_RSP          0
#define SWITCH_RBX          8
#define SWITCH_RBP          16
#define SWITCH_R12          24
#define SWITCH_R13          32
#define SWITCH_R14          40
#define SWITCH_R15          48
#define SWITCH_CONTEXT_SIZE 56

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

/*
 * What a thread that is not running keeps of its registers. The switch is an ordinary call, so
 * the System V AMD64 ABI (3.2.1, figure 3.4) already lets the caller lose rax, rcx, rdx, rsi,
 * rdi, r8-r11 and the vector registers; only what the callee must preserve is saved:
 *   rsp      the thread's own kernel stack; the return address into its caller sits at (rsp)
 *   rbx      callee-saved
 *   rbp      callee-saved; also the frame-pointer chain backtraces follow
 *   r12-r15  callee-saved
 * Not saved, and why:
 *   rflags   every switch happens with interrupts masked and the direction flag clear (the ABI
 *            wants DF clear at calls); each thread restores its own IF from what it saved
 *            before masking, and the arithmetic flags are not preserved across calls
 *   x87 control word, MXCSR   callee-saved by the ABI, but the kernel is built without x87, MMX
 *            or SSE code (cross file: -mno-80387 -mno-sse ...), so no thread changes them
 *   GS base  per CPU, not per thread: a thread that moves to another CPU must find that CPU's
 *   CR3      one kernel address space for every thread
 */
struct switch_context {
    uint64_t rsp, rbx, rbp, r12, r13, r14, r15;
};
_Static_assert(offsetof(struct switch_context, rsp) == SWITCH_RSP, "switch.S layout");
_Static_assert(offsetof(struct switch_context, rbx) == SWITCH_RBX, "switch.S layout");
_Static_assert(offsetof(struct switch_context, rbp) == SWITCH_RBP, "switch.S layout");
_Static_assert(offsetof(struct switch_context, r12) == SWITCH_R12, "switch.S layout");
_Static_assert(offsetof(struct switch_context, r13) == SWITCH_R13, "switch.S layout");
_Static_assert(offsetof(struct switch_context, r14) == SWITCH_R14, "switch.S layout");
_Static_assert(offsetof(struct switch_context, r15) == SWITCH_R15, "switch.S layout");
_Static_assert(sizeof(struct switch_context) == SWITCH_CONTEXT_SIZE, "switch.S layout");

/*
 * Save the running thread's registers in *from, load *to's and return into *to's thread, where
 * it last called arch_switch (or into its start function). Interrupts must be masked: a handler
 * between the two halves would run on a stack that belongs to neither thread for certain.
 */
void arch_switch(struct switch_context *from, const struct switch_context *to);

/*
 * Make *ctx a thread that has not run yet: on its first switch-in it calls entry(a, b) on the
 * stack below top (16-byte aligned), with rbp 0 so a backtrace ends there. entry must not return.
 */
typedef void (*switch_entry_fn)(void *a, void *b);
void arch_switch_prepare(struct switch_context *ctx, void *top, switch_entry_fn entry, void *a,
                         void *b);
#endif

#endif
