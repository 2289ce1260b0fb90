/* SPDX-License-Identifier: MIT */
/*
 * The stack protector's canary. -fstack-protector-strong puts __stack_chk_guard between a
 * function's arrays and its return address and checks it on return; -mstack-protector-guard=global
 * (cross file) makes it a plain global, as the kernel has no thread-local storage at %fs:0x28.
 * start64.S sets it before the first C function runs, so no frame holds an older value.
 */
#include <arch/cpu.h>
#include <arch/processor.h>
#include <stdint.h>

#define RDRAND_RETRIES  10 /* Intel's advice: rdrand may fail transiently; retry about ten times */
/* 2^64 divided by the golden ratio: multiplying by it spreads the TSC's fast-changing low bits
 * over the whole word (Knuth's multiplicative hashing). */
#define GOLDEN_RATIO_64 0x9e3779b97f4a7c15ULL

uint64_t __stack_chk_guard;

void stack_guard_init(void);

static int rdrand(uint64_t *value)
{
    unsigned char ok;

    __asm__ volatile("rdrand %0; setc %1" : "=r"(*value), "=qm"(ok));
    return ok;
}

/* Not itself protected: it changes the value its own check would compare against. */
__attribute__((no_stack_protector)) void stack_guard_init(void)
{
    uint32_t regs[4];
    uint64_t value = 0;

    cpu_cpuid(CPUID_FEATURES, regs);
    for (int i = 0; (regs[2] & CPUID_ECX_RDRAND) && i < RDRAND_RETRIES; i++) {
        if (rdrand(&value))
            break;
    }
    if (value == 0) {
        /* no rdrand: the time-stamp counter at boot, mixed so that every bit depends on it */
        value = cpu_rdtsc() * GOLDEN_RATIO_64;
    }
    /* a zero low byte stops string functions from copying past the canary */
    __stack_chk_guard = value & ~(uint64_t)0xff;
}
