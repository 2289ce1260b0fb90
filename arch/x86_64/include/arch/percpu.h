/* SPDX-License-Identifier: MIT */
/*
 * What each CPU needs of its own from the architecture: a GDT holding its TSS, the TSS with its
 * interrupt stacks, and the GS base that lets code find all of it (Intel SDM vol. 3A 3.4.4,
 * 7.7). The kernel core embeds struct cpu_arch at the start of its struct cpu.
 */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H

#include <arch/segment.h>
#include <stdint.h>

#define MSR_GS_BASE 0xc0000101 /* IA32_GS_BASE: GS's base in 64-bit mode (SDM 4 table 2-2) */

/* The 64-bit TSS (SDM 3A figure 8-11): in long mode it only holds stack pointers. */
struct tss {
    uint32_t reserved0;
    uint64_t rsp[3]; /* stacks for entry from rings 0-2 (unused: no user mode yet) */
    uint64_t reserved1;
    uint64_t ist[7]; /* IST1-7; the IDT's gate names a slot */
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base; /* offset of the I/O permission bitmap; past the limit: none */
} __attribute__((packed));

/* The interrupt stacks a CPU's TSS names (slots IST_DOUBLE_FAULT.. in arch/idt.h). */
#define CPU_IST_STACKS 3

struct cpu_arch {
    struct cpu_arch *self;  /* at %gs:0, so one load finds this CPU's data */
    uint64_t fault_address; /* CR2 of this CPU's last page fault or double fault */
    uint64_t gdt[GDT_ENTRIES] __attribute__((aligned(8)));
    struct tss tss __attribute__((aligned(16)));
};

/* This CPU's data. Valid from cpu_arch_load on; any context, any CPU. */
static inline struct cpu_arch *cpu_arch_this(void)
{
    struct cpu_arch *self;

    __asm__("mov %%gs:0, %0" : "=r"(self));
    return self;
}

/*
 * Give this CPU c as its own: a copy of the boot GDT with c's TSS in it (its IST slots pointing
 * at ist_tops: double fault, NMI, machine check), loaded along with the task register, and the
 * GS base set to c. Runs on the CPU it sets up, before its first interrupt.
 */
void cpu_arch_load(struct cpu_arch *c, char *const ist_tops[CPU_IST_STACKS]);

#endif
