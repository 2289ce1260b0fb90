/* SPDX-License-Identifier: MIT */
/* Kernel threads: create, exit, join, yield, sleep; and what the monitor's ps shows of them. */
#ifndef CYAN_SCHED_THREAD_H
#define CYAN_SCHED_THREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

#define THREAD_NAME_MAX   16     /* with the terminating NUL; longer names are cut */
#define THREAD_STACK_SIZE 0x4000 /* 16 KiB, as the boot CPU's stack */

enum thread_state {
    THREAD_READY,    /* in a run queue, waiting for its CPU */
    THREAD_RUNNING,  /* on a CPU now */
    THREAD_BLOCKED,  /* in a wait queue */
    THREAD_SLEEPING, /* in its CPU's sleep list until a deadline */
    THREAD_DEAD,     /* exited; its stack is freed by thread_join */
};

struct thread;
/* A thread's body; what it returns is its exit value, as if it called thread_exit. */
typedef long (*thread_fn)(void *arg);

/*
 * A new thread running fn(arg), named name (copied), on a 16 KiB stack above an unmapped guard
 * page, put on the least loaded CPU's run queue. NULL if out of memory or stack slots. Any
 * thread, not an interrupt handler. Every thread must be joined for its memory to be freed.
 */
struct thread *thread_create(thread_fn fn, void *arg, const char *name);
/* The same, kept on CPU cpu for good (never moved by load balancing). NULL also if that CPU is
 * not running the scheduler. */
struct thread *thread_create_on(thread_fn fn, void *arg, const char *name, unsigned cpu);
/* End the calling thread with value for thread_join. */
noreturn void thread_exit(long value);
/* Wait (blocking) until t has exited, free it, and return its exit value. Once per thread. */
long thread_join(struct thread *t);
/* Let the other ready threads of this CPU run first. */
void thread_yield(void);
/* Block for at least ns (ms) nanoseconds by clock_ns; the tick that follows the deadline wakes
 * the thread. */
void thread_sleep_ns(uint64_t ns);
void thread_sleep_ms(uint64_t ms);

/* The calling thread; NULL before the scheduler runs on this CPU. */
struct thread *thread_current(void);
unsigned thread_id(const struct thread *t);
const char *thread_name(const struct thread *t);
/* Time t has spent on a CPU, including its current run. */
uint64_t thread_run_ns(const struct thread *t);
/* The CPU it runs on or last ran on (or is queued for). */
unsigned thread_cpu(const struct thread *t);

/* One line of ps. */
struct thread_info {
    unsigned id, cpu;
    enum thread_state state;
    bool idle;
    uint64_t run_ns;
    char name[THREAD_NAME_MAX];
};
/* Up to max threads, oldest first; how many were stored. */
size_t thread_list(struct thread_info *out, size_t max);
const char *thread_state_name(enum thread_state state);

#endif
