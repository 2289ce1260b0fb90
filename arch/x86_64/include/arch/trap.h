/* SPDX-License-Identifier: MIT */
/*
 * Interrupts and exceptions: the register frame the entry stubs save, handler registration per
 * vector, and the architecture's half of a crash report (what the frame and the stack say).
 */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#include <arch/bits.h>

/* Page-fault error code bits (Intel SDM vol. 3A 4.7) */
#define PF_ERR_PRESENT BIT(0) /* 1: protection violation on a present page; 0: not present */
#define PF_ERR_WRITE   BIT(1) /* the access was a write */
#define PF_ERR_USER    BIT(2) /* the access came from user mode */
#define PF_ERR_RSVD    BIT(3) /* a reserved bit was set in a paging entry */
#define PF_ERR_FETCH   BIT(4) /* the access was an instruction fetch */

/* struct trap_frame as isr.S builds it: 15 general registers, then vector and error code, then
 * the 5 words the CPU pushed (SDM 3A figure 6-9). */
#define TRAP_FRAME_GPRS   15
#define TRAP_FRAME_VECTOR (TRAP_FRAME_GPRS * 8)
#define TRAP_FRAME_RIP    (TRAP_FRAME_VECTOR + 16)
#define TRAP_FRAME_SIZE   (TRAP_FRAME_RIP + 5 * 8)

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Lowest address first: what isr.S pushed last comes first. */
struct trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector;
    uint64_t error_code; /* 0 for vectors that push none */
    uint64_t rip, cs, rflags, rsp, ss;
};
_Static_assert(offsetof(struct trap_frame, vector) == TRAP_FRAME_VECTOR, "isr.S frame layout");
_Static_assert(offsetof(struct trap_frame, rip) == TRAP_FRAME_RIP, "isr.S frame layout");
_Static_assert(sizeof(struct trap_frame) == TRAP_FRAME_SIZE, "isr.S frame layout");
/* the CPU aligns the stack to 16 before its pushes; the call into C needs it still aligned */
_Static_assert(TRAP_FRAME_SIZE % 16 == 0, "isr.S keeps the stack 16-byte aligned");

/* A handler runs with interrupts off, on the stack the vector's gate chose. */
typedef void (*trap_handler_fn)(struct trap_frame *frame);

/*
 * Install the TSS and the IDT for all 256 vectors and mask both 8259 PICs. Until a vector has a
 * handler, it goes to unhandled (the kernel's report-and-panic policy).
 */
void trap_init(trap_handler_fn unhandled);
/* Send vector to handler from now on (NULL: back to the unhandled policy). May be called with
 * interrupts on: the table entry is one aligned word, so a dispatch sees the old or the new one. */
void trap_register(unsigned vector, trap_handler_fn handler);
/*
 * Called after the handler of every interrupt (vector 32 and up; exceptions and NMIs excepted),
 * its end of interrupt already sent, interrupts off, on the interrupted code's stack: where the
 * scheduler preempts. The hook may switch stacks and come back later.
 */
void trap_set_interrupt_return_hook(void (*hook)(void));
/* The unhandled policy, for drivers that find an interrupt they cannot account for. */
void trap_unhandled(struct trap_frame *frame);
/* How many times vector was taken since boot. */
unsigned long trap_count(unsigned vector);
/* Called by isr.S for every vector. */
void trap_dispatch(struct trap_frame *frame);

/* "page fault" and "#PF" for an exception; for other vectors what the layout in arch/idt.h gives
 * them ("8259 IRQ 0 (PIT timer)", "local APIC timer", ..., or "not assigned") and *mnemonic "". */
const char *trap_vector_name(unsigned vector, const char **mnemonic);
/* CR2 as the latest page or double fault found it, read on entry before anything could fault
 * again. */
uint64_t trap_fault_address(void);
/* The exception's own state as text after a headline: ": cr2 ..., error ... (not present, ...)",
 * or a stack overflow named by its guard page. */
void trap_describe(const struct trap_frame *frame, char *buf, size_t size);
/* The saved registers, several lines of "name value" pairs, rip excepted (the caller names it). */
size_t trap_format_registers(const struct trap_frame *frame, char *buf, size_t size);
/* Names the run-time stack whose guard area holds an address, or NULL (the core's stack
 * allocator); trap_describe asks it for addresses outside the image's own stacks. */
void trap_set_guard_namer(const char *(*namer)(uintptr_t addr));
/* Return addresses along the frame-pointer chain from rbp, while it stays inside a kernel stack
 * (the image's, or a mapped page of the run-time stack region); how many were stored. */
unsigned trap_backtrace(uint64_t rbp, uint64_t *returns, unsigned max);
#endif

#endif
