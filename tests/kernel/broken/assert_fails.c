/* SPDX-License-Identifier: MIT */
/* Harness self-test: a kernel whose only test fails an assertion. The runner must report it. */
#include "ktest.h"

KTEST(deliberately_failing_assertion)
{
    KT_ASSERT_EQ(2, 1 + 2);
}
