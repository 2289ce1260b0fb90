/* SPDX-License-Identifier: MIT */
/* Control register, EFER, EFLAGS and CPUID bits used by cyan (Intel SDM vol. 3A ch. 2, vol. 2A
 * CPUID). */
#ifndef ARCH_PROCESSOR_H
#define ARCH_PROCESSOR_H

#include <arch/bits.h>

/* CR0 (SDM 3A 2.5) */
#define CR0_PE_BIT 0 /* protected mode enable */
#define CR0_PE     BIT(CR0_PE_BIT)
#define CR0_WP_BIT 16 /* supervisor writes honour read-only pages */
#define CR0_WP     BIT(CR0_WP_BIT)
#define CR0_PG_BIT 31 /* paging enable; with EFER.LME set this activates long mode */
#define CR0_PG     BIT(CR0_PG_BIT)

/* CR4 (SDM 3A 2.5) */
#define CR4_PAE_BIT 5 /* physical address extension: required for long mode paging */
#define CR4_PAE     BIT(CR4_PAE_BIT)

/* EFER, the extended feature enable MSR (SDM 3A 2.2.1) */
#define MSR_EFER     0xc0000080 /* MSR number, read and written with rdmsr/wrmsr */
#define EFER_LME_BIT 8          /* long mode enable: takes effect when CR0.PG is set */
#define EFER_LME     BIT(EFER_LME_BIT)
#define EFER_LMA_BIT 10 /* long mode active: set by the CPU once paging is on with LME */
#define EFER_LMA     BIT(EFER_LMA_BIT)
#define EFER_NXE_BIT 11 /* no-execute enable: PTE bit 63 becomes the NX bit */
#define EFER_NXE     BIT(EFER_NXE_BIT)

/* EFLAGS (SDM 3A 2.3) */
#define EFLAGS_ID_BIT 21 /* software can toggle this bit only if CPUID exists */
#define EFLAGS_ID     BIT(EFLAGS_ID_BIT)

/* CPUID leaves and feature bits (SDM 2A, CPUID instruction) */
#define CPUID_EXT_MAX_LEAF   0x80000000 /* EAX returns the highest extended leaf */
#define CPUID_EXT_FEATURES   0x80000001 /* extended processor signature and feature bits */
#define CPUID_EXT_EDX_LM_BIT 29         /* Intel 64 / AMD64 long mode */
#define CPUID_EXT_EDX_LM     BIT(CPUID_EXT_EDX_LM_BIT)
#define CPUID_EXT_EDX_NX_BIT 20 /* execute-disable (NX) page bit */
#define CPUID_EXT_EDX_NX     BIT(CPUID_EXT_EDX_NX_BIT)

#endif
