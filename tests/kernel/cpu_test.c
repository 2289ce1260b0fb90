/* SPDX-License-Identifier: MIT */
/* CPU state left by the boot code: long mode, paging, segments, stack, higher half. */
#include "kernel.h"
#include "ktest.h"

#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <arch/processor.h>
#include <arch/segment.h>
#include <arch/stacks.h>

KTEST(cpu_is_in_long_mode_with_paging)
{
    uint64_t efer = cpu_rdmsr(MSR_EFER);

    KT_ASSERT(efer & EFER_LME);
    KT_ASSERT(efer & EFER_LMA);
    KT_ASSERT(cpu_read_cr0() & CR0_PG);
    KT_ASSERT(cpu_read_cr0() & CR0_WP);
    KT_ASSERT(cpu_read_cr4() & CR4_PAE);
}

KTEST(segments_are_the_kernel_selectors)
{
    KT_ASSERT_EQ(SELECTOR_KERNEL_CODE, cpu_read_cs());
    KT_ASSERT_EQ(SELECTOR_KERNEL_DATA, cpu_read_ss());
}

KTEST(kernel_runs_in_the_higher_half_on_its_stack)
{
    char local;
    uintptr_t sp = (uintptr_t)&local;

    KT_ASSERT((uintptr_t)kmain >= KERNEL_VMA);
    KT_ASSERT(sp > (uintptr_t)kernel_stack);
    KT_ASSERT(sp < (uintptr_t)kernel_stack + KERNEL_STACK_SIZE);
}

KTEST(direct_map_and_kernel_window_alias_the_same_memory)
{
    static volatile uint64_t probe;
    volatile uint64_t *alias = phys_to_virt((uintptr_t)&probe - KERNEL_VMA);

    probe = 0x1234567890abcdefULL;
    KT_ASSERT_EQ(0x1234567890abcdefULL, *alias);
    *alias = 42;
    KT_ASSERT_EQ(42, probe);
}
