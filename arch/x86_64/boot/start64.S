/* SPDX-License-Identifier: MIT */
/* 64-bit entry: reload segments, move to the higher half, switch to the kernel stack, call kmain. */
#include <arch/asm.h>
#include <arch/memlayout.h>
#include <arch/segment.h>

	.section .boot.text64, "ax"
	.code64

/*
 * The far jump from 32-bit code lands here, still at a physical address. Data segment registers
 * still hold the loader's selectors: load ours, then jump to the kernel's linked (virtual) address.
 */
FUNCTION(start64)
	mov	$SELECTOR_KERNEL_DATA, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	xor	%eax, %eax
	mov	%eax, %fs
	mov	%eax, %gs
	movabs	$higher_half, %rax
	jmp	*%rax
END(start64)

	.text
/*
 * The bottom of every kernel backtrace. The unwind note says "no caller" (return address
 * undefined) so debuggers stop here; it goes to .debug_frame, which is kept, not .eh_frame.
 */
	.cfi_sections .debug_frame
LOCAL_FUNCTION(higher_half)
	.cfi_startproc
	.cfi_undefined rip
	/* The GDT was loaded by physical address; rebase the pointer to the GDT's higher-half
	 * address and load it again, before the boot identity map goes away. */
	movabs	$KERNEL_VMA, %rax
	add	%rax, gdt_pointer + GDT_POINTER_BASE(%rip)
	lgdt	gdt_pointer(%rip)
	mov	$kernel_stack_top, %rsp
	xor	%ebp, %ebp		/* end of the frame-pointer chain for backtraces */

	/* The loader's magic and boot information, zero-extended: the upper halves of registers are
	 * undefined after the mode switch. Kept in callee-saved registers across the next call. */
	mov	%edi, %ebx
	mov	%esi, %r12d

	/* The stack protector's canary, before any protected C function has a frame. */
	call	stack_guard_init

	/* kmain(magic, boot_info) */
	mov	%ebx, %edi
	mov	%r12, %rsi
	call	kmain
	/* kmain does not return; stop here if it ever does */
1:	cli
	hlt
	jmp	1b
	.cfi_endproc
END(higher_half)

	.section .note.GNU-stack, "", @progbits
