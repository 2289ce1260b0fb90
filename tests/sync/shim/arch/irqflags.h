/* SPDX-License-Identifier: MIT */
/* Host stand-in for arch/irqflags.h: a thread's "interrupt flag" is a thread-local bool. */
#ifndef SHIM_ARCH_IRQFLAGS_H
#define SHIM_ARCH_IRQFLAGS_H

#include <stdbool.h>
#include <stdint.h>

typedef uint64_t irqflags_t;

extern _Thread_local bool shim_irq_on;

static inline irqflags_t irq_save(void)
{
    irqflags_t was = shim_irq_on;
    shim_irq_on = false;
    return was;
}

static inline void irq_restore(irqflags_t flags)
{
    if (flags)
        shim_irq_on = true;
}

#endif
