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

	/* end of the tag list: type 0, flags 0, size 8 */
	.p2align 3
	.short	MB2_HEADER_TAG_END
	.short	0
	.long	8
mb2_header_end:

	.section .note.GNU-stack, "", @progbits
