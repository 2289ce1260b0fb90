/* SPDX-License-Identifier: MIT */
/* The kernel's stacks (arch/x86_64/stacks.S): each sits above a guard page that stays unmapped. */
#ifndef ARCH_STACKS_H
#define ARCH_STACKS_H

#define IST_STACK_SIZE 0x2000 /* 8 KiB: enough for the trap report and panic screen */

#ifndef __ASSEMBLER__
#include <arch/memlayout.h>

/* For each stack: the guard page below it, its lowest byte and one past its top. */
extern char kernel_stack_guard[], kernel_stack[], kernel_stack_top[];
extern char df_stack_guard[], df_stack[], df_stack_top[];
extern char nmi_stack_guard[], nmi_stack[], nmi_stack_top[];
extern char mc_stack_guard[], mc_stack[], mc_stack_top[];

struct stack_area {
    const char *name;
    char *guard; /* PAGE_SIZE bytes, unmapped once the kernel's page tables are loaded */
    char *bottom;
    char *top;
};

/* All kernel stacks, for setting up the TSS and page tables and for naming a guard-page fault. */
extern const struct stack_area kernel_stacks[];
extern const unsigned kernel_stack_count;
#endif

#endif
