/* SPDX-License-Identifier: MIT */
/*
 * Cross-calls: run a function on other CPUs and wait until each has run it, through the
 * VECTOR_IPI_CALL inter-processor interrupt.
 *
 * Who may call: any code on any CPU, interrupts on or off, holding spinlocks or not, interrupt
 * handlers included; not NMI handlers, and not a cross-call function itself. Interrupts are
 * masked for the whole call. While it waits, the caller runs the cross-calls other CPUs send it
 * (as every spinlock waiter does), so two CPUs calling each other, or one calling another that
 * waits for a lock the first holds, both finish.
 *
 * The function runs on the target with interrupts masked: in its IPI handler, or inside its own
 * wait for a spinlock or a cross-call. So it must be short, must not make a cross-call, and may
 * take only locks nobody holds while waiting for another lock or making a cross-call (leaf
 * locks); TLB flushes and counters are what it is for.
 *
 * Every wait is bounded: a CPU that has not run the function within SMP_CALL_TIMEOUT_MS is
 * reported by index and APIC ID in a panic.
 */
#ifndef CYAN_SMP_CALL_H
#define CYAN_SMP_CALL_H

#include <stdint.h>

struct cpu;

#define SMP_CALL_TIMEOUT_MS 1000 /* a CPU with interrupts masked longer than this is stuck */

typedef void (*smp_call_fn)(void *arg);

/* One CPU's outgoing cross-call (in its struct cpu: a CPU makes one at a time). */
struct smp_call_request {
    smp_call_fn fn;
    void *arg;
    uint64_t pending; /* bit i: CPU i has yet to run fn */
};

/* The IPI's handler; before any CPU but the bootstrap processor is online. */
void smp_call_init(void);
/* Run fn(arg) on target (directly, if it is this CPU) and wait until it returned. */
void smp_call(struct cpu *target, smp_call_fn fn, void *arg);
/* Run fn(arg) on every other CPU online, and wait until all returned. */
void smp_call_others(smp_call_fn fn, void *arg);
/* Run fn(arg) on every CPU online, this one at the same time as the others, and wait for all. */
void smp_call_all(smp_call_fn fn, void *arg);
/* Run a cross-call posted to this CPU, if any: for busy waits with interrupts masked. */
void smp_call_serve(void);

#endif
