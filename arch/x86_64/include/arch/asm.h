/* SPDX-License-Identifier: MIT */
/*
 * Assembly function markers: give each routine an ELF type and size, so crash reports, gdb and
 * objdump know where it starts and ends.
 */
#ifndef ARCH_ASM_H
#define ARCH_ASM_H

#ifdef __ASSEMBLER__
/* clang-format off */
#define FUNCTION(name)       .globl name; .type name, @function; name:
#define LOCAL_FUNCTION(name) .type name, @function; name:
#define END(name)            .size name, . - name
/* clang-format on */
#endif

#endif
