/* SPDX-License-Identifier: MIT */
/* kmain of the test kernels: the product kernel's start-up, then the test runner instead of the
 * greeting. */
#include "kernel.h"
#include "runner.h"

noreturn void kmain(uint32_t magic, uint64_t boot_info_phys)
{
    ktest_run_all(kernel_init(magic, boot_info_phys));
}
