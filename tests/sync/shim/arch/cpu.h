/* SPDX-License-Identifier: MIT */
/* Host stand-in for arch/cpu.h: what spinlock.c uses of it. */
#ifndef SHIM_ARCH_CPU_H
#define SHIM_ARCH_CPU_H

#include <sched.h>

/* More threads than host cores: let the holder run. */
static inline void cpu_relax(void)
{
    sched_yield();
}

#endif
