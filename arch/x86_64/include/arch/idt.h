/* SPDX-License-Identifier: MIT */
/* Interrupt descriptor table: the vector layout and gate bits (Intel SDM vol. 3A 6.2, 6.3, 6.14.1).
 */
#ifndef ARCH_IDT_H
#define ARCH_IDT_H

#include <arch/bits.h>

#define IDT_VECTORS 256 /* every vector an interrupt or exception can carry */

/* Exception vectors (SDM 3A table 6-1) */
#define VECTOR_DE         0  /* divide error */
#define VECTOR_DB         1  /* debug */
#define VECTOR_NMI        2  /* non-maskable interrupt */
#define VECTOR_BP         3  /* breakpoint (int3) */
#define VECTOR_UD         6  /* invalid opcode */
#define VECTOR_DF         8  /* double fault */
#define VECTOR_TS         10 /* invalid TSS */
#define VECTOR_NP         11 /* segment not present */
#define VECTOR_SS         12 /* stack-segment fault */
#define VECTOR_GP         13 /* general protection */
#define VECTOR_PF         14 /* page fault */
#define VECTOR_AC         17 /* alignment check */
#define VECTOR_MC         18 /* machine check */
#define VECTOR_CP         21 /* control protection */
#define VECTOR_VC         29 /* VMM communication */
#define VECTOR_SX         30 /* security exception */
#define EXCEPTION_VECTORS 32 /* 0-31 are reserved for CPU exceptions */

/*
 * The exceptions for which the CPU pushes an error code (SDM 3A table 6-1, "Error Code" column).
 * isr.S pushes a 0 for every other vector, so all frames have one shape.
 */
#define EXCEPTION_ERROR_CODE_MASK                                                                  \
    (BIT(VECTOR_DF) | BIT(VECTOR_TS) | BIT(VECTOR_NP) | BIT(VECTOR_SS) | BIT(VECTOR_GP) |          \
     BIT(VECTOR_PF) | BIT(VECTOR_AC) | BIT(VECTOR_CP) | BIT(VECTOR_VC) | BIT(VECTOR_SX))

/*
 * The two 8259 PICs deliver IRQ 0-15 on the 16 vectors right above the exceptions. The BIOS
 * leaves the master on vectors 8-15, where IRQ 0 (the timer) would look like a double fault.
 */
#define VECTOR_PIC_MASTER 0x20 /* IRQ 0-7 */
#define VECTOR_PIC_SLAVE  0x28 /* IRQ 8-15 */
#define PIC_LINES         16

/*
 * The APICs' vectors. The local APIC ranks a vector's priority by its upper four bits: device
 * IRQs through the IOAPIC get 0x30-0xdf (after the PICs' range, so a stray 8259 interrupt is
 * never mistaken for one), the local timer and error sit above them, with the inter-processor
 * interrupts in the class above the timer so a cross-call is not held up behind a tick, and the
 * spurious vector is 0xff (bits 3:0 of it are hardwired to 1 on some older APICs: SDM 3A 11.9).
 */
#define VECTOR_IRQ_FIRST      0x30 /* first vector irq_route hands out */
#define VECTOR_IRQ_LAST       0xdf
#define VECTOR_APIC_TIMER     0xef
#define VECTOR_IPI_CALL       0xf0 /* run a function another CPU asked for (cross-call) */
#define VECTOR_IPI_RESCHEDULE 0xf1 /* look at the run queue: a thread was made ready here */
#define VECTOR_APIC_ERROR     0xfe
#define VECTOR_APIC_SPURIOUS  0xff

/* Gate descriptor, second byte of the attribute word (SDM 3A figure 6-8) */
#define GATE_TYPE_INTERRUPT 0xe /* 64-bit interrupt gate: clears IF on entry */
#define GATE_PRESENT_BIT    7
#define GATE_DPL_SHIFT      5
#define GATE_SIZE           16 /* bytes per 64-bit gate */

/* Interrupt stack table slots in the TSS (1-7; 0 means "stay on the current stack") */
#define IST_DOUBLE_FAULT  1
#define IST_NMI           2
#define IST_MACHINE_CHECK 3

#ifndef __ASSEMBLER__
/* Build the IDT and load it: every vector goes to its stub in isr.S and on to trap_dispatch. */
void idt_init(void);
/* Load the IDT idt_init built on this CPU (each AP does; they share one table). */
void idt_load(void);
#endif

#endif
