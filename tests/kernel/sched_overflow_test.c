/* SPDX-License-Identifier: MIT */
/* A thread that overflows its stack: the double fault's report names it. Last in its kernel: the
 * runner resumes on its own stack afterwards, the scheduler still thinking the thread runs. */
#include "ktest.h"
#include "sched/thread.h"

static unsigned recurse(unsigned depth);
/* through a pointer: the compiler neither warns about nor flattens the endless recursion */
static unsigned (*volatile again)(unsigned depth) = recurse;

static unsigned recurse(unsigned depth)
{
    volatile char frame[256]; /* a big frame: the guard page comes quickly */

    frame[0] = (char)depth;
    return again(depth + 1) + (unsigned)frame[0];
}

static long overflow(void *arg)
{
    (void)arg;
    return recurse(0);
}

KTEST_SHOULD_PANIC(a_thread_stack_overflow_is_reported_naming_the_thread,
                   "double fault*stack overflow*guard page below the thread 'overflow'")
{
    struct thread *t = thread_create_on(overflow, NULL, "overflow", 0);

    KT_ASSERT(t);
    thread_join(t);
}
