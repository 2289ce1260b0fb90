/* SPDX-License-Identifier: MIT */
/*
 * The scheduler on each CPU: entering it (the boot context becomes a thread), the idle thread,
 * the time slice the tick counts down, and preemption when an interrupt returns.
 */
#include "sched/sched.h"

#include "console.h"
#include "irq/irq.h"
#include "panic.h"
#include "sched_internal.h"
#include "time/clock.h"
#include "time/timer.h"

#include <arch/idt.h>
#include <arch/irqflags.h>
#include <arch/trap.h>

#define MS_PER_SEC 1000

static unsigned slice_ticks = 1; /* SCHED_SLICE_MS in ticks of the timer's rate */
static struct thread boot_thread;
/* The APs' idle threads: not from the heap, which an AP must not use while the BSP brings up
 * the next one. */
static struct thread ap_idle[CPU_MAX];

/*
 * The idle thread: run whatever became ready (or can be taken from a busy CPU), else halt with
 * interrupts on until the next interrupt: the tick, a device, or a reschedule IPI. A thread made
 * ready between the check and hlt has its IPI pending, which ends the hlt at once (sti's shadow
 * covers hlt, irq_wait).
 */
static noreturn void idle_loop(void)
{
    for (;;) {
        irq_disable();
        struct runqueue *rq = rq_this(); /* the idle thread never moves */
        spin_lock(&rq->lock);
        sched_switch_locked(rq);
        if (!__atomic_load_n(&rq->ready, __ATOMIC_RELAXED))
            irq_wait();
    }
}

static noreturn void idle_start(void *a, void *b)
{
    (void)a, (void)b;
    spin_unlock(&rq_this()->lock, 0);
    idle_loop();
}

/* Every CPU's tick, interrupts off: wake the sleepers that are due, count the slice down. */
static void tick(void)
{
    struct runqueue *rq = rq_this();

    if (!rq->online)
        return;
    spin_lock(&rq->lock);
    sched_wake_sleepers(rq, clock_ns());
    if (rq->current->idle) {
        rq->need_resched |= rq->ready > 0 || sched_work_elsewhere(rq);
    } else {
        if (rq->slice_left == 0)
            rq->slice_left = slice_ticks;
        if (--rq->slice_left == 0 && rq->ready > 0)
            rq->need_resched = true;
    }
    spin_unlock(&rq->lock, 0);
}

/* After every interrupt: switch if the tick or a wake-up asked for it, unless a spinlock is held
 * (an interrupt that arrives with one held can only be in code that re-enabled interrupts). */
static void preempt(void)
{
    struct runqueue *rq = rq_this();

    if (!rq->online || !rq->need_resched || this_cpu()->locks_held)
        return;
    spin_lock(&rq->lock);
    sched_switch_locked(rq);
}

/* A thread was made ready here from another CPU: preempt() runs after this returns. */
static void reschedule_ipi(void)
{
    rq_this()->need_resched = true;
}

/* The panic screen's line about who panicked. */
static void panic_context(void)
{
    struct runqueue *rq = rq_this();

    if (rq->online)
        kprintf("panic: in thread '%s' (id %u) on CPU %u\n", rq->current->name, rq->current->id,
                this_cpu()->index);
}

/* This CPU's run queue, its current thread being cur and its idle thread idle. */
static void rq_start(struct runqueue *rq, struct thread *cur, struct thread *idle)
{
    spin_init(&rq->lock, "run queue");
    rq->cpu = this_cpu();
    rq->current = cur;
    rq->idle = idle;
    cur->rq = idle->rq = rq;
    cur->state = THREAD_RUNNING;
    idle->idle = idle->pinned = true;
    rq->switched_at = clock_ns();
    __atomic_store_n(&rq->online, true, __ATOMIC_RELEASE);
}

void sched_init(const char *name)
{
    irqflags_t flags = irq_save();
    thread_init_boot(&boot_thread, name); /* first: the boot context gets the first id */
    struct thread *idle = thread_alloc("idle", true);

    if (!idle)
        panic("sched: no memory for CPU 0's idle thread");
    arch_switch_prepare(&idle->context, idle->stack.top, idle_start, NULL, NULL);
    idle->state = THREAD_READY;
    slice_ticks = timer_hz() * SCHED_SLICE_MS / MS_PER_SEC;
    slice_ticks = slice_ticks ? slice_ticks : 1;
    rq_start(rq_this(), &boot_thread, idle);
    thread_list_add(&boot_thread);
    thread_list_add(idle);
    if (irq_controller() == IRQ_APIC)
        irq_local(VECTOR_IPI_RESCHEDULE, reschedule_ipi);
    panic_set_context(panic_context);
    timer_set_cpu_hook(tick);
    trap_set_interrupt_return_hook(preempt);
    irq_restore(flags);
}

noreturn void sched_enter_ap(void)
{
    irq_disable();
    struct thread *idle = &ap_idle[this_cpu()->index];

    thread_init_boot(idle, "idle");
    rq_start(rq_this(), idle, idle);
    thread_list_add(idle);
    idle_loop();
}

bool sched_running(void)
{
    irqflags_t flags = irq_save();
    bool running = rq_this()->online;

    irq_restore(flags);
    return running;
}

bool sched_can_block(void)
{
    irqflags_t flags = irq_save();
    struct runqueue *rq = rq_this();
    bool can = rq->online && !rq->current->idle && this_cpu()->locks_held == 0;

    irq_restore(flags);
    return can;
}

uint64_t sched_switches(unsigned cpu)
{
    struct runqueue *rq = sched_rq_of(cpu);

    return rq ? __atomic_load_n(&rq->switches, __ATOMIC_RELAXED) : 0;
}
