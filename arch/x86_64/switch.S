/* SPDX-License-Identifier: MIT */
/* The thread context switch: save the callee-saved registers and stack, load another thread's. */
#include <arch/asm.h>
#include <arch/switch.h>

	.text
	.code64

/*
 * void arch_switch(struct switch_context *from, const struct switch_context *to)
 * %rdi = from, %rsi = to. The call pushed our return address on the old stack; after the new
 * rsp is loaded, ret pops the new thread's return address (its own call of arch_switch, or the
 * start routine arch_switch_prepare left there). See arch/switch.h for what is saved and why.
 */
FUNCTION(arch_switch)
	mov	%rsp, SWITCH_RSP(%rdi)
	mov	%rbx, SWITCH_RBX(%rdi)
	mov	%rbp, SWITCH_RBP(%rdi)
	mov	%r12, SWITCH_R12(%rdi)
	mov	%r13, SWITCH_R13(%rdi)
	mov	%r14, SWITCH_R14(%rdi)
	mov	%r15, SWITCH_R15(%rdi)

	mov	SWITCH_RSP(%rsi), %rsp
	mov	SWITCH_RBX(%rsi), %rbx
	mov	SWITCH_RBP(%rsi), %rbp
	mov	SWITCH_R12(%rsi), %r12
	mov	SWITCH_R13(%rsi), %r13
	mov	SWITCH_R14(%rsi), %r14
	mov	SWITCH_R15(%rsi), %r15
	ret
END(arch_switch)

/*
 * A new thread's first instructions: arch_switch_prepare left entry in r12 and its two
 * arguments in r13 and r14. arch_switch's ret left rsp 16-byte aligned, as a call wants it.
 */
LOCAL_FUNCTION(switch_first)
	mov	%r13, %rdi
	mov	%r14, %rsi
	call	*%r12
	ud2				/* entry is noreturn */
END(switch_first)

/* void arch_switch_prepare(ctx, top, entry, a, b): %rdi ctx, %rsi top, %rdx entry, %rcx a, %r8 b */
FUNCTION(arch_switch_prepare)
	and	$-16, %rsi
	/* [top - 24] switch_first for arch_switch's ret, which leaves rsp at top - 16: aligned */
	lea	-24(%rsi), %rax
	lea	switch_first(%rip), %r9
	mov	%r9, (%rax)
	movq	$0, 8(%rax)
	movq	$0, 16(%rax)
	mov	%rax, SWITCH_RSP(%rdi)
	movq	$0, SWITCH_RBX(%rdi)
	movq	$0, SWITCH_RBP(%rdi)	/* the end of the frame-pointer chain */
	mov	%rdx, SWITCH_R12(%rdi)
	mov	%rcx, SWITCH_R13(%rdi)
	mov	%r8, SWITCH_R14(%rdi)
	movq	$0, SWITCH_R15(%rdi)
	ret
END(arch_switch_prepare)

	.section .note.GNU-stack, "", @progbits
