/* SPDX-License-Identifier: MIT */
/*
 * The scheduler's core: per-CPU run queues served round robin, the switch between threads,
 * waking blocked threads, placing new ones on the least loaded CPU, and idle CPUs taking ready
 * threads from busy ones.
 */
#include "sched_internal.h"

#include "panic.h"
#include "time/clock.h"

#include <arch/idt.h>
#include <arch/irqflags.h>
#include <arch/lapic.h>

static struct runqueue runqueues[CPU_MAX];

struct runqueue *rq_this(void)
{
    return &runqueues[this_cpu()->index];
}

struct runqueue *sched_rq_of(unsigned cpu)
{
    return cpu < CPU_MAX ? &runqueues[cpu] : NULL;
}

static void enqueue(struct runqueue *rq, struct thread *t)
{
    t->next = NULL;
    if (rq->tail)
        rq->tail->next = t;
    else
        rq->head = t;
    rq->tail = t;
    __atomic_store_n(&rq->ready, rq->ready + 1, __ATOMIC_RELAXED);
}

/* Unlink t, found after prev (NULL: the head), from rq's ready list. */
static void unlink(struct runqueue *rq, struct thread *prev, struct thread *t)
{
    if (prev)
        prev->next = t->next;
    else
        rq->head = t->next;
    if (rq->tail == t)
        rq->tail = prev;
    t->next = NULL;
    __atomic_store_n(&rq->ready, rq->ready - 1, __ATOMIC_RELAXED);
}

/* Make rq's CPU look at its queue: now, if it is this one, else by a reschedule IPI. Only an
 * idle CPU is disturbed; a busy one finds the thread when its time slice ends. */
static void kick(struct runqueue *rq)
{
    if (!rq->current->idle)
        return;
    rq->need_resched = true;
    if (rq != rq_this())
        lapic_send_ipi(lapic_bus(), rq->cpu->apic_id, VECTOR_IPI_RESCHEDULE);
}

/* Whether rq's CPU runs a thread of its own: an idle one is about to take its queued threads
 * itself, and taking them from it would only move them twice. */
static bool busy(const struct runqueue *rq)
{
    return rq->online && __atomic_load_n(&rq->current, __ATOMIC_RELAXED) != rq->idle;
}

/*
 * A ready thread from another CPU's queue, for rq's CPU which has none: the first that is not
 * pinned, from the busy CPU with the most waiting. The other queue's lock is only tried (rq's is
 * held; two CPUs stealing from each other must not wait on each other).
 */
static struct thread *steal(struct runqueue *rq)
{
    struct runqueue *victim = NULL;
    unsigned most = 0;

    for (unsigned i = 0; i < cpu_count() && i < CPU_MAX; i++) {
        unsigned ready = __atomic_load_n(&runqueues[i].ready, __ATOMIC_RELAXED);
        if (&runqueues[i] != rq && busy(&runqueues[i]) && ready > most) {
            victim = &runqueues[i];
            most = ready;
        }
    }
    irqflags_t flags;
    if (!victim || !spin_try_lock(&victim->lock, &flags))
        return NULL;
    struct thread *t = victim->head, *prev = NULL;
    while (t && t->pinned) {
        prev = t;
        t = t->next;
    }
    if (t) {
        unlink(victim, prev, t);
        t->rq = rq;
    }
    spin_unlock(&victim->lock, flags);
    return t;
}

bool sched_work_elsewhere(const struct runqueue *rq)
{
    for (unsigned i = 0; i < cpu_count() && i < CPU_MAX; i++)
        if (&runqueues[i] != rq && busy(&runqueues[i]) &&
            __atomic_load_n(&runqueues[i].ready, __ATOMIC_RELAXED) > 0)
            return true;
    return false;
}

/* The next thread to run on rq's CPU: its queue's first, else one taken from a busy CPU, else
 * the idle thread. */
static struct thread *pick_next(struct runqueue *rq)
{
    struct thread *next = rq->head;

