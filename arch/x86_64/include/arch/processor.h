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
#define CR4_UMIP_BIT                                                                               \
    11 /* user-mode instruction prevention: sgdt, sidt, smsw... fault in ring 3                    \
        */
#define CR4_UMIP BIT(CR4_UMIP_BIT)
#define CR4_SMEP_BIT                                                                               \
    20 /* supervisor-mode execution prevention: no running user pages in ring 0                    \
        */
#define CR4_SMEP     BIT(CR4_SMEP_BIT)
#define CR4_SMAP_BIT 21 /* supervisor-mode access prevention: no touching user pages in ring 0 */
#define CR4_SMAP     BIT(CR4_SMAP_BIT)

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
#define EFLAGS_IF_BIT 9 /* maskable interrupts enabled */
#define EFLAGS_IF     BIT(EFLAGS_IF_BIT)

/* CPUID leaves and feature bits (SDM 2A, CPUID instruction) */
#define CPUID_MAX_LEAF            0  /* EAX returns the highest basic leaf */
#define CPUID_FEATURES            1  /* basic feature flags */
#define CPUID_ECX_RDRAND_BIT      30 /* rdrand instruction */
#define CPUID_ECX_RDRAND          BIT(CPUID_ECX_RDRAND_BIT)
#define CPUID_EDX_PAT_BIT         16 /* page attribute table: IA32_PAT and the PAT page-entry bit */
#define CPUID_EDX_PAT             BIT(CPUID_EDX_PAT_BIT)
#define CPUID_STRUCTURED          7 /* structured extended feature flags (subleaf 0) */
#define CPUID_7_EBX_SMEP_BIT      7 /* CR4.SMEP supported */
#define CPUID_7_EBX_SMEP          BIT(CPUID_7_EBX_SMEP_BIT)
#define CPUID_7_EBX_SMAP_BIT      20 /* CR4.SMAP supported (and the stac/clac instructions) */
#define CPUID_7_EBX_SMAP          BIT(CPUID_7_EBX_SMAP_BIT)
#define CPUID_7_ECX_UMIP_BIT      2 /* CR4.UMIP supported */
#define CPUID_7_ECX_UMIP          BIT(CPUID_7_ECX_UMIP_BIT)
#define CPUID_EXT_MAX_LEAF        0x80000000 /* EAX returns the highest extended leaf */
#define CPUID_EXT_FEATURES        0x80000001 /* extended processor signature and feature bits */
#define CPUID_EXT_EDX_LM_BIT      29         /* Intel 64 / AMD64 long mode */
#define CPUID_EXT_EDX_LM          BIT(CPUID_EXT_EDX_LM_BIT)
#define CPUID_EXT_EDX_NX_BIT      20 /* execute-disable (NX) page bit */
#define CPUID_EXT_EDX_NX          BIT(CPUID_EXT_EDX_NX_BIT)
#define CPUID_EXT_EDX_PAGE1GB_BIT 26 /* 1 GiB pages (PS in a PDPT entry) */
#define CPUID_EXT_EDX_PAGE1GB     BIT(CPUID_EXT_EDX_PAGE1GB_BIT)

/* Page attribute table (SDM vol. 3A 12.12): eight 8-bit memory types, chosen by a page entry's
 * PAT, PCD and PWT bits as index 4*PAT + 2*PCD + PWT. */
#define MSR_IA32_PAT    0x277
#define PAT_TYPE_UC     0x00 /* uncacheable */
#define PAT_TYPE_WC     0x01 /* write-combining */
#define PAT_TYPE_WT     0x04 /* write-through */
#define PAT_TYPE_WB     0x06 /* write-back */
#define PAT_TYPE_UC_    0x07 /* UC-: uncacheable unless an MTRR says write-combining */
#define PAT_ENTRY(i, t) ((uint64_t)(t) << (8 * (i)))

/* CPUID bits the monitor's "cpu" command reports (SDM 2A, CPUID instruction) */
#define CPUID_EDX_APIC_BIT              9 /* a local APIC */
#define CPUID_EDX_APIC                  BIT(CPUID_EDX_APIC_BIT)
#define CPUID_ECX_X2APIC_BIT            21 /* the local APIC's x2APIC mode */
#define CPUID_ECX_X2APIC                BIT(CPUID_ECX_X2APIC_BIT)
#define CPUID_ECX_TSC_DEADLINE_BIT      24 /* the local APIC timer's TSC-deadline mode */
#define CPUID_ECX_TSC_DEADLINE          BIT(CPUID_ECX_TSC_DEADLINE_BIT)
#define CPUID_EXT_POWER                 0x80000007 /* advanced power management information */
#define CPUID_EXT_EDX_INVARIANT_TSC_BIT 8 /* the TSC runs at a constant rate in every state */
#define CPUID_EXT_EDX_INVARIANT_TSC     BIT(CPUID_EXT_EDX_INVARIANT_TSC_BIT)
#define CPUID_EXT_BRAND_FIRST           0x80000002 /* brand string, 16 bytes per leaf, 3 leaves */
#define CPUID_BRAND_LEAVES              3
#define CPUID_FAMILY(eax)               (((eax) >> 8) & 0xf) /* leaf 1 EAX bits 8-11 */
#define CPUID_EXT_FAMILY(eax)           (((eax) >> 20) & 0xff) /* bits 20-27, added when family is 15 */
#define CPUID_MODEL(eax)                (((eax) >> 4) & 0xf) /* bits 4-7 */
#define CPUID_EXT_MODEL(eax)            (((eax) >> 16) & 0xf) /* bits 16-19, the model's high nibble */
#define CPUID_STEPPING(eax)             ((eax)&0xf)

#endif
