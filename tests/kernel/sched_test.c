/* SPDX-License-Identifier: MIT */
/*
 * Threads and the scheduler: preemption and fairness between two busy threads on one CPU,
 * sleeping on time, join's exit value, the callee-saved registers across switches.
 */
#include "kstack.h"
#include "ktest.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "smp/cpu.h"
#include "time/clock.h"

#include <arch/cpu.h>
#include <arch/irqflags.h>
#include <arch/switch.h>

#define NS_PER_MS      1000000ull
#define FAIR_RUN_MS    1000
#define FAIR_SETTLE_MS 50 /* the window opens after the threads have started */
#define FAIR_MIN_PCT   80 /* the slower busy thread gets at least 4/5 of the faster one's time */
#define SLEEP_MS       100
#define SLEEP_LATE_MS                                                                              \
    50 /* woken by the tick after the deadline: 1 ms, TCG on a loaded host more                    \
        */
#define SLEEP_ROUNDS 5
#define CHURN_ROUNDS 2000
#define PERCENT      100

struct busy {
    volatile bool *stop;
    volatile uint64_t loops;
};

static long busy_loop(void *arg)
{
    struct busy *b = arg;

    while (!*b->stop)
        b->loops++;
    return 0;
}

/* Both threads' run times at one moment, and when (clock_ns) it was: before and after both reads.
 */
struct fair_sample {
    uint64_t before, after, a, b;
};

static struct fair_sample fair_sample(struct thread *ta, struct thread *tb)
{
    struct fair_sample s = {.before = clock_ns()};

    s.a = thread_run_ns(ta);
    s.b = thread_run_ns(tb);
    s.after = clock_ns();
    return s;
}

/*
 * Over a window that starts once both are running and is measured, not assumed (the sleep can
 * end late on a loaded host): each one's share, and together no more than the window, one CPU's
 * worth. Time before the window (from thread start) does not count.
 */
KTEST(two_busy_threads_on_one_cpu_share_it_fairly)
{
    volatile bool stop = false;
    struct busy a = {&stop, 0}, b = {&stop, 0};
    struct thread *ta = thread_create_on(busy_loop, &a, "busy a", 0);
    struct thread *tb = thread_create_on(busy_loop, &b, "busy b", 0);

    KT_ASSERT(ta && tb);
    /* neither yields: only the tick's preemption lets the other, and this one, run */
    thread_sleep_ms(FAIR_SETTLE_MS);
    struct fair_sample s0 = fair_sample(ta, tb);
    uint64_t la0 = a.loops, lb0 = b.loops;
    thread_sleep_ms(FAIR_RUN_MS);
    struct fair_sample s1 = fair_sample(ta, tb);
    uint64_t la = a.loops - la0, lb = b.loops - lb0;
    stop = true;
    thread_join(ta);
    thread_join(tb);
    uint64_t ra = s1.a - s0.a, rb = s1.b - s0.b, window = s1.after - s0.before;
    uint64_t lo = ra < rb ? ra : rb, hi = ra < rb ? rb : ra;
    ktest_note("fairness over %lu ms: busy a ran %lu ms, busy b %lu ms (%lu%%), %lu and %lu "
               "loops",
               (unsigned long)(window / NS_PER_MS), (unsigned long)(ra / NS_PER_MS),
               (unsigned long)(rb / NS_PER_MS), (unsigned long)(hi ? lo * PERCENT / hi : 0),
               (unsigned long)la, (unsigned long)lb);
    KT_ASSERT(la > 0 && lb > 0);
    KT_ASSERT(ra + rb <= window);
    KT_ASSERT(lo * PERCENT >= hi * FAIR_MIN_PCT);
}

static void print_ms(const char *what, uint64_t ns)
{
    ktest_note("  %s %lu.%03lu ms", what, (unsigned long)(ns / NS_PER_MS),
               (unsigned long)(ns % NS_PER_MS / 1000));
}

/* Every sleep lasts at least its time; the typical (median) one ends within SLEEP_LATE_MS after.
 * Single sleeps can end later when the host does not run the vCPU (printed, not failed). */
KTEST(a_thread_sleeping_100_ms_wakes_after_100_ms_and_soon_after)
{
    uint64_t slept[SLEEP_ROUNDS];

    for (unsigned i = 0; i < SLEEP_ROUNDS; i++) {
        uint64_t start = clock_ns();
        thread_sleep_ms(SLEEP_MS);
        slept[i] = clock_ns() - start;
        for (unsigned j = i; j > 0 && slept[j] < slept[j - 1]; j--) {
            uint64_t t = slept[j];
            slept[j] = slept[j - 1];
            slept[j - 1] = t;
        }
    }
    ktest_note("sleep %u ms, %u times, woke after:", SLEEP_MS, SLEEP_ROUNDS);
    print_ms("shortest", slept[0]);
    print_ms("median  ", slept[SLEEP_ROUNDS / 2]);
    print_ms("longest ", slept[SLEEP_ROUNDS - 1]);
    KT_ASSERT(slept[0] >= SLEEP_MS * NS_PER_MS);
    KT_ASSERT(slept[SLEEP_ROUNDS / 2] < (SLEEP_MS + SLEEP_LATE_MS) * NS_PER_MS);
}

