/* SPDX-License-Identifier: MIT */
/* Harness self-test: a kernel whose only test triple-faults. The runner must not call that a pass.
 */
#include "ktest.h"

#include <arch/cpu.h>

KTEST(deliberately_triple_faults)
{
    cpu_triple_fault();
}
