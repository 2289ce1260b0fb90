/* SPDX-License-Identifier: MIT */
/* Entry stubs for the 32 exception vectors: save every register, call trap_dispatch, return. */
#include <arch/asm.h>
#include <arch/idt.h>

	.text
	.code64

/*
 * trap_stub vector: the CPU pushed ss, rsp, rflags, cs, rip and, for some vectors, an error
 * code. Push a 0 where it did not, so every frame has the same shape, then the vector number.
 */
.macro trap_stub vector
	.p2align 3
LOCAL_FUNCTION(trap_stub_\vector)
	.if !(\vector == 8 || (\vector >= 10 && \vector <= 14) || \vector == 17 || \vector == 21 || \vector == 29 || \vector == 30)
	push	$0
	.endif
	push	$\vector
	jmp	trap_common
END(trap_stub_\vector)
.endm

	.irp	v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	trap_stub \v
	.endr

/*
 * Save the general registers as struct trap_frame (arch/trap.h) and call trap_dispatch(frame).
 * The CPU aligned the stack to 16 bytes before its pushes; 22 more quadwords keep it aligned for
 * the call, as the ABI wants.
 */
LOCAL_FUNCTION(trap_common)
	cld				/* the ABI expects the direction flag clear in C code */
	push	%rax
	push	%rbx
	push	%rcx
	push	%rdx
	push	%rsi
	push	%rdi
	push	%rbp
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	mov	%rsp, %rdi
	call	trap_dispatch
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rbp
	pop	%rdi
	pop	%rsi
	pop	%rdx
	pop	%rcx
	pop	%rbx
	pop	%rax
	add	$16, %rsp		/* vector and error code */
	iretq
END(trap_common)

/* Addresses of the stubs, indexed by vector, for idt.c. */
	.section .rodata
	.p2align 3
	.globl	trap_stubs
trap_stubs:
	.irp	v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad	trap_stub_\v
	.endr

	.section .note.GNU-stack, "", @progbits
