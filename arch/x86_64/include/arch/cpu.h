/* SPDX-License-Identifier: MIT */
/* Small CPU operations the kernel core needs: halting and spin-wait hints. */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdnoreturn.h>

/* Stop this CPU for good: interrupts off, then hlt (looped, as an NMI can still wake it). */
static inline noreturn void cpu_halt_forever(void)
{
    for (;;)
        __asm__ volatile("cli; hlt" ::: "memory");
}

/* Tell the CPU we are busy-waiting (saves power, helps a sibling hyperthread). */
static inline void cpu_relax(void)
{
    __asm__ volatile("pause" ::: "memory");
}

#endif
