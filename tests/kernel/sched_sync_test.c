/* SPDX-License-Identifier: MIT */
/* The blocking primitives under load: a semaphore-driven producer and consumer, a mutex taken by
 * threads on every CPU, a completion. */
#include "ktest.h"
#include "sched/completion.h"
#include "sched/mutex.h"
#include "sched/semaphore.h"
#include "sched/thread.h"
#include "smp/cpu.h"

#define ITEMS           100000
#define RING            16
#define MUTEX_ROUNDS    2000
#define YIELD_EVERY     64 /* yield inside the critical section now and then: a race, unprotected */
#define THREADS_PER_CPU 2
#define MAX_WORKERS     16

static struct {
    struct semaphore free, full;
    uint64_t ring[RING];
    uint64_t out_of_order, received;
} pc;

static long produce(void *arg)
{
    (void)arg;
    for (uint64_t i = 0; i < ITEMS; i++) {
        semaphore_down(&pc.free);
        pc.ring[i % RING] = i;
        semaphore_up(&pc.full);
    }
    return 0;
}

static long consume(void *arg)
{
    (void)arg;
    for (uint64_t i = 0; i < ITEMS; i++) {
        semaphore_down(&pc.full);
        pc.out_of_order += pc.ring[i % RING] != i;
        pc.received++;
        semaphore_up(&pc.free);
    }
    return 0;
}

KTEST(a_producer_and_a_consumer_pass_100000_items_in_order_through_semaphores)
{
    semaphore_init(&pc.free, "ring free", RING);
    semaphore_init(&pc.full, "ring full", 0);
    struct thread *c = thread_create(consume, NULL, "consumer");
    struct thread *p = thread_create(produce, NULL, "producer");

    KT_ASSERT(c && p);
    thread_join(p);
    thread_join(c);
    KT_ASSERT_EQ(ITEMS, pc.received);
    KT_ASSERT_EQ(0, pc.out_of_order);
}

static struct mutex counter_lock = MUTEX_INIT("counter");
static volatile uint64_t counter;

static long count_up(void *arg)
{
    (void)arg;
    for (unsigned i = 0; i < MUTEX_ROUNDS; i++) {
        mutex_lock(&counter_lock);
        uint64_t seen = counter;
        if (i % YIELD_EVERY == 0)
            thread_yield();
        counter = seen + 1;
        mutex_unlock(&counter_lock);
    }
    return 0;
}

KTEST(a_mutex_protects_a_counter_from_threads_on_every_cpu)
{
    struct thread *t[MAX_WORKERS];
    unsigned n = cpu_count() * THREADS_PER_CPU;

    n = n < MAX_WORKERS ? n : MAX_WORKERS;
    counter = 0;
    for (unsigned i = 0; i < n; i++) {
        t[i] = thread_create_on(count_up, NULL, "counter", i % cpu_count());
        KT_ASSERT(t[i]);
    }
    for (unsigned i = 0; i < n; i++)
        thread_join(t[i]);
    ktest_note("mutex: %u threads on %u CPUs, %lu increments", n, cpu_count(),
               (unsigned long)counter);
    KT_ASSERT_EQ((uint64_t)n * MUTEX_ROUNDS, counter);
}

static long complete_it(void *arg)
{
    completion_complete(arg);
    return 0;
}

KTEST(a_completion_wakes_its_waiter)
{
    struct completion done;

    completion_init(&done, "test");
    struct thread *t = thread_create(complete_it, &done, "completer");
    KT_ASSERT(t);
    completion_wait(&done);
    thread_join(t);
}
