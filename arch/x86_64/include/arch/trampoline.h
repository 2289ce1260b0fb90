/* SPDX-License-Identifier: MIT */
/*
 * The application processors' way in (Intel SDM vol. 3A 8.4.4, 9.8.5): a STARTUP IPI starts a
 * CPU in real mode at a page below 1 MiB; the trampoline copied there goes through 32-bit
 * protected mode into long mode on its own small page tables (that page identity-mapped, the
 * kernel's upper half shared), then calls the C entry the kernel asked for on the stack it gave.
 * Layout of the TRAMPOLINE_PAGES pages: code and parameters, then PML4, PDPT, PD and PT.
 */
#ifndef ARCH_TRAMPOLINE_H
#define ARCH_TRAMPOLINE_H

#include <arch/paging.h>

#define TRAMPOLINE_PAGES 5
#define TRAMPOLINE_SIZE  (TRAMPOLINE_PAGES * PAGE_SIZE)
#define TRAMPOLINE_LIMIT 0x100000 /* a STARTUP vector names a page below 1 MiB */
#define TRAMPOLINE_PML4  (1 * PAGE_SIZE)
#define TRAMPOLINE_PDPT  (2 * PAGE_SIZE)
#define TRAMPOLINE_PD    (3 * PAGE_SIZE)
#define TRAMPOLINE_PT    (4 * PAGE_SIZE)

/* struct trampoline_params sits at this offset of the code page; its fields' offsets: */
#define TRAMPOLINE_PARAMS 0xf00
#define TP_CR3            0x00 /* u32: the trampoline's PML4 (32-bit code loads CR3) */
#define TP_CR4            0x04 /* u32: the BSP's CR4 (PAE and the protections) */
#define TP_CR0            0x08 /* u32: the BSP's CR0 (PE, PG, WP...) */
#define TP_EFER           0x0c /* u32: EFER bits to set (LME, NXE) */
#define TP_ENTRY          0x10 /* u64: the C function to call, void (*)(void *) */
#define TP_STACK          0x18 /* u64: its stack's top */
#define TP_ARG            0x20 /* u64: its argument */
#define TP_JUMP32         0x28 /* far pointer (u32 offset, u16 selector) into 32-bit code */
#define TP_JUMP64         0x30 /* far pointer into 64-bit code */
#define TP_GDTR           0x38 /* lgdt operand: u16 limit, u32 base */

/* The trampoline's GDT; 64-bit code and data sit where the kernel's GDT has them, so the
 * selectors stay right once the CPU loads its own GDT. */
#define TRAMPOLINE_CODE32 0x18

#ifndef __ASSEMBLER__
#include <arch/types.h>
#include <stdbool.h>
#include <stdint.h>

struct trampoline_params {
    uint32_t cr3, cr4, cr0, efer;
    uint64_t entry, stack, arg;
    uint32_t jump32;
    uint16_t jump32_selector, pad0;
    uint32_t jump64;
    uint16_t jump64_selector, pad1;
    uint16_t gdt_limit;
    uint32_t gdt_base;
} __attribute__((packed));

/* Copy the trampoline to phys (TRAMPOLINE_SIZE bytes of RAM below TRAMPOLINE_LIMIT, page
 * aligned, reachable through the direct map) and build its page tables from the kernel's. */
void trampoline_install(phys_addr_t phys);
/* What the next CPU to start runs: entry(arg) on [.., stack_top), with this CPU's (the BSP's)
 * control registers and PAT. The BSP starts one AP at a time, so one set suffices. */
void trampoline_prepare(void (*entry)(void *arg), void *arg, void *stack_top);
/* The STARTUP IPI's vector: the trampoline's page number. */
uint8_t trampoline_vector(void);
/* First call on a started AP: the kernel's page tables and the BSP's PAT. */
void trampoline_finish(void);
#endif

#endif
