/* SPDX-License-Identifier: MIT */
/* kmain of the scheduler's test and benchmark kernels: the product kernel's start-up through the
 * tick and the clock, the boot context made CPU 0's first thread, then the test runner in it. */
#include "kernel.h"
#include "runner.h"
#include "sched/sched.h"

noreturn void kmain(uint32_t magic, uint64_t boot_info_phys)
{
    const struct boot_info *info = kernel_init(magic, boot_info_phys);

    kernel_init_interrupts(info);
    sched_init("ktest");
    ktest_run_all(info);
}
