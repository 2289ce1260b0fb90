/* SPDX-License-Identifier: MIT */
/* Where the kernel lives in physical and virtual memory: shared by linker script, assembly, C. */
#ifndef ARCH_MEMLAYOUT_H
#define ARCH_MEMLAYOUT_H

/*
 * Physical load address: 1 MiB, the first address above the legacy BIOS area (real-mode IVT,
 * EBDA, VGA memory and option ROMs all live below it).
 */
#define KERNEL_LOAD_PHYS 0x100000

/*
 * The kernel runs in the top 2 GiB of the address space so that -mcmodel=kernel can address all
 * its symbols with sign-extended 32-bit immediates. Virtual = physical + KERNEL_VMA.
 */
#ifdef __ASSEMBLER__
#define KERNEL_VMA 0xffffffff80000000
#else
#define KERNEL_VMA 0xffffffff80000000UL
#endif
#define KERNEL_WINDOW_SIZE 0x80000000 /* 2 GiB: physical 0..2 GiB appear at KERNEL_VMA */

/*
 * The direct map: physical address p at DIRECT_MAP_BASE + p (the start of the upper canonical
 * half). The boot page tables map physical 0..4 GiB there (DIRECT_MAP_SIZE), enough for the boot
 * information and the screen; the kernel's own tables map all RAM, wherever it is, and device
 * memory on request, anywhere in the DIRECT_MAP_SPAN that PML4 entries 256-383 give it.
 */
#ifdef __ASSEMBLER__
#define DIRECT_MAP_BASE 0xffff800000000000
#else
#define DIRECT_MAP_BASE 0xffff800000000000UL
#endif
#define DIRECT_MAP_GIB  4 /* physical GiB covered by the boot page tables */
#define DIRECT_MAP_SIZE ((uint64_t)DIRECT_MAP_GIB << 30)
#define DIRECT_MAP_SPAN (1ULL << 46) /* 64 TiB: up to 0xffffc00000000000 */

/*
 * Kernel stacks made at run time (other CPUs', threads'): slots of KSTACK_SLOT_SIZE in their own
 * region after the direct map's span (PML4 entry 384), each stack at the top of its slot and the
 * rest of the slot never mapped, so running off a stack's bottom always faults.
 */
#ifdef __ASSEMBLER__
#define KSTACK_REGION_BASE 0xffffc00000000000
#else
#define KSTACK_REGION_BASE 0xffffc00000000000UL
#endif
#define KSTACK_SLOT_SIZE 0x10000 /* 64 KiB: up to 60 KiB of stack, a guard of 4 KiB or more */
#define KSTACK_SLOTS     4096    /* 256 MiB of address space; a 512-byte bitmap */

#define BOOT_STACK_SIZE   0x1000 /* 32-bit boot code: a few calls deep, no C */
#define KERNEL_STACK_SIZE 0x4000 /* 16 KiB for kmain and everything it calls */
#define KSYMS_SIZE        0x8000 /* room for the function symbol table (tools/ksyms.py) */

#ifndef __ASSEMBLER__
#include <arch/types.h>
#include <stdbool.h>
#include <stdint.h>

/* Linker-script symbols: the image's bounds and its sections (see kernel.ld.S). */
extern char _kernel_start[], _kernel_end[];
extern char _text_start[], _text_end[], _rodata_start[], _rodata_end[], _data_start[], _data_end[];

/* Physical address of a kernel-image address. */
static inline phys_addr_t kernel_virt_to_phys(const void *p)
{
    return (uint64_t)(uintptr_t)p - KERNEL_VMA;
}

/* Whether [phys, phys + size) lies inside what the boot tables map (until paging_init). */
static inline bool phys_in_direct_map(phys_addr_t phys, uint64_t size)
{
    return phys < DIRECT_MAP_SIZE && size <= DIRECT_MAP_SIZE - phys;
}

/* Whether [phys, phys + size) can have a direct-map address at all. */
static inline bool phys_in_direct_map_span(phys_addr_t phys, uint64_t size)
{
    return phys < DIRECT_MAP_SPAN && size <= DIRECT_MAP_SPAN - phys;
}

/* Pointer to physical memory through the direct map: below 4 GiB from the start, all RAM and
 * device memory mapped with paging_map_device once the kernel's own tables are in place. */
static inline void *phys_to_virt(phys_addr_t phys)
{
    return (void *)(phys + DIRECT_MAP_BASE);
}

/* The physical address of a direct-map address. */
static inline phys_addr_t direct_map_virt_to_phys(const void *virt)
{
    return (phys_addr_t)(uintptr_t)virt - DIRECT_MAP_BASE;
}
#endif

#endif
