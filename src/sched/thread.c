/* SPDX-License-Identifier: MIT */
/* Kernel threads: creating, ending, joining, yielding and sleeping (see thread.h). */
#include "heap.h"
#include "panic.h"
#include "sched/sched.h"
#include "sched_internal.h"
#include "time/clock.h"

#include <arch/irqflags.h>
#include <fmt.h>
#include <string.h>

static unsigned next_id = 1;

/*
 * Stacks of joined threads, kept mapped for the next ones: unmapping a stack would need every
 * CPU that ran on it to drop its TLB entries for it, and there is no shootdown yet. Each free
 * stack holds the list link at its bottom.
 */
struct free_stack {
    struct free_stack *next;
    char *top;
};
static struct spinlock pool_lock = SPINLOCK_INIT("thread stacks");
static struct free_stack *pool;

static bool stack_get(struct kstack *stack, const char *name)
{
    irqflags_t flags = spin_lock(&pool_lock);
    struct free_stack *f = pool;

    if (f)
        pool = f->next;
    spin_unlock(&pool_lock, flags);
    if (!f)
        return kstack_alloc(stack, THREAD_STACK_SIZE, name);
    *stack = (struct kstack){(char *)f, f->top};
    kstack_rename(stack, name);
    return true;
}

static void stack_put(struct kstack *stack)
{
    struct free_stack *f = (struct free_stack *)stack->bottom;
    irqflags_t flags = spin_lock(&pool_lock);

    f->top = stack->top;
    f->next = pool;
    pool = f;
    spin_unlock(&pool_lock, flags);
    stack->bottom = stack->top = NULL;
}

static void set_name(struct thread *t, const char *name)
{
    size_t n = strlen(name);

    n = n < THREAD_NAME_MAX - 1 ? n : THREAD_NAME_MAX - 1;
    memcpy(t->name, name, n);
    t->name[n] = '\0';
}

struct thread *thread_alloc(const char *name, bool with_stack)
{
    struct thread *t = kzalloc(sizeof(*t));
    char stack_name[KSTACK_NAME_MAX];

    if (!t)
        return NULL;
    t->id = __atomic_fetch_add(&next_id, 1, __ATOMIC_RELAXED);
    set_name(t, name);
    completion_init(&t->exited, "thread exit");
    /* the overflow report reads "... in the guard page below the thread 'name'" */
    fmt_snprintf(stack_name, sizeof(stack_name), "thread '%s'", t->name);
    if (with_stack && !stack_get(&t->stack, stack_name)) {
        kfree(t);
        return NULL;
    }
    return t;
}

void thread_init_boot(struct thread *t, const char *name)
{
    if (!t->id)
        t->id = __atomic_fetch_add(&next_id, 1, __ATOMIC_RELAXED);
    set_name(t, name);
    completion_init(&t->exited, "thread exit");
}

static struct thread *create(thread_fn fn, void *arg, const char *name, int cpu)
{
    struct thread *t = thread_alloc(name, true);

    if (!t)
        return NULL;
    t->fn = fn;
    t->arg = arg;
    arch_switch_prepare(&t->context, t->stack.top, sched_thread_start, t, NULL);
    thread_list_add(t);
    if (!sched_place(t, cpu)) {
        thread_list_remove(t);
        stack_put(&t->stack);
        kfree(t);
        return NULL;
    }
    return t;
}

struct thread *thread_create(thread_fn fn, void *arg, const char *name)
{
    return create(fn, arg, name, -1);
}

struct thread *thread_create_on(thread_fn fn, void *arg, const char *name, unsigned cpu)
{
    return cpu < CPU_MAX ? create(fn, arg, name, (int)cpu) : NULL;
}

noreturn void thread_exit(long value)
{
    struct thread *self = thread_current();

    kassert(self && !self->idle);
    self->result = value;
    completion_complete_all(&self->exited);
    irq_disable();
    struct runqueue *rq = rq_this();
    spin_lock(&rq->lock);
    self->state = THREAD_DEAD;
    sched_switch_locked(rq);
    panic("sched: thread '%s' ran again after it exited", self->name);
}

long thread_join(struct thread *t)
{
    kassert(t != thread_current());
    completion_wait(&t->exited);
    sched_wait_off_cpu(t);
    long result = t->result;
    thread_list_remove(t);
    stack_put(&t->stack);
    kfree(t);
    return result;
}

void thread_yield(void)
{
    irqflags_t flags = irq_save();
    struct runqueue *rq = rq_this();

    spin_lock(&rq->lock);
    sched_switch_locked(rq);
    irq_restore(flags);
}

void thread_sleep_ns(uint64_t ns)
{
    irqflags_t flags = irq_save();
    struct runqueue *rq = rq_this();
    uint64_t deadline = clock_ns() + ns;

    kassert(rq->online && !rq->current->idle);
    spin_lock(&rq->lock);
    sched_add_sleeper(rq, rq->current, deadline);
    sched_switch_locked(rq);
    irq_restore(flags);
}

void thread_sleep_ms(uint64_t ms)
{
    thread_sleep_ns(ms * 1000000);
}

struct thread *thread_current(void)
{
    irqflags_t flags = irq_save();
    struct runqueue *rq = rq_this();
    struct thread *t = rq->online ? rq->current : NULL;

    irq_restore(flags);
    return t;
}

unsigned thread_id(const struct thread *t)
{
    return t->id;
}

const char *thread_name(const struct thread *t)
{
    return t->name;
}

unsigned thread_cpu(const struct thread *t)
{
    return __atomic_load_n(&t->rq, __ATOMIC_RELAXED)->cpu->index;
}

uint64_t thread_run_ns(const struct thread *t)
{
    struct runqueue *rq = __atomic_load_n(&t->rq, __ATOMIC_RELAXED);
    irqflags_t flags = spin_lock(&rq->lock);
    uint64_t ns = t->run_ns;

    /* still its queue (a ready thread may have moved meanwhile; then it is not running) */
    if (t->state == THREAD_RUNNING && t->rq == rq)
        ns += clock_ns() - rq->switched_at;
    spin_unlock(&rq->lock, flags);
    return ns;
}
