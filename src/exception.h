/* SPDX-License-Identifier: MIT */
/* What the kernel does with CPU exceptions and interrupts that no driver claimed. */
#ifndef CYAN_EXCEPTION_H
#define CYAN_EXCEPTION_H

/* Install the trap entry (all 256 vectors, PICs masked) with the kernel's policy: a breakpoint is
 * reported and execution resumes; any other exception, and any interrupt on a vector without a
 * handler, ends in panic naming the vector. */
void exception_init(void);
/* How many breakpoints (int3) were reported and resumed so far. */
unsigned long breakpoint_count(void);

#endif
