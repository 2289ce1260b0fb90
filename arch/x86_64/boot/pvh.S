/* SPDX-License-Identifier: MIT */
/* PVH entry: lets QEMU -kernel (and Xen) start the kernel ELF directly, without GRUB. */
#include <arch/asm.h>
#include <arch/pvh.h>

/*
 * The note names the 32-bit physical entry point. QEMU reads its value as a 64-bit word on
 * 64-bit ELF files, and finds the value after the 4-byte-aligned name: keep both as they are.
 */
	.section .note.Xen, "a", @note
	.p2align 2
	.long	2f - 1f			/* name size */
	.long	4f - 3f			/* descriptor size */
	.long	XEN_ELFNOTE_PHYS32_ENTRY
1:	.asciz	"Xen"
2:	.p2align 2
3:	.quad	_start_pvh
4:	.p2align 2

	.section .boot.text32, "ax"
	.code32

/*
 * Entered like a Multiboot2 kernel (32-bit protected mode, paging off) but with the start info
 * in EBX and no magic in EAX. Only a PVH loader enters here (the note above names this entry),
 * so say PVH in EAX and join the common path; the C parser checks the start info's own magic,
 * and a wrong one then reads as a damaged start info, not as a loader cyan does not know.
 */
FUNCTION(_start_pvh)
	mov	$PVH_START_MAGIC, %eax
	jmp	_start
END(_start_pvh)

	.section .note.GNU-stack, "", @progbits
