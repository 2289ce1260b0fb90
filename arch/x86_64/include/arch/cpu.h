/* SPDX-License-Identifier: MIT */
/* CPU instructions as C functions: halting, control registers, MSRs, segment registers. */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdint.h>
#include <stdnoreturn.h>

/* Stop this CPU for good: interrupts off, then hlt (looped, as an NMI can still wake it). */
static inline noreturn void cpu_halt_forever(void)
{
    for (;;)
        __asm__ volatile("cli; hlt" ::: "memory");
}

/*
 * Reset the machine the last-resort way: with an empty interrupt table, the breakpoint trap
 * becomes a double fault and then a triple fault, which resets a PC (and stops QEMU under
 * -no-reboot). The harness's self-test uses it to prove that a triple fault is noticed.
 */
static inline noreturn void cpu_triple_fault(void)
{
    static const struct __attribute__((packed)) {
        uint16_t limit;
        uint64_t base;
    } empty_idt = {0, 0};

    __asm__ volatile("lidt %0; int3" : : "m"(empty_idt) : "memory");
    cpu_halt_forever();
}

/* Let maskable interrupts in (EFLAGS.IF = 1). sti takes effect after the next instruction. */
static inline void cpu_enable_interrupts(void)
{
    __asm__ volatile("sti" ::: "memory");
}

static inline void cpu_disable_interrupts(void)
{
    __asm__ volatile("cli" ::: "memory");
}

#define RFLAGS_IF_BIT 9 /* interrupt enable flag (SDM vol. 1 3.4.3) */

/* Turn interrupts off and say whether they were on, for cpu_irq_restore. */
static inline uint64_t cpu_irq_save(void)
{
    uint64_t flags;
    __asm__ volatile("pushfq; pop %0; cli" : "=r"(flags) : : "memory");
    return flags & (1ULL << RFLAGS_IF_BIT);
}

static inline void cpu_irq_restore(uint64_t saved)
{
    if (saved)
        cpu_enable_interrupts();
}

/* The time-stamp counter: counts up at a fixed or core-clock rate, uncalibrated. */
static inline uint64_t cpu_rdtsc(void)
{
    uint32_t low, high;
    __asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
    return (uint64_t)high << 32 | low;
}

/* Tell the CPU we are busy-waiting (saves power, helps a sibling hyperthread). */
static inline void cpu_relax(void)
{
    __asm__ volatile("pause" ::: "memory");
}

static inline uint64_t cpu_read_cr0(void)
{
    uint64_t value;
    __asm__ volatile("mov %%cr0, %0" : "=r"(value));
    return value;
}

static inline uint64_t cpu_read_cr3(void)
{
    uint64_t value;
    __asm__ volatile("mov %%cr3, %0" : "=r"(value));
    return value;
}

static inline uint64_t cpu_read_cr4(void)
{
    uint64_t value;
    __asm__ volatile("mov %%cr4, %0" : "=r"(value));
    return value;
}

static inline uint64_t cpu_rdmsr(uint32_t msr)
{
    uint32_t low, high;
    __asm__ volatile("rdmsr" : "=a"(low), "=d"(high) : "c"(msr));
    return (uint64_t)high << 32 | low;
}

static inline void cpu_write_cr4(uint64_t value)
{
    __asm__ volatile("mov %0, %%cr4" : : "r"(value) : "memory");
}

static inline void cpu_wrmsr(uint32_t msr, uint64_t value)
{
    __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)value), "d"((uint32_t)(value >> 32)));
}

static inline uint64_t cpu_read_cr2(void)
{
    uint64_t value;
    __asm__ volatile("mov %%cr2, %0" : "=r"(value));
    return value;
}

static inline void cpu_write_cr3(uint64_t value)
{
    __asm__ volatile("mov %0, %%cr3" : : "r"(value) : "memory");
}

/* Drop the TLB entry for one page after changing its mapping. */
static inline void cpu_invlpg(uint64_t virt)
{
    __asm__ volatile("invlpg (%0)" : : "r"(virt) : "memory");
}

/* CPUID leaf: fills eax, ebx, ecx, edx (subleaf 0). */
static inline void cpu_cpuid(uint32_t leaf, uint32_t regs[4])
{
    __asm__ volatile("cpuid"
                     : "=a"(regs[0]), "=b"(regs[1]), "=c"(regs[2]), "=d"(regs[3])
                     : "a"(leaf), "c"(0));
}

/* Trap into the breakpoint handler, which reports and returns. */
static inline void cpu_breakpoint(void)
{
    __asm__ volatile("int3" ::: "memory");
}

static inline uint16_t cpu_read_cs(void)
{
    uint16_t value;
    __asm__ volatile("mov %%cs, %0" : "=r"(value));
    return value;
}

static inline uint16_t cpu_read_ss(void)
{
    uint16_t value;
    __asm__ volatile("mov %%ss, %0" : "=r"(value));
    return value;
}

#endif
