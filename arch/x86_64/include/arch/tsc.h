/* SPDX-License-Identifier: MIT */
/* The time-stamp counter (Intel SDM vol. 3B 18.17): reading it and whether it is invariant. */
#ifndef ARCH_TSC_H
#define ARCH_TSC_H

#include <arch/bits.h>
#include <arch/cpu.h>
#include <arch/processor.h>
#include <stdbool.h>
#include <stdint.h>

/* The TSC, after every earlier instruction has executed (lfence orders rdtsc, SDM 2B RDTSC). */
static inline uint64_t tsc_read(void)
{
    uint32_t low, high;
    __asm__ volatile("lfence; rdtsc" : "=a"(low), "=d"(high) : : "memory");
    return (uint64_t)high << 32 | low;
}

static inline bool tsc_is_invariant(void)
{
    uint32_t regs[4];

    cpu_cpuid(CPUID_EXT_MAX_LEAF, regs);
    if (regs[0] < CPUID_EXT_POWER)
        return false;
    cpu_cpuid(CPUID_EXT_POWER, regs);
    return regs[3] & CPUID_EXT_EDX_INVARIANT_TSC;
}

#endif
