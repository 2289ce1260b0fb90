/* SPDX-License-Identifier: MIT */
/* Multiboot2 constants (Multiboot2 specification 1.0, sections 3.1 and 3.6). */
#ifndef ARCH_MULTIBOOT2_H
#define ARCH_MULTIBOOT2_H

/* Header the kernel carries in its first 32 KiB. */
#define MB2_HEADER_MAGIC   0xe85250d6 /* identifies the header */
#define MB2_ARCH_I386      0          /* enter in 32-bit protected mode */
#define MB2_HEADER_TAG_END 0          /* terminates the header's tag list */
#define MB2_HEADER_ALIGN   8          /* header and every tag are 8-byte aligned */
#define MB2_HEADER_SEARCH  32768      /* loaders look for the header in the first 32 KiB */

/* Value the loader leaves in EAX when it jumps to the kernel. */
#define MB2_BOOTLOADER_MAGIC 0x36d76289

#endif
