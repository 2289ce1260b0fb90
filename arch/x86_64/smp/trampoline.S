/* SPDX-License-Identifier: MIT */
/*
 * The AP start-up trampoline, from real mode to long mode (Intel SDM vol. 3A 8.4.4.1, 9.9.1,
 * 9.8.5). Kept in .rodata and copied below 1 MiB by trampoline_install; it runs only there, so
 * every address in it is an offset from its own start, which the CPU's CS gives.
 */
#include <arch/asm.h>
#include <arch/bits.h>
#include <arch/paging.h>
#include <arch/processor.h>
#include <arch/segment.h>
#include <arch/trampoline.h>

#define REL(sym) ((sym) - trampoline_start)
#define PARAM(f) (TRAMPOLINE_PARAMS + (f))

/* Present, non-system, accessed descriptors; flat 32-bit ones cover all 4 GiB (limit 0xfffff). */
#define DESC_LIMIT_FLAT (DESC_LIMIT_LOW_MASK | (0xf << DESC_LIMIT_HIGH_SHIFT))
#define SEG_BASE   (BIT(DESC_PRESENT_BIT) | BIT(DESC_S_BIT) | BIT(DESC_RW_BIT) | BIT(DESC_ACCESSED_BIT))
#define SEG_FLAT32 (DESC_LIMIT_FLAT | BIT(DESC_GRAN_BIT) | BIT(DESC_DB_BIT))
#define SEG_CODE64 (SEG_BASE | BIT(DESC_EXEC_BIT) | BIT(DESC_LONG_BIT))
#define SEG_DATA   (SEG_BASE | SEG_FLAT32)
#define SEG_CODE32 (SEG_BASE | SEG_FLAT32 | BIT(DESC_EXEC_BIT))

	.section .rodata.trampoline, "a"
	.p2align 12
	.globl	trampoline_start, trampoline_end
	.code16
/*
 * A STARTUP IPI with vector V starts the CPU in real mode at CS = V << 8, IP = 0, interrupts
 * off. CS * 16 is where this page lies: kept in EBP, the base of everything below.
 */
trampoline_start:
	cli
	cld
	mov	%cs, %ax
	mov	%ax, %ds
	movzwl	%ax, %ebp
	shl	$4, %ebp
	/* The linear addresses the GDT pointer and the far jumps need, known only now */
	leal	REL(gdt)(%ebp), %eax
	movl	%eax, PARAM(TP_GDTR) + 2
	leal	REL(start32)(%ebp), %eax
	movl	%eax, PARAM(TP_JUMP32)
	leal	REL(start64)(%ebp), %eax
	movl	%eax, PARAM(TP_JUMP64)
	lgdtl	PARAM(TP_GDTR)
	mov	%cr0, %eax
	or	$CR0_PE, %eax
	mov	%eax, %cr0
	ljmpl	*PARAM(TP_JUMP32)

	.code32
/* Protected mode, flat segments: enable PAE, load the trampoline's tables, set EFER.LME (and
 * NXE, which the kernel's tables need), then paging on: long mode, compatibility submode. */
start32:
	mov	$SELECTOR_KERNEL_DATA, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	mov	PARAM(TP_CR4)(%ebp), %eax
	mov	%eax, %cr4
	mov	PARAM(TP_CR3)(%ebp), %eax
	mov	%eax, %cr3
	mov	$MSR_EFER, %ecx
	rdmsr
	or	PARAM(TP_EFER)(%ebp), %eax
	wrmsr
	mov	PARAM(TP_CR0)(%ebp), %eax
	mov	%eax, %cr0
	ljmpl	*PARAM(TP_JUMP64)(%ebp)

	.code64
/* 64-bit mode, still on this page's identity mapping: call the entry in the kernel's upper half,
 * which the trampoline's PML4 shares. A call, not a jump, so the entry sees the stack aligned
 * as after any call; it never returns. */
start64:
	mov	%ebp, %ebp		/* upper halves are undefined after the switch: zero-extend */
	mov	PARAM(TP_STACK)(%rbp), %rsp
	mov	PARAM(TP_ARG)(%rbp), %rdi
	mov	PARAM(TP_ENTRY)(%rbp), %rax
	xor	%ebp, %ebp		/* the end of the frame-pointer chain */
	call	*%rax
1:	cli
	hlt
	jmp	1b

	.p2align 3
/* Null, then 64-bit code and data where the kernel's GDT has them, then the 32-bit code. */
gdt:
	.quad	0
	.quad	SEG_CODE64		/* SELECTOR_KERNEL_CODE */
	.quad	SEG_DATA		/* SELECTOR_KERNEL_DATA */
	.quad	SEG_CODE32		/* TRAMPOLINE_CODE32 */
gdt_end:
trampoline_end:

	.section .note.GNU-stack, "", @progbits
