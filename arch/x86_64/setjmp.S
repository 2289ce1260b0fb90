/* SPDX-License-Identifier: MIT */
/* arch_setjmp / arch_longjmp: save and restore the callee-saved registers, stack and return address. */

#include <arch/asm.h>

	.text
	.code64

/* int arch_setjmp(struct jmp_context *ctx): %rdi = ctx, fields in the order of struct jmp_context */
FUNCTION(arch_setjmp)
	mov	%rbx, 0(%rdi)
	mov	%rbp, 8(%rdi)
	mov	%r12, 16(%rdi)
	mov	%r13, 24(%rdi)
	mov	%r14, 32(%rdi)
	mov	%r15, 40(%rdi)
	lea	8(%rsp), %rax		/* the caller's stack pointer, after our return */
	mov	%rax, 48(%rdi)
	mov	(%rsp), %rax		/* our return address */
	mov	%rax, 56(%rdi)
	xor	%eax, %eax
	ret
END(arch_setjmp)

/* noreturn void arch_longjmp(const struct jmp_context *ctx, int value): value 0 becomes 1 */
FUNCTION(arch_longjmp)
	mov	0(%rdi), %rbx
	mov	8(%rdi), %rbp
	mov	16(%rdi), %r12
	mov	24(%rdi), %r13
	mov	32(%rdi), %r14
	mov	40(%rdi), %r15
	mov	48(%rdi), %rsp
	mov	%esi, %eax
	test	%eax, %eax
	jnz	1f
	inc	%eax
1:	jmp	*56(%rdi)
END(arch_longjmp)

	.section .note.GNU-stack, "", @progbits
