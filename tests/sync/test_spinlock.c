/* SPDX-License-Identifier: MIT */
/*
 * The ticket spinlock on the host, with real threads for CPUs (shim.c stands in for the
 * kernel): a shared counter under the lock ends exact, a lock held elsewhere is not taken by
 * spin_try_lock, and (SPIN_DEBUG) recursion, a release by a non-holder and a holder that keeps
 * the lock too long are each reported.
 */
#include "shim.h"
#include "sync/spinlock.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#define THREADS      4
#define INCREMENTS   50000
#define WINDOW_SPINS 50 /* between the read and the write: a window the lock must close */

static struct spinlock counter_lock = SPINLOCK_INIT("counter");
static uint64_t counter;
static pthread_barrier_t start; /* all threads count at once, not one after the other */

struct worker {
    unsigned index;
    pthread_t thread;
};

static void *count(void *arg)
{
    struct worker *w = arg;

    shim_cpu.index = w->index;
    pthread_barrier_wait(&start);
    for (unsigned i = 0; i < INCREMENTS; i++) {
        irqflags_t flags = spin_lock(&counter_lock);
        /* a read and a write apart: only the lock keeps the threads' updates from being lost */
        uint64_t read = __atomic_load_n(&counter, __ATOMIC_RELAXED);
        for (volatile unsigned k = 0; k < WINDOW_SPINS; k++)
            ;
        __atomic_store_n(&counter, read + 1, __ATOMIC_RELAXED);
        spin_unlock(&counter_lock, flags);
    }
    return (void *)(uintptr_t)shim_cpu.locks_held;
}

static void counter_under_the_lock_is_exact(void **state)
{
    struct worker workers[THREADS];

    (void)state;
    assert_int_equal(0, pthread_barrier_init(&start, NULL, THREADS));
    for (unsigned i = 0; i < THREADS; i++) {
        workers[i].index = i;
        assert_int_equal(0, pthread_create(&workers[i].thread, NULL, count, &workers[i]));
    }
    for (unsigned i = 0; i < THREADS; i++) {
        void *held;
        assert_int_equal(0, pthread_join(workers[i].thread, &held));
        assert_int_equal(0, (uintptr_t)held); /* each thread's count back to zero */
    }
    pthread_barrier_destroy(&start);
    assert_int_equal((uint64_t)THREADS * INCREMENTS, counter);
    assert_int_equal(THREADS * INCREMENTS, counter_lock.serving);
    assert_int_equal(-1, counter_lock.owner);
}

static void lock_masks_and_restores_interrupts(void **state)
{
    struct spinlock lock = SPINLOCK_INIT("irq");

    (void)state;
    shim_irq_on = true;
    irqflags_t flags = spin_lock(&lock);
    assert_false(shim_irq_on);
    assert_true(spin_held(&lock));
    assert_int_equal(1, shim_cpu.locks_held);
    spin_unlock(&lock, flags);
    assert_true(shim_irq_on);
    assert_false(spin_held(&lock));
    assert_int_equal(0, shim_cpu.locks_held);
}

/* ---- a lock another thread holds */
static struct spinlock shared = SPINLOCK_INIT("shared");
static volatile int phase; /* 1: the holder has it; 2: it may let go; 3: it did */

static void *hold_until_told(void *arg)
{
    (void)arg;
    shim_cpu.index = 1;
    irqflags_t flags = spin_lock(&shared);
    __atomic_store_n(&phase, 1, __ATOMIC_RELEASE);
    while (__atomic_load_n(&phase, __ATOMIC_ACQUIRE) != 2)
        sched_yield();
    spin_unlock(&shared, flags);
    __atomic_store_n(&phase, 3, __ATOMIC_RELEASE);
    return NULL;
}

static pthread_t start_holder(void)
{
    pthread_t holder;

    phase = 0;
    assert_int_equal(0, pthread_create(&holder, NULL, hold_until_told, NULL));
    while (__atomic_load_n(&phase, __ATOMIC_ACQUIRE) != 1)
        sched_yield();
    return holder;
}

static void try_lock_fails_while_another_thread_holds_it(void **state)
{
    irqflags_t flags;

    (void)state;
    shim_cpu.index = 0;
    pthread_t holder = start_holder();
    shim_irq_on = true;
    assert_false(spin_try_lock(&shared, &flags));
    assert_true(shim_irq_on); /* as it was */
    assert_int_equal(1, shared.owner);
    __atomic_store_n(&phase, 2, __ATOMIC_RELEASE);
    pthread_join(holder, NULL);
    assert_true(spin_try_lock(&shared, &flags));
    spin_unlock(&shared, flags);
}

/* Run f; the message of the panic it must end in. */
static const char *panic_of(void (*f)(void))
{
    jmp_buf catcher;

    shim_panic_message[0] = '\0';
    shim_panic_catcher = &catcher;
    if (setjmp(catcher) == 0) {
        f();
        shim_panic_catcher = NULL;
        fail_msg("no panic");
    }
    shim_panic_catcher = NULL;
    return shim_panic_message;
}

#if SPIN_DEBUG
static struct spinlock recursive = SPINLOCK_INIT("recursive");

static void take_twice(void)
{
    spin_lock(&recursive);
    spin_lock(&recursive);
}

static void recursion_is_reported(void **state)
{
    (void)state;
    shim_cpu.index = 0;
    const char *m = panic_of(take_twice);
    assert_non_null(strstr(m, "spinlock recursive: recursion on CPU 0: taken at "));
    assert_non_null(strstr(m, ", taken again at "));
    assert_int_equal(1, recursive.next); /* the second take drew no ticket */
}

static void release_free(void)
{
    struct spinlock lock = SPINLOCK_INIT("free");
    spin_unlock(&lock, 0);
}

static void releasing_a_free_lock_is_reported(void **state)
{
    (void)state;
    assert_non_null(strstr(panic_of(release_free), "spinlock free: released on CPU 0 at "));
}
#endif /* SPIN_DEBUG */

static void wait_for_shared(void)
{
    spin_lock(&shared);
}

static void a_holder_keeping_it_too_long_is_named(void **state)
{
    (void)state;
    shim_cpu.index = 0;
    pthread_t holder = start_holder();
    const char *m = panic_of(wait_for_shared);
    assert_non_null(strstr(m, "spinlock shared: held too long: CPU 0 waited "));
    assert_non_null(strstr(m, " ms; held by CPU 1, taken at "));
    __atomic_store_n(&phase, 2, __ATOMIC_RELEASE);
    pthread_join(holder, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counter_under_the_lock_is_exact),
        cmocka_unit_test(lock_masks_and_restores_interrupts),
        cmocka_unit_test(try_lock_fails_while_another_thread_holds_it),
#if SPIN_DEBUG /* the release build checks neither: recursion ends as held too long */
        cmocka_unit_test(recursion_is_reported),
        cmocka_unit_test(releasing_a_free_lock_is_reported),
#endif
        cmocka_unit_test(a_holder_keeping_it_too_long_is_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
