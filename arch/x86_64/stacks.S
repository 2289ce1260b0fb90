/* SPDX-License-Identifier: MIT */
/* The kernel's stacks, each above a guard page: running off the bottom faults instead of corrupting. */
#include <arch/memlayout.h>
#include <arch/paging.h>
#include <arch/stacks.h>

/* guarded_stack name, size: a guard page, then the stack (name .. name_top) */
.macro guarded_stack name, size
	.globl	\name\()_guard, \name, \name\()_top
\name\()_guard:
	.skip	PAGE_SIZE
\name:
	.skip	\size
\name\()_top:
.endm

	.section .bss.stacks, "aw", @nobits
	.p2align 12
	guarded_stack kernel_stack, KERNEL_STACK_SIZE	/* kmain and everything it calls */
	guarded_stack df_stack, IST_STACK_SIZE		/* double faults: a stack overflow ends here */
	guarded_stack nmi_stack, IST_STACK_SIZE		/* NMIs can arrive anywhere, even mid-switch */
	guarded_stack mc_stack, IST_STACK_SIZE		/* machine checks, same reason */

	.section .note.GNU-stack, "", @progbits
