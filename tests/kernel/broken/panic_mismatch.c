/* SPDX-License-Identifier: MIT */
/* Harness self-test: should-panic tests whose panic does not match their pattern, or that do not
 * panic at all. The runner must fail each one. */
#include "ktest.h"
#include "panic.h"

/* Both parts occur, but in the wrong order. */
KTEST_SHOULD_PANIC(panics_with_parts_out_of_order, "second part*first part")
{
    panic("first part, then second part");
}

/* A different message altogether. */
KTEST_SHOULD_PANIC(panics_with_another_message, "the expected message")
{
    panic("some other message");
}

/* Only a prefix of the pattern occurs. */
KTEST_SHOULD_PANIC(panics_with_part_of_the_message, "page fault*cr2 0x1000")
{
    panic("page fault (#PF, vector 14) at 0x0, cr2 0x10");
}

KTEST_SHOULD_PANIC(returns_without_panicking, "never printed")
{
}
