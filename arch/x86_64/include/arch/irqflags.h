/* SPDX-License-Identifier: MIT */
/* The interrupt flag: saving, masking and restoring it, and halting until an interrupt. */
#ifndef ARCH_IRQFLAGS_H
#define ARCH_IRQFLAGS_H

#include <arch/processor.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdnoreturn.h>

typedef uint64_t irqflags_t;

/* Mask maskable interrupts; what RFLAGS was before, for irq_restore. */
static inline irqflags_t irq_save(void)
{
    irqflags_t flags;
    __asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
    return flags;
}

static inline void irq_restore(irqflags_t flags)
{
    if (flags & EFLAGS_IF)
        __asm__ volatile("sti" ::: "memory");
}

static inline void irq_enable(void)
{
    __asm__ volatile("sti" ::: "memory");
}

static inline void irq_disable(void)
{
    __asm__ volatile("cli" ::: "memory");
}

static inline bool irq_enabled(void)
{
    irqflags_t flags;
    __asm__ volatile("pushfq; popq %0" : "=r"(flags));
    return flags & EFLAGS_IF;
}

/*
 * Enable interrupts and halt until one arrives, then mask them again. sti takes effect after the
 * next instruction (SDM 2B STI), so no interrupt can slip in between the caller's last check and
 * hlt: the classic race-free wait.
 */
static inline void irq_wait(void)
{
    __asm__ volatile("sti; hlt; cli" ::: "memory");
}

/* Nothing left to do but serve interrupts: halt with them enabled, for good. */
static inline noreturn void irq_idle_forever(void)
{
    for (;;)
        __asm__ volatile("sti; hlt" ::: "memory");
}

#endif
