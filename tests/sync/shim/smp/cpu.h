/* SPDX-License-Identifier: MIT */
/* Host stand-in for smp/cpu.h: each thread is a CPU, with the fields spinlock.c uses. */
#ifndef SHIM_SMP_CPU_H
#define SHIM_SMP_CPU_H

struct cpu {
    unsigned index;
    unsigned locks_held;
};

extern _Thread_local struct cpu shim_cpu;

/* Out of line: GCC 12's UBSan, with -fno-sanitize-recover, takes an inlined thread-local
 * address for NULL in the release build's took(). */
struct cpu *this_cpu(void);

#endif
