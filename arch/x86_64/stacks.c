/* SPDX-License-Identifier: MIT */
/* The table of kernel stacks (defined in stacks.S): who uses them and where their guard pages are.
 */
#include <arch/stacks.h>

const struct stack_area kernel_stacks[] = {
    {"kernel stack", kernel_stack_guard, kernel_stack, kernel_stack_top},
    {"double-fault stack", df_stack_guard, df_stack, df_stack_top},
    {"NMI stack", nmi_stack_guard, nmi_stack, nmi_stack_top},
    {"machine-check stack", mc_stack_guard, mc_stack, mc_stack_top},
};
const unsigned kernel_stack_count = sizeof(kernel_stacks) / sizeof(kernel_stacks[0]);
