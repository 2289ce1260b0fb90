/* SPDX-License-Identifier: MIT */
/*
 * SMEP, SMAP and UMIP: with no user mode yet they guard nothing the kernel does today, but they
 * cost nothing, and once user pages exist they turn a whole class of kernel bugs (running or
 * reading attacker-controlled user memory) into immediate page faults.
 */
#include <arch/cpu.h>
#include <arch/paging.h>
#include <arch/processor.h>
#include <arch/protect.h>

void cpu_protect_init(void)
{
    uint32_t regs[4];

    cpu_cpuid(CPUID_MAX_LEAF, regs);
    if (regs[0] < CPUID_STRUCTURED)
        return;
    cpu_cpuid(CPUID_STRUCTURED, regs);
    uint64_t cr4 = cpu_read_cr4();
    if (regs[1] & CPUID_7_EBX_SMEP)
        cr4 |= CR4_SMEP;
    if (regs[1] & CPUID_7_EBX_SMAP)
        cr4 |= CR4_SMAP;
    if (regs[2] & CPUID_7_ECX_UMIP)
        cr4 |= CR4_UMIP;
    cpu_write_cr4(cr4);
}

struct cpu_protections cpu_protections(void)
{
    uint64_t cr4 = cpu_read_cr4();

    return (struct cpu_protections){
        .nx = paging_nx_enabled(),
        .wp = (cpu_read_cr0() & CR0_WP) != 0,
        .smep = (cr4 & CR4_SMEP) != 0,
        .smap = (cr4 & CR4_SMAP) != 0,
        .umip = (cr4 & CR4_UMIP) != 0,
    };
}
