/* SPDX-License-Identifier: MIT */
/* Entry stubs for all 256 vectors: save every register, call trap_dispatch, return. */
#include <arch/asm.h>
#include <arch/idt.h>
#include <arch/trap.h>

#define STUB_ALIGN 4 /* 16-byte stubs: two pushes and a jump fit in 15 bytes */

	.text
	.code64

/*
 * One stub per vector, made in order by the .rept below; each appends its address to trap_stubs.
 * The CPU pushed ss, rsp, rflags, cs, rip and, for the vectors in EXCEPTION_ERROR_CODE_MASK, an
 * error code. Push a 0 where it did not, so every frame has the same shape, then the vector.
 */
.macro trap_stub
	.p2align STUB_ALIGN
1:
	.if vector >= EXCEPTION_VECTORS
	push	$0
	.elseif ((EXCEPTION_ERROR_CODE_MASK >> vector) & 1) == 0
	push	$0
	.endif
	push	$vector
	jmp	trap_common
	.pushsection .rodata
	.quad	1b
	.popsection
	.set	vector, vector + 1
.endm

	.section .rodata
	.p2align 3
	.globl	trap_stubs
trap_stubs:				/* indexed by vector, for idt.c */
	.text
LOCAL_FUNCTION(trap_stub_table)
	.set	vector, 0
	.rept	IDT_VECTORS
	trap_stub
	.endr
END(trap_stub_table)

/*
 * Save the general registers as struct trap_frame (arch/trap.h) and call trap_dispatch(frame).
 * The CPU aligned the stack to 16 bytes before its pushes; TRAP_FRAME_SIZE (a multiple of 16,
 * checked in trap.h) keeps it aligned for the call, as the ABI wants.
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
	add	$(TRAP_FRAME_RIP - TRAP_FRAME_VECTOR), %rsp	/* vector and error code */
	iretq
END(trap_common)

	.section .note.GNU-stack, "", @progbits
