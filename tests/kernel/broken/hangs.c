/* SPDX-License-Identifier: MIT */
/* Harness self-test: a kernel whose only test never ends. The runner must time out and say so. */
#include "ktest.h"

#include <arch/cpu.h>

KTEST(deliberately_hangs)
{
    for (;;)
        cpu_relax();
}