    if (next)
        unlink(rq, NULL, next);
    else
        next = steal(rq);
    return next ? next : rq->idle;
}

void sched_switch_locked(struct runqueue *rq)
{
    struct thread *prev = rq->current;
    uint64_t now = clock_ns();

    prev->run_ns += now - rq->switched_at;
    rq->switched_at = now;
    if (prev->state == THREAD_RUNNING) {
        prev->state = THREAD_READY;
        if (!prev->idle)
            enqueue(rq, prev);
    }
    struct thread *next = pick_next(rq);
    next->state = THREAD_RUNNING;
    rq->current = next;
    rq->need_resched = false;
    rq->slice_left = 0; /* the tick sets it: it knows the rate */
    if (next != prev) {
        rq->switches++;
        arch_switch(&prev->context, &next->context);
    }
    /* Perhaps on another CPU now: release the lock the thread before us took, on this CPU. */
    spin_unlock(&rq_this()->lock, 0);
}

noreturn void sched_thread_start(void *thread, void *unused)
{
    struct thread *t = thread;

    (void)unused;
    spin_unlock(&rq_this()->lock, 0);
    irq_enable();
    thread_exit(t->fn(t->arg));
}

void sched_wake(struct thread *t)
{
    struct runqueue *rq = t->rq; /* stable: only a ready thread moves */
    irqflags_t flags = spin_lock(&rq->lock);

    if (t->state == THREAD_BLOCKED) {
        t->state = THREAD_READY;
        enqueue(rq, t);
        kick(rq);
    }
    spin_unlock(&rq->lock, flags);
}

/* The CPU with the fewest threads ready or running (the idle thread not counted); the first of
 * them on a tie. Takes each run queue's lock in turn, none held. */
static struct runqueue *least_loaded(void)
{
    struct runqueue *best = NULL;
    unsigned best_load = ~0u;

    for (unsigned i = 0; i < cpu_count() && i < CPU_MAX; i++) {
        struct runqueue *rq = &runqueues[i];
        if (!rq->online)
            continue;
        /* under its lock: mid-switch, a thread is neither in the queue nor current */
        irqflags_t flags = spin_lock(&rq->lock);
        unsigned load = rq->ready + (rq->current != rq->idle);
        spin_unlock(&rq->lock, flags);
        if (load < best_load) {
            best = rq;
            best_load = load;
        }
    }
    return best;
}

bool sched_place(struct thread *t, int cpu)
{
    struct runqueue *rq = cpu >= 0 ? sched_rq_of((unsigned)cpu) : least_loaded();

    if (!rq || !rq->online)
        return false;
    t->pinned = cpu >= 0;
    irqflags_t flags = spin_lock(&rq->lock);
    t->rq = rq;
    t->state = THREAD_READY;
    enqueue(rq, t);
    kick(rq);
    spin_unlock(&rq->lock, flags);
    return true;
}

void sched_wait_off_cpu(struct thread *t)
{
    /* t set THREAD_DEAD under its run queue's lock and keeps it until switched out; seeing DEAD
     * with the lock held means it is gone. It holds the lock for a switch only: a short wait. */
    for (;;) {
        irqflags_t flags = spin_lock(&t->rq->lock);
        bool gone = t->state == THREAD_DEAD;
        spin_unlock(&t->rq->lock, flags);
        if (gone)
            return;
        thread_yield();
    }
}

void sched_wake_sleepers(struct runqueue *rq, uint64_t now)
{
    while (rq->sleepers && rq->sleepers->wake_ns <= now) {
        struct thread *t = rq->sleepers;
        rq->sleepers = t->next;
        t->state = THREAD_READY;
        enqueue(rq, t);
        kick(rq);
    }
}

void sched_add_sleeper(struct runqueue *rq, struct thread *t, uint64_t deadline)
{
    struct thread **at = &rq->sleepers;

    t->wake_ns = deadline;
    t->state = THREAD_SLEEPING;
    while (*at && (*at)->wake_ns <= deadline)
        at = &(*at)->next;
    t->next = *at;
    *at = t;
}
