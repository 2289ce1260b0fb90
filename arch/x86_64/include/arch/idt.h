/* SPDX-License-Identifier: MIT */
/* Interrupt descriptor table: exception vectors and gate bits (Intel SDM vol. 3A 6.3, 6.14.1). */
#ifndef ARCH_IDT_H
#define ARCH_IDT_H

/* Exception vectors (SDM 3A table 6-1) */
#define VECTOR_DE         0  /* divide error */
#define VECTOR_DB         1  /* debug */
#define VECTOR_NMI        2  /* non-maskable interrupt */
#define VECTOR_BP         3  /* breakpoint (int3) */
#define VECTOR_UD         6  /* invalid opcode */
#define VECTOR_DF         8  /* double fault */
#define VECTOR_GP         13 /* general protection */
#define VECTOR_PF         14 /* page fault */
#define VECTOR_MC         18 /* machine check */
#define EXCEPTION_VECTORS 32 /* 0-31 are reserved for CPU exceptions */

/* Gate descriptor, second byte of the attribute word (SDM 3A figure 6-8) */
#define GATE_TYPE_INTERRUPT 0xe /* 64-bit interrupt gate: clears IF on entry */
#define GATE_PRESENT_BIT    7
#define GATE_DPL_SHIFT      5

/* Interrupt stack table slots in the TSS (1-7; 0 means "stay on the current stack") */
#define IST_DOUBLE_FAULT  1
#define IST_NMI           2
#define IST_MACHINE_CHECK 3

#ifndef __ASSEMBLER__
/* Build the IDT and load it: every exception vector goes to the common trap entry. */
void idt_init(void);
#endif

#endif
