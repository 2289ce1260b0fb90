/* SPDX-License-Identifier: MIT */
/* Installing the AP trampoline below 1 MiB and handing each AP what it needs (see trampoline.h). */
#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <arch/paging.h>
#include <arch/processor.h>
#include <arch/segment.h>
#include <arch/trampoline.h>
#include <stddef.h>
#include <string.h>

extern const char trampoline_start[], trampoline_end[];

_Static_assert(offsetof(struct trampoline_params, cr3) == TP_CR3, "trampoline.S reads it");
_Static_assert(offsetof(struct trampoline_params, cr4) == TP_CR4, "trampoline.S reads it");
_Static_assert(offsetof(struct trampoline_params, cr0) == TP_CR0, "trampoline.S reads it");
_Static_assert(offsetof(struct trampoline_params, efer) == TP_EFER, "trampoline.S reads it");
_Static_assert(offsetof(struct trampoline_params, entry) == TP_ENTRY, "trampoline.S reads it");
_Static_assert(offsetof(struct trampoline_params, stack) == TP_STACK, "trampoline.S reads it");
_Static_assert(offsetof(struct trampoline_params, arg) == TP_ARG, "trampoline.S reads it");
_Static_assert(offsetof(struct trampoline_params, jump32) == TP_JUMP32, "trampoline.S jumps");
_Static_assert(offsetof(struct trampoline_params, jump64) == TP_JUMP64, "trampoline.S jumps");
_Static_assert(offsetof(struct trampoline_params, gdt_limit) == TP_GDTR, "trampoline.S loads it");
_Static_assert(TRAMPOLINE_PARAMS + sizeof(struct trampoline_params) <= PAGE_SIZE, "in one page");

#define TRAMPOLINE_GDT_LIMIT (4 * 8 - 1) /* four descriptors, see trampoline.S */
#define TABLE_FLAGS          (PTE_PRESENT | PTE_WRITE)
#define KERNEL_HALF_FIRST    (PT_ENTRIES / 2) /* PML4 entries 256-511: the upper half */

static phys_addr_t base;
static uint64_t bsp_pat, bsp_cr3;

static struct trampoline_params *params(void)
{
    return (struct trampoline_params *)((char *)phys_to_virt(base) + TRAMPOLINE_PARAMS);
}

static pte_t *table(unsigned offset)
{
    return (pte_t *)((char *)phys_to_virt(base) + offset);
}

/*
 * The trampoline's tables: its own page identity-mapped with 4 KiB pages (a 2 MiB page would
 * span memory the MTRRs type differently: SDM 3A 11.11.9), and the kernel's upper half shared
 * by copying the PML4 entries, so the entry it calls and the stack are mapped.
 */
static void build_tables(void)
{
    memset(table(TRAMPOLINE_PML4), 0, TRAMPOLINE_SIZE - TRAMPOLINE_PML4);
    table(TRAMPOLINE_PML4)[PML4_INDEX(base)] = (base + TRAMPOLINE_PDPT) | TABLE_FLAGS;
    table(TRAMPOLINE_PDPT)[PDPT_INDEX(base)] = (base + TRAMPOLINE_PD) | TABLE_FLAGS;
    table(TRAMPOLINE_PD)[PD_INDEX(base)] = (base + TRAMPOLINE_PT) | TABLE_FLAGS;
    table(TRAMPOLINE_PT)[PT_INDEX(base)] = base | TABLE_FLAGS;
}

void trampoline_install(phys_addr_t phys)
{
    base = phys;
    memcpy(phys_to_virt(base), trampoline_start, (size_t)(trampoline_end - trampoline_start));
    build_tables();
    struct trampoline_params *p = params();
    p->cr3 = (uint32_t)(base + TRAMPOLINE_PML4);
    p->jump32_selector = TRAMPOLINE_CODE32;
    p->jump64_selector = SELECTOR_KERNEL_CODE;
    p->gdt_limit = TRAMPOLINE_GDT_LIMIT;
}

void trampoline_prepare(void (*entry)(void *arg), void *arg, void *stack_top)
{
    struct trampoline_params *p = params();
    uint32_t regs[4];

    /* the upper half now: stacks made since the last AP may have added PML4 entries */
    for (unsigned i = KERNEL_HALF_FIRST; i < PT_ENTRIES; i++)
        table(TRAMPOLINE_PML4)[i] = kernel_space.root[i];
    p->cr4 = (uint32_t)cpu_read_cr4();
    p->cr0 = (uint32_t)cpu_read_cr0();
    p->efer = (uint32_t)(cpu_rdmsr(MSR_EFER) & (EFER_LME | EFER_NXE));
    p->entry = (uint64_t)(uintptr_t)entry;
    p->stack = (uint64_t)(uintptr_t)stack_top;
    p->arg = (uint64_t)(uintptr_t)arg;
    cpu_cpuid(CPUID_FEATURES, regs);
    bsp_pat = regs[3] & CPUID_EDX_PAT ? cpu_rdmsr(MSR_IA32_PAT) : 0;
    bsp_cr3 = cpu_read_cr3();
    /* the AP reads all of this after the STARTUP IPI, which orders nothing by itself */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

uint8_t trampoline_vector(void)
{
    return (uint8_t)(base / PAGE_SIZE);
}

void trampoline_finish(void)
{
    cpu_write_cr3(bsp_cr3);
    /* every CPU must use the same PAT, or one CPU's write-combining is another's uncached
     * (SDM 3A 12.12.4) */
    if (bsp_pat)
        cpu_wrmsr(MSR_IA32_PAT, bsp_pat);
}
