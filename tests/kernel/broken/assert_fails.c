/* SPDX-License-Identifier: MIT */
/* Harness self-test: a kernel whose tests each fail one assertion macro. The runner must report
 * every one of them, with the macro's own diagnostic. */
#include "ktest.h"

static volatile int three = 3; /* volatile: the compiler cannot decide the assertions itself */

KTEST(deliberately_failing_assertion)
{
    KT_ASSERT_EQ(2, 1 + 2);
}

KTEST(deliberately_failing_kt_assert)
{
    KT_ASSERT(three == 2);
}

KTEST(deliberately_failing_kt_assert_streq)
{
    KT_ASSERT_STREQ("expected text", three == 3 ? "actual text" : "expected text");
}
