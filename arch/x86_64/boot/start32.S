/* SPDX-License-Identifier: MIT */
/* 32-bit entry: check the loader and the CPU, then switch to 64-bit long mode. */
#include <arch/asm.h>
#include <arch/memlayout.h>
#include <arch/multiboot2.h>
#include <arch/processor.h>
#include <arch/pvh.h>
#include <arch/segment.h>

	.section .boot.text32, "ax"
	.code32

/*
 * A Multiboot2 loader enters here in 32-bit protected mode with paging and interrupts off,
 * EAX = its magic and EBX = physical address of its boot information; the PVH entry joins here
 * the same way. Neither gives us a usable stack or GDT.
 * The routines below keep EDI (magic) and ESI (boot information) intact for kmain.
 */
FUNCTION(_start)
	cli
	cld
	mov	$boot_stack_top, %esp
	mov	%eax, %edi
	mov	%ebx, %esi

	call	check_loader
	call	check_cpuid
	call	check_long_mode
	call	build_page_tables
	call	enable_long_mode

	/* Load our GDT (gdt_pointer holds its physical address until higher_half rebases it; paging
	 * maps it 1:1 here) and enter 64-bit code. */
	lgdt	gdt_pointer - KERNEL_VMA
	ljmp	$SELECTOR_KERNEL_CODE, $start64
END(_start)

/* The magic says which boot information EBX points to; anything else we cannot read. */
LOCAL_FUNCTION(check_loader)
	cmp	$MB2_BOOTLOADER_MAGIC, %edi
	je	1f
	cmp	$PVH_START_MAGIC, %edi
	jne	.Lno_loader
1:	ret
.Lno_loader:
	mov	$msg_no_loader, %eax
	jmp	boot_fail
END(check_loader)

/* CPUID exists if software can flip EFLAGS.ID; 486 and older CPUs keep it fixed. */
LOCAL_FUNCTION(check_cpuid)
	pushfl
	pop	%eax
	mov	%eax, %ecx
	xor	$EFLAGS_ID, %eax
	push	%eax
	popfl
	pushfl
	pop	%eax
	push	%ecx			/* restore the flags we found */
	popfl
	cmp	%eax, %ecx
	je	.Lno_cpuid
	ret
.Lno_cpuid:
	mov	$msg_no_cpuid, %eax
	jmp	boot_fail
END(check_cpuid)

/* Long mode is reported in extended leaf 0x80000001, which older CPUs do not have at all. */
LOCAL_FUNCTION(check_long_mode)
	mov	$CPUID_EXT_MAX_LEAF, %eax
	cpuid
	cmp	$CPUID_EXT_FEATURES, %eax
	jb	.Lno_long_mode
	mov	$CPUID_EXT_FEATURES, %eax
	cpuid
	test	$CPUID_EXT_EDX_LM, %edx
	jz	.Lno_long_mode
	ret
.Lno_long_mode:
	mov	$msg_no_long_mode, %eax
	jmp	boot_fail
END(check_long_mode)

	.section .boot.rodata, "a"
msg_no_loader:
	.asciz	"cyan: boot failed: not started by Multiboot2 or PVH; boot cyan.iso with GRUB"
msg_no_cpuid:
	.asciz	"cyan: boot failed: no CPUID instruction on this CPU; cyan needs an x86_64 CPU"
msg_no_long_mode:
	.asciz	"cyan: boot failed: no 64-bit long mode on this CPU; cyan needs an x86_64 CPU"

/*
 * The one GDT pointer (lgdt's operand: limit, then base). It starts with the GDT's physical
 * address, the only one the 32-bit code can use (a 32-bit lgdt reads the low half of the base);
 * start64.S rebases it to the virtual address once the kernel runs in the higher half, and every
 * later lgdt (other CPUs too) uses it as it is then.
 */
	.data
	.p2align 3
	.globl	gdt_pointer
gdt_pointer:
	.short	GDT_ENTRIES * 8 - 1
	.quad	gdt - KERNEL_VMA

	.section .boot.bss, "aw", @nobits
	.p2align 4
boot_stack:
	.skip	BOOT_STACK_SIZE
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
