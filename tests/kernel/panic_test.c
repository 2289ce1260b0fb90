/* SPDX-License-Identifier: MIT */
/* panic and kassert end in panic with the message that says where and why. */
#include "ktest.h"
#include "panic.h"

KTEST_SHOULD_PANIC(panic_formats_its_message, "panic_test: value 42 of 0x2a")
{
    panic("panic_test: value %d of 0x%x", 42, 42);
}

KTEST_SHOULD_PANIC(kassert_failure_names_the_expression, "assertion failed: 1 + 1 == 3")
{
    kassert(1 + 1 == 3);
}

KTEST(kassert_success_does_not_panic)
{
    kassert(1 + 1 == 2);
}
