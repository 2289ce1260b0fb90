/* SPDX-License-Identifier: MIT */
/*
 * The processors: one struct cpu each, found through the GS base (this_cpu), numbered 0 (the
 * bootstrap processor) to cpu_count() - 1 in the order they came online.
 */
#ifndef CYAN_SMP_CPU_H
#define CYAN_SMP_CPU_H

#include "kstack.h"
#include "smp/call.h"

#include <arch/percpu.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CPU_MAX 64 /* processors cyan brings up; the rest of a larger MADT is named and skipped */

struct cpu {
    struct cpu_arch arch; /* first: the GS base points at it, and so at this struct */
    unsigned index;       /* 0 for the bootstrap processor */
    uint32_t apic_id;
    uint32_t acpi_uid;                 /* the MADT's processor UID (for its NMI entries) */
    struct kstack stack;               /* the stack it runs on (APs; the BSP's is in the image) */
    struct kstack ist[CPU_IST_STACKS]; /* its double-fault, NMI and machine-check stacks */
    volatile bool online;              /* set by the AP itself once it can take interrupts */
    const char *boot_error;            /* what it could not set up, or NULL */
    uint64_t ticks;                    /* local timer interrupts taken */
    unsigned locks_held;               /* spinlocks held: no preemption while non-zero */
    uint64_t timer_deadline;           /* TSC-deadline mode: the TSC of its next tick */
    uint64_t boot_ns;                  /* how long its start-up took, INIT to online (APs) */
    uint64_t answer_ns;                /* of which from the first STARTUP IPI to online */
    /* cross-calls (smp/call.c) and stopping for a panic (panic.c) */
    struct smp_call_request *call_inbox; /* a cross-call posted to this CPU, not yet taken */
    struct smp_call_request call_out;    /* the cross-call this CPU is making */
    unsigned call_depth;                 /* cross-call functions running on it (nested waits) */
    bool stopped;                        /* halted because another CPU panicked */
};

_Static_assert(offsetof(struct cpu, arch) == 0, "this_cpu casts the GS base to struct cpu");

/* The CPU this code runs on. Interrupts off (or a pinned thread) keep the answer true. */
static inline struct cpu *this_cpu(void)
{
    return (struct cpu *)cpu_arch_this();
}

/* The bootstrap processor's struct cpu, GDT, TSS and GS base: the first thing kernel_init does. */
void cpu_init_bsp(void);
/* CPUs online, and each of them by index (NULL past the end). */
unsigned cpu_count(void);
struct cpu *cpu_get(unsigned index);
/* Add a CPU that has come online; from smp.c. */
void cpu_add(struct cpu *c);

#endif
