/* SPDX-License-Identifier: MIT */
/* CPU exceptions: a breakpoint resumes; every fault ends in a report naming it, never a reset. */
#include "exception.h"
#include "ktest.h"

#include <arch/cpu.h>
#include <arch/trap.h>

KTEST(int3_is_reported_and_execution_resumes)
{
    unsigned long before = breakpoint_count();

    cpu_breakpoint();
    cpu_breakpoint();
    KT_ASSERT_EQ(before + 2, breakpoint_count());
}

KTEST_SHOULD_PANIC(divide_by_zero_is_reported,
                   "divide error (#DE, vector 0) at *<divide_by_zero_is_reported+0x")
{
    /* both volatile, or GCC rewrites the division without a div instruction */
    volatile int dividend = 1, zero = 0;
    volatile int quotient = dividend / zero;
    (void)quotient;
}

KTEST_SHOULD_PANIC(invalid_opcode_is_reported, "invalid opcode (#UD, vector 6)")
{
    __builtin_trap(); /* ud2 */
}

KTEST_SHOULD_PANIC(non_canonical_address_is_general_protection,
                   "general protection (#GP, vector 13)*: error 0x0")
{
    /* bits 48-63 must copy bit 47; an address that breaks the rule faults with #GP, not #PF */
    *(volatile uint64_t *)0x8000000000000000ULL = 1;
}

KTEST_SHOULD_PANIC(unmapped_read_is_a_page_fault_with_cr2_and_error_code,
                   "page fault (#PF, vector 14)*: cr2 0x000000000dead000, error 0x0 "
                   "(not present, read, kernel, data)")
{
    (void)*(volatile uint64_t *)0xdead000;
}

KTEST_SHOULD_PANIC(unmapped_write_is_a_page_fault_with_the_write_bit,
                   "page fault (#PF, vector 14)*: cr2 0x000000000dead008, error 0x2 "
                   "(not present, write, kernel, data)")
{
    *(volatile uint64_t *)0xdead008 = 1;
}

static volatile unsigned recursion_limit = ~0u; /* volatile: the recursion must look finite */

static unsigned recurse(unsigned depth)
{
    volatile char frame[256]; /* about 300 bytes a call: 16 KiB last some 55 calls */

    frame[0] = (char)depth;
    if (depth == recursion_limit)
        return 0;
    return recurse(depth + 1) + (unsigned)frame[0]; /* not a tail call: every frame stays */
}

KTEST_SHOULD_PANIC(stack_overflow_is_a_double_fault_on_its_own_stack,
                   "double fault (#DF, vector 8)*: stack overflow, cr2 0x*"
                   " is in the guard page below the kernel stack")
{
    recurse(0);
}
