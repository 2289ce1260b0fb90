/* SPDX-License-Identifier: MIT */
/* The Multiboot2 header: tells GRUB this ELF is a Multiboot2 kernel to start in 32-bit mode. */
#include <arch/multiboot2.h>

	.section .multiboot2, "a"
	.p2align 3
	.globl	mb2_header
mb2_header:
	.long	MB2_HEADER_MAGIC
	.long	MB2_ARCH_I386
	.long	mb2_header_end - mb2_header
	/* the four fields above must add up to 0 modulo 2^32 */
	.long	(1 << 32) - (MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))

	/*
	 * Framebuffer request, optional, no preferred size or depth. Under UEFI there is no text
	 * mode, so GRUB hands over the firmware's linear framebuffer; under BIOS grub.cfg keeps the
	 * VGA text mode (gfxpayload=text). Either way the boot information says which it is.
	 */
	.p2align 3
	.short	MB2_HEADER_TAG_FRAMEBUFFER
	.short	MB2_HEADER_TAG_OPTIONAL
	.long	20			/* tag size */
	.long	0			/* width: no preference */
	.long	0			/* height: no preference */
	.long	0			/* depth: no preference */

	/* end of the tag list: type 0, flags 0, size 8 */
	.p2align 3
	.short	MB2_HEADER_TAG_END
	.short	0
	.long	8
mb2_header_end:

	.section .note.GNU-stack, "", @progbits
