/* SPDX-License-Identifier: MIT */
/* Memory protection: W^X on the kernel's own sections, NX data and stack, no NULL page, canaries.
 */
#include "ktest.h"

#include <arch/cpu.h>
#include <arch/processor.h>
#include <arch/protect.h>
#include <stdint.h>
#include <string.h>

#define RET_INSTRUCTION 0xc3 /* a function that only returns */

static const uint64_t read_only_value = 42;
static unsigned char code_in_data[16];

typedef void (*code_fn)(void);

/* A function pointer to data: C does not allow the cast directly, memory does. */
static code_fn as_code(void *data)
{
    code_fn fn;
    memcpy(&fn, &data, sizeof(fn));
    return fn;
}

KTEST_SHOULD_PANIC(writing_to_text_is_a_protection_fault,
                   "page fault (#PF, vector 14)*error 0x3 (protection, write, kernel, data)")
{
    *(volatile unsigned char *)(uintptr_t)&ktest_boot_info = RET_INSTRUCTION; /* any function */
}

KTEST_SHOULD_PANIC(writing_to_rodata_is_a_protection_fault,
                   "page fault (#PF, vector 14)*error 0x3 (protection, write, kernel, data)")
{
    *(volatile uint64_t *)&read_only_value = 0;
}

KTEST_SHOULD_PANIC(executing_from_data_is_a_fetch_fault,
                   "page fault (#PF, vector 14)*error 0x11 (protection, read, kernel, fetch)")
{
    code_in_data[0] = RET_INSTRUCTION;
    as_code(code_in_data)();
}

KTEST_SHOULD_PANIC(executing_from_the_stack_is_a_fetch_fault,
                   "page fault (#PF, vector 14)*error 0x11 (protection, read, kernel, fetch)")
{
    volatile unsigned char code_on_stack[16] = {RET_INSTRUCTION};

    as_code((void *)code_on_stack)();
}

KTEST_SHOULD_PANIC(null_dereference_is_a_page_fault,
                   "page fault (#PF, vector 14)*: cr2 0x0000000000000000, error 0x0 "
                   "(not present, read, kernel, data)")
{
    volatile uint64_t *null = NULL;

    (void)*null;
}

/* 16 bytes past the buffer: over the canary, whatever padding the compiler put around it, and no
 * further than this function's own frame. volatile: the compiler must not see the overflow. */
static volatile size_t overflow_length = 32;

__attribute__((noinline)) static char smash(void)
{
    volatile char buffer[16];

    for (size_t i = 0; i < overflow_length; i++)
        buffer[i] = 'A';
    return buffer[0];
}

KTEST_SHOULD_PANIC(smashed_canary_is_reported,
                   "stack protector: canary overwritten in smash+0x*a local array overflowed")
{
    smash();
}

KTEST(protections_match_what_the_cpu_offers)
{
    struct cpu_protections p = cpu_protections();
    uint32_t regs[4];

    KT_ASSERT(p.wp);
    cpu_cpuid(CPUID_EXT_FEATURES, regs);
    KT_ASSERT_EQ((regs[3] & CPUID_EXT_EDX_NX) != 0, p.nx);
    cpu_cpuid(CPUID_STRUCTURED, regs);
    KT_ASSERT_EQ((regs[1] & CPUID_7_EBX_SMEP) != 0, p.smep);
    KT_ASSERT_EQ((regs[1] & CPUID_7_EBX_SMAP) != 0, p.smap);
    KT_ASSERT_EQ((regs[2] & CPUID_7_ECX_UMIP) != 0, p.umip);
}
