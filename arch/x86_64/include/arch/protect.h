/* SPDX-License-Identifier: MIT */
/* CPU protection features the kernel switches on when the CPU has them. */
#ifndef ARCH_PROTECT_H
#define ARCH_PROTECT_H

#include <stdbool.h>

struct cpu_protections {
    bool nx;   /* no-execute pages (EFER.NXE) */
    bool wp;   /* read-only pages bind the kernel too (CR0.WP) */
    bool smep; /* the kernel never runs user pages (CR4.SMEP) */
    bool smap; /* the kernel never touches user pages unless it says so (CR4.SMAP) */
    bool umip; /* user mode cannot read descriptor tables (CR4.UMIP) */
};

/* Turn on SMEP, SMAP and UMIP where CPUID reports them. */
void cpu_protect_init(void);
/* What is on now. */
struct cpu_protections cpu_protections(void);

#endif
