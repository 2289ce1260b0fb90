/* SPDX-License-Identifier: MIT */
/* Where threads run: new ones on the least loaded CPU, idle CPUs taking waiting ones from a busy
 * CPU, and no preemption while a spinlock is held. */
#include "ktest.h"
#include "sched/thread.h"
#include "smp/cpu.h"
#include "sync/spinlock.h"
#include "time/clock.h"

#include <arch/cpu.h>

#define MAX_CPUS      8
#define STEAL_WAIT_MS 2000
#define POLL_MS       10
#define BLOCKERS      3           /* pinned on each other CPU, so CPU 0 looks least loaded */
#define HOLD_NS       30000000ull /* 30 ms: three time slices */
#define NS_PER_MS     1000000ull

struct runner {
    volatile bool *stop;
    volatile uint64_t cpus; /* a bit for each CPU it was seen on */
    volatile uint64_t loops;
};

static long run_and_record(void *arg)
{
    struct runner *r = arg;

    while (!*r->stop) {
        r->cpus |= 1ull << this_cpu()->index; /* a stale answer at worst names the last CPU */
        r->loops++;
    }
    return 0;
}

KTEST(new_threads_go_to_the_least_loaded_cpus)
{
    unsigned n = cpu_count() < MAX_CPUS ? cpu_count() : MAX_CPUS;
    volatile bool stop = false;
    struct runner r[MAX_CPUS] = {0};
    struct thread *t[MAX_CPUS];
    uint64_t seen = 0;

    if (n < 2)
        KT_SKIP("one CPU");
    /* this thread is its CPU's load: one each goes to every other CPU */
    for (unsigned i = 0; i < n - 1; i++) {
        r[i].stop = &stop;
        t[i] = thread_create(run_and_record, &r[i], "placed");
        KT_ASSERT(t[i]);
        seen |= 1ull << thread_cpu(t[i]);
    }
    stop = true;
    for (unsigned i = 0; i < n - 1; i++)
        thread_join(t[i]);
    KT_ASSERT_EQ(n - 1, (unsigned)__builtin_popcountll(seen));
}

KTEST(an_idle_cpu_takes_a_waiting_thread_from_a_busy_one)
{
    unsigned n = cpu_count() < MAX_CPUS ? cpu_count() : MAX_CPUS;
    volatile bool stop_blockers = false, stop = false;
    struct runner blocker = {&stop_blockers, 0, 0}, r[2] = {{&stop, 0, 0}, {&stop, 0, 0}};
    struct thread *b[MAX_CPUS * BLOCKERS], *t[2];
    unsigned nb = 0;

    if (n < 2)
        KT_SKIP("one CPU");
    for (unsigned cpu = 1; cpu < n; cpu++)
        for (unsigned i = 0; i < BLOCKERS; i++)
            KT_ASSERT((b[nb++] = thread_create_on(run_and_record, &blocker, "blocker", cpu)));
    /* every other CPU has BLOCKERS threads: both new ones go to CPU 0 */
    for (unsigned i = 0; i < 2; i++) {
        KT_ASSERT((t[i] = thread_create(run_and_record, &r[i], "movable")));
        KT_ASSERT_EQ(0, thread_cpu(t[i]));
    }
    stop_blockers = true;
    for (unsigned i = 0; i < nb; i++)
        thread_join(b[i]);
    /* the other CPUs idle now: one of them takes the waiting thread at its next tick (a loaded
     * host may not run its vCPU for a while: up to STEAL_WAIT_MS) */
    for (unsigned ms = 0; ms < STEAL_WAIT_MS && !((r[0].cpus | r[1].cpus) & ~1ull); ms += POLL_MS)
        thread_sleep_ms(POLL_MS);
    stop = true;
    for (unsigned i = 0; i < 2; i++)
        thread_join(t[i]);
    ktest_note("movable threads ran on CPUs (bit masks) 0x%lx and 0x%lx", (unsigned long)r[0].cpus,
               (unsigned long)r[1].cpus);
    KT_ASSERT((r[0].cpus | r[1].cpus) & ~1ull);
}

struct holder {
    struct runner *other;
    uint64_t during, before;
};

/* On the CPU the other thread is pinned to: hold a spinlock for three time slices. */
static long hold_a_spinlock(void *arg)
{
    static struct spinlock lock = SPINLOCK_INIT("test");
    struct holder *h = arg;

    irqflags_t flags = spin_lock(&lock);
    h->before = h->other->loops;
    uint64_t start = clock_ns();
    while (clock_ns() - start < HOLD_NS)
        cpu_relax();
    h->during = h->other->loops - h->before;
    spin_unlock(&lock, flags);
    return 0;
}

KTEST(a_thread_holding_a_spinlock_is_not_preempted)
{
    volatile bool stop = false;
    struct runner other = {&stop, 0, 0};
    struct holder h = {&other, 0, 0};
    struct thread *t = thread_create_on(run_and_record, &other, "other", 0);

    KT_ASSERT(t);
    thread_sleep_ms(HOLD_NS / NS_PER_MS); /* let it start */
    struct thread *holder = thread_create_on(hold_a_spinlock, &h, "holder", 0);
    KT_ASSERT(holder);
    thread_join(holder);
    thread_sleep_ms(HOLD_NS / NS_PER_MS);
    stop = true;
    thread_join(t);
    KT_ASSERT_EQ(0, h.during);
    KT_ASSERT(other.loops > h.before);
}
