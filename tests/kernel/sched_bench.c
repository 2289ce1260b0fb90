/* SPDX-License-Identifier: MIT */
/*
 * The scheduler's benchmark (figures only, no assertions on time): context switches between two
 * threads on one CPU, and a wake-up ping-pong through semaphores on one CPU and across two,
 * each beside a plain call loop measured in the same run, since absolute times under an
 * emulator mean little.
 */
#include "ktest.h"
#include "sched/semaphore.h"
#include "sched/thread.h"
#include "smp/cpu.h"
#include "time/clock.h"

#include <arch/idt.h>
#include <arch/trap.h>

#define CALLS       2000000
#define YIELDS      100000 /* per thread */
#define ROUND_TRIPS 5000
#define NS_PER_SEC  1000000000ull
#define PS_PER_NS   1000

static uint64_t call_ps; /* the baseline: one call, in picoseconds */

static void nothing(void)
{
}

/* The baseline: an indirect call the compiler cannot remove, and back. */
static void (*volatile plain)(void) = nothing;

static void report(const char *what, unsigned long count, uint64_t ns)
{
    uint64_t ps_each = ns * PS_PER_NS / count;

    ktest_note("%-42s %8lu in %5lu ms: %9lu per second, %7lu ns each, %6lu calls' time", what,
               count, (unsigned long)(ns / 1000000), (unsigned long)(count * NS_PER_SEC / ns),
               (unsigned long)(ps_each / PS_PER_NS),
               (unsigned long)(call_ps ? ps_each / call_ps : 0));
}

KTEST(bench_a_plain_call_loop)
{
    uint64_t t0 = clock_ns();

    for (unsigned i = 0; i < CALLS; i++)
        plain();
    uint64_t ns = clock_ns() - t0;
    call_ps = ns * PS_PER_NS / CALLS;
    report("baseline: plain calls", CALLS, ns);
}

static long yielder(void *arg)
{
    (void)arg;
    for (unsigned i = 0; i < YIELDS; i++)
        thread_yield();
    return 0;
}

KTEST(bench_context_switches_between_two_threads_on_one_cpu)
{
    uint64_t t0 = clock_ns();
    struct thread *a = thread_create_on(yielder, NULL, "yield a", 0);
    struct thread *b = thread_create_on(yielder, NULL, "yield b", 0);

    KT_ASSERT(a && b);
    thread_join(a);
    thread_join(b);
    report("context switches (thread_yield), one CPU", 2 * YIELDS, clock_ns() - t0);
}

static struct semaphore ping, pong;

static long pinger(void *arg)
{
    (void)arg;
    for (unsigned i = 0; i < ROUND_TRIPS; i++) {
        semaphore_up(&ping);
        semaphore_down(&pong);
    }
    return 0;
}

static long ponger(void *arg)
{
    (void)arg;
    for (unsigned i = 0; i < ROUND_TRIPS; i++) {
        semaphore_down(&ping);
        semaphore_up(&pong);
    }
    return 0;
}

static void ping_pong(const char *what, unsigned cpu_a, unsigned cpu_b)
{
    semaphore_init(&ping, "ping", 0);
    semaphore_init(&pong, "pong", 0);
    unsigned long ipis = trap_count(VECTOR_IPI_RESCHEDULE);
    uint64_t t0 = clock_ns();
    struct thread *b = thread_create_on(ponger, NULL, "ponger", cpu_b);
    struct thread *a = thread_create_on(pinger, NULL, "pinger", cpu_a);

    KT_ASSERT(a && b);
    thread_join(a);
    thread_join(b);
    report(what, ROUND_TRIPS, clock_ns() - t0);
    ktest_note("  %lu reschedule IPIs taken meanwhile",
               (unsigned long)(trap_count(VECTOR_IPI_RESCHEDULE) - ipis));
}

KTEST(bench_wake_up_ping_pong_on_one_cpu)
{
    ping_pong("ping-pong round trips (semaphores), one CPU", 0, 0);
}

KTEST(bench_wake_up_ping_pong_across_two_cpus)
{
    if (cpu_count() < 2)
        KT_SKIP("one CPU");
    ping_pong("ping-pong round trips, CPU 0 and CPU 1", 0, 1);
}
