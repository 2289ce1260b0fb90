/* SPDX-License-Identifier: MIT */
/* arch_setjmp / arch_longjmp: save and restore the callee-saved registers, stack and return address. */

#include <arch/asm.h>
#include <arch/setjmp.h>

	.text
	.code64

/* int arch_setjmp(struct jmp_context *ctx): %rdi = ctx, fields in the order of struct jmp_context */
FUNCTION(arch_setjmp)
	mov	%rbx, JMP_RBX(%rdi)
	mov	%rbp, JMP_RBP(%rdi)
	mov	%r12, JMP_R12(%rdi)
	mov	%r13, JMP_R13(%rdi)
	mov	%r14, JMP_R14(%rdi)
	mov	%r15, JMP_R15(%rdi)
	lea	8(%rsp), %rax		/* the caller's stack pointer, after our return */
	mov	%rax, JMP_RSP(%rdi)
	mov	(%rsp), %rax		/* our return address */
	mov	%rax, JMP_RIP(%rdi)
	xor	%eax, %eax
	ret
END(arch_setjmp)

/* noreturn void arch_longjmp(const struct jmp_context *ctx, int value): value 0 becomes 1 */
FUNCTION(arch_longjmp)
	mov	JMP_RBX(%rdi), %rbx
	mov	JMP_RBP(%rdi), %rbp
	mov	JMP_R12(%rdi), %r12
	mov	JMP_R13(%rdi), %r13
	mov	JMP_R14(%rdi), %r14
	mov	JMP_R15(%rdi), %r15
	mov	JMP_RSP(%rdi), %rsp
	mov	%esi, %eax
	test	%eax, %eax
	jnz	1f
	inc	%eax
1:	jmp	*JMP_RIP(%rdi)
END(arch_longjmp)

	.section .note.GNU-stack, "", @progbits
