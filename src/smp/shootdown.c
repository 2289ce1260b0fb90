/* SPDX-License-Identifier: MIT */
/*
 * TLB shootdown through cross-calls: each other CPU runs invlpg for the page (SDM 3A 4.10.5,
 * "Propagation of Paging-Structure Changes to Multiple Processors"), and the change returns only
 * once all have. Runs wherever paging_map and paging_unmap run, interrupts masked or not.
 */
#include "smp/shootdown.h"

#include "smp/call.h"
#include "smp/cpu.h"

#include <arch/cpu.h>
#include <arch/paging.h>

static uint64_t sent;

/* invlpg drops every TLB entry for the page, whatever its size, and the paging-structure
 * caches' entries on the way to it (SDM 2A INVLPG). */
static void flush_page(void *arg)
{
    cpu_invlpg(*(const virt_addr_t *)arg);
}

static void shootdown(virt_addr_t virt)
{
    if (cpu_count() < 2)
        return;
    __atomic_fetch_add(&sent, 1, __ATOMIC_RELAXED);
    smp_call_others(flush_page, &virt);
}

void tlb_shootdown_init(void)
{
    paging_set_shootdown(shootdown);
}

uint64_t tlb_shootdown_count(void)
{
    return __atomic_load_n(&sent, __ATOMIC_RELAXED);
}
