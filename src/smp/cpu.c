/* SPDX-License-Identifier: MIT */
/* The table of processors online, and the bootstrap processor's own entry in it. */
#include "smp/cpu.h"

#include <arch/stacks.h>

static struct cpu bsp;
static struct cpu *cpus[CPU_MAX];
static unsigned online; /* written by the BSP only, while it brings the others up */

void cpu_init_bsp(void)
{
    char *const ist_tops[CPU_IST_STACKS] = {df_stack_top, nmi_stack_top, mc_stack_top};

    /* The BSP's stacks are the image's (arch/stacks.h); only the APs' come from kstack_alloc. */
    bsp.stack = (struct kstack){kernel_stack, kernel_stack_top};
    bsp.ist[0] = (struct kstack){df_stack, df_stack_top};
    bsp.ist[1] = (struct kstack){nmi_stack, nmi_stack_top};
    bsp.ist[2] = (struct kstack){mc_stack, mc_stack_top};
    cpu_arch_load(&bsp.arch, ist_tops);
    bsp.online = true;
    cpus[0] = &bsp;
    online = 1;
}

void cpu_add(struct cpu *c)
{
    c->index = online;
    cpus[online] = c;
    __atomic_store_n(&online, online + 1, __ATOMIC_RELEASE);
}

unsigned cpu_count(void)
{
    return __atomic_load_n(&online, __ATOMIC_ACQUIRE);
}

struct cpu *cpu_get(unsigned index)
{
    return index < cpu_count() ? cpus[index] : NULL;
}
