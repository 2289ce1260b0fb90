/* SPDX-License-Identifier: MIT */
/* Entry of the in-kernel test runner. */
#ifndef CYAN_KTEST_RUNNER_H
#define CYAN_KTEST_RUNNER_H

#include "boot_info.h"

#include <stdnoreturn.h>

/* Run every registered test (or only the one named by "ktest.only=" on the command line; not
 * the one named by "ktest.skip="). */
noreturn void ktest_run_all(const struct boot_info *boot_info);

#endif
