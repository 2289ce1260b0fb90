/* SPDX-License-Identifier: MIT */
/* CPU exceptions: the register frame the entry stubs save, and the dispatcher's interface. */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#include <arch/bits.h>
#include <stdint.h>

/* Page-fault error code bits (Intel SDM vol. 3A 4.7) */
#define PF_ERR_PRESENT BIT(0) /* 1: protection violation on a present page; 0: not present */
#define PF_ERR_WRITE   BIT(1) /* the access was a write */
#define PF_ERR_USER    BIT(2) /* the access came from user mode */
#define PF_ERR_RSVD    BIT(3) /* a reserved bit was set in a paging entry */
#define PF_ERR_FETCH   BIT(4) /* the access was an instruction fetch */

/* Saved by isr.S, lowest address first: general registers, then vector and error code, then
 * what the CPU pushed. */
struct trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector;
    uint64_t error_code; /* 0 for vectors that push none */
    uint64_t rip, cs, rflags, rsp, ss;
};

/* Install the GDT's TSS and the IDT: from here on every exception is reported. */
void trap_init(void);
/* Called by isr.S for every exception; returns only for a breakpoint. */
void trap_dispatch(struct trap_frame *frame);
/* How many breakpoints (int3) were reported and resumed so far. */
unsigned long trap_breakpoint_count(void);

#endif