/* sleep_ms, the clock's, blocks when a thread calls it: another thread runs meanwhile. */
KTEST(sleep_ms_in_a_thread_lets_another_run)
{
    volatile bool stop = false;
    struct busy a = {&stop, 0};
    struct thread *t = thread_create_on(busy_loop, &a, "busy", 0);

    KT_ASSERT(t);
    sleep_ms(SLEEP_MS);
    stop = true;
    thread_join(t);
    KT_ASSERT(a.loops > 0);
}

static long returns_42(void *arg)
{
    (void)arg;
    return 42;
}

static void exit_from_deep_inside(unsigned depth);
/* called through a pointer: a real call chain to leave, which the compiler cannot fold */
static void (*volatile deeper)(unsigned depth) = exit_from_deep_inside;

static void exit_from_deep_inside(unsigned depth)
{
    if (depth == 0)
        thread_exit(-7);
    deeper(depth - 1);
}

static long exits_with_minus_7(void *arg)
{
    (void)arg;
    exit_from_deep_inside(10);
    return 0;
}

KTEST(join_returns_the_exit_value)
{
    struct thread *a = thread_create(returns_42, NULL, "returns 42");
    struct thread *b = thread_create(exits_with_minus_7, NULL, "exits -7");

    KT_ASSERT(a && b);
    KT_ASSERT_EQ(42, thread_join(a));
    KT_ASSERT_EQ(-7, thread_join(b));
}

struct churn {
    uint64_t seed;
    void (*yield)(void);
};

static void no_yield(void)
{
}

/* Six values live across every call of yield: the compiler keeps them in callee-saved registers,
 * which a switch that forgot one would hand to another thread. */
static long churn(void *arg)
{
    struct churn *c = arg;
    void (*volatile yield)(void) = c->yield;
    uint64_t a = c->seed, b = a * 3, d = a * 5, e = a * 7, f = a * 11, g = a * 13;

    for (unsigned i = 0; i < CHURN_ROUNDS; i++) {
        a = a * 31 + b;
        b ^= d >> 3;
        d += e;
        e = e * 17 ^ f;
        f += g ^ a;
        g = g * 7 + i;
        yield();
    }
    return (long)(a ^ b ^ d ^ e ^ f ^ g);
}

KTEST(callee_saved_registers_survive_context_switches)
{
    struct churn plain[2] = {{0x1234567, no_yield}, {0x7654321, no_yield}};
    struct churn yielding[2] = {{0x1234567, thread_yield}, {0x7654321, thread_yield}};
    struct thread *t[2];

    for (unsigned i = 0; i < 2; i++)
        t[i] = thread_create_on(churn, &yielding[i], i ? "churn b" : "churn a", 0);
    KT_ASSERT(t[0] && t[1]);
    for (unsigned i = 0; i < 2; i++)
        KT_ASSERT_EQ(churn(&plain[i]), thread_join(t[i]));
}

/*
 * The same, with arch_switch alone: a coroutine on its own stack and this test switch to and fro
 * directly, each churning. Through the scheduler, sched_switch_locked's own prologue and
 * epilogue save and restore what it uses around arch_switch and would hide a register that
 * arch_switch forgot; here churn's registers go through arch_switch and nothing else.
 */
static struct switch_context here, coroutine;
static long coroutine_result;

static void to_coroutine(void)
{
    arch_switch(&here, &coroutine);
}

static void to_here(void)
{
    arch_switch(&coroutine, &here);
}

static void coroutine_body(void *a, void *b)
{
    (void)b;
    coroutine_result = churn(a);
    for (;;)
        to_here();
}

KTEST(arch_switch_keeps_every_callee_saved_register)
{
    struct churn plain[2] = {{0x1234567, no_yield}, {0x7654321, no_yield}};
    struct churn switching[2] = {{0x1234567, to_coroutine}, {0x7654321, to_here}};
    struct kstack stack;

    KT_ASSERT(kstack_alloc(&stack, THREAD_STACK_SIZE, "coroutine"));
    irqflags_t flags = irq_save(); /* arch_switch wants interrupts masked */
    arch_switch_prepare(&coroutine, stack.top, coroutine_body, &switching[1], NULL);
    long mine = churn(&switching[0]);
    to_coroutine(); /* the coroutine's last round, and its result */
    irq_restore(flags);
    kstack_free(&stack);
    KT_ASSERT_EQ(churn(&plain[0]), mine);
    KT_ASSERT_EQ(churn(&plain[1]), coroutine_result);
}

KTEST(every_cpu_has_an_idle_thread_and_ps_lists_this_one_running)
{
    static struct thread_info list[CPU_MAX + 8];
    size_t n = thread_list(list, sizeof(list) / sizeof(list[0]));
    uint64_t idle_cpus = 0;
    unsigned idles = 0, me = 0;

    for (size_t i = 0; i < n; i++) {
        if (list[i].idle) {
            idles++;
            idle_cpus |= 1ull << list[i].cpu;
        }
        if (ktest_streq(list[i].name, "ktest")) {
            me++;
            KT_ASSERT_STREQ("running", thread_state_name(list[i].state));
            KT_ASSERT_EQ(thread_id(thread_current()), list[i].id);
        }
    }
    KT_ASSERT_EQ(1, me);
    KT_ASSERT_EQ(cpu_count(), idles);
    KT_ASSERT_EQ(cpu_count() == 64 ? ~0ull : (1ull << cpu_count()) - 1, idle_cpus);
    KT_ASSERT_STREQ("ktest", thread_name(thread_current()));
}
