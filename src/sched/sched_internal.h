/* SPDX-License-Identifier: MIT */
/* Inside the scheduler: the thread and per-CPU run queue structures and the switch. */
#ifndef CYAN_SCHED_INTERNAL_H
#define CYAN_SCHED_INTERNAL_H

#include "kstack.h"
#include "sched/completion.h"
#include "sched/thread.h"
#include "smp/cpu.h"
#include "sync/spinlock.h"

#include <arch/switch.h>

struct runqueue;

/*
 * Locking: state, rq and the run queue and sleep list links are under the lock of the run queue
 * the thread belongs to (rq); a thread in a wait queue is linked under that queue's lock. The lock
 * order is wait queue, then run queue; a second run queue is only ever tried (spin_try_lock).
 * A thread that stops running holds its run queue's lock through the switch (the next thread
 * releases it), so whoever takes that lock next finds it off its CPU.
 */
struct thread {
    struct switch_context context; /* saved registers while not running */
    unsigned id;
    char name[THREAD_NAME_MAX];
    enum thread_state state;
    struct runqueue *rq;  /* the CPU it runs on or is queued for; changes only while ready */
    struct thread *next;  /* in a run queue, a sleep list or a wait queue */
    struct thread *older; /* the list of all threads (ps), under the thread list's lock */
    struct kstack stack;  /* bottom NULL: a boot stack not ours to free */
    bool pinned;          /* never moved to another CPU */
    bool idle;            /* its CPU's idle thread: never queued, runs when nothing else can */
    uint64_t run_ns;      /* time on a CPU up to its last switch-out */
    uint64_t wake_ns;     /* while sleeping: the clock_ns deadline */
    thread_fn fn;
    void *arg;
    long result;
    struct completion exited;
};

/* One per CPU that runs the scheduler. */
struct runqueue {
    struct spinlock lock;
    struct thread *head, *tail; /* ready threads, run in this order */
    unsigned ready;             /* how many; read without the lock for load balancing */
    struct thread *sleepers;    /* sleeping threads, earliest deadline first */
    struct thread *current, *idle;
    struct cpu *cpu;
    unsigned slice_left;  /* ticks before the current thread makes way */
    bool need_resched;    /* switch when the interrupt returns */
    bool online;          /* this CPU has entered the scheduler */
    uint64_t switched_at; /* clock_ns of the last switch, for run times */
    uint64_t switches;
};

/* This CPU's run queue; interrupts off (or the answer may be another CPU's). CPU cpu's (NULL
 * past CPU_MAX). */
struct runqueue *rq_this(void);
struct runqueue *sched_rq_of(unsigned cpu);
/* Whether another CPU has a thread waiting that an idle CPU could take. */
bool sched_work_elsewhere(const struct runqueue *rq);
/* With rq->lock held: make the sleepers whose deadline is before now ready; put t (rq's current
 * thread) to sleep until deadline. */
void sched_wake_sleepers(struct runqueue *rq, uint64_t now);
void sched_add_sleeper(struct runqueue *rq, struct thread *t, uint64_t deadline);
/* With rq->lock held and interrupts off, rq this CPU's: run the next thread, the current one
 * going to the back of the queue if it is still running. Returns, when this thread runs again
 * (maybe on another CPU), with that CPU's run queue lock released and interrupts still off. */
void sched_switch_locked(struct runqueue *rq);
/* A blocked thread made ready (wait queues, under their lock). */
void sched_wake(struct thread *t);
/* Put a new thread on a run queue: CPU cpu's if pinned, else the least loaded one. */
bool sched_place(struct thread *t, int cpu);
/* Where a new thread starts: finish the switch into it, then run its body. */
noreturn void sched_thread_start(void *thread, void *unused);
/* The scheduler's half of joining: wait until t, already exited, is off its CPU. */
void sched_wait_off_cpu(struct thread *t);
/* A zeroed thread named name with an id, and a stack if with_stack (NULL: out of memory). */
struct thread *thread_alloc(const char *name, bool with_stack);
/* Make t the thread of the code running now, on the stack it already has. */
void thread_init_boot(struct thread *t, const char *name);
/* Add a thread to the list ps shows; take one out. */
void thread_list_add(struct thread *t);
void thread_list_remove(struct thread *t);

#endif
