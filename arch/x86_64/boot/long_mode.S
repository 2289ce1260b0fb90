/* SPDX-License-Identifier: MIT */
/* Boot page tables and the switch into long mode (Intel SDM vol. 3A 9.8.5, "Initializing IA-32e Mode"). */
#include <arch/asm.h>
#include <arch/memlayout.h>
#include <arch/paging.h>
#include <arch/processor.h>

#define TABLE_FLAGS (PTE_PRESENT | PTE_WRITE)            /* a table entry pointing to the next level */
#define LARGE_FLAGS (PTE_PRESENT | PTE_WRITE | PTE_HUGE) /* a 2 MiB page */

	.section .boot.text32, "ax"
	.code32

/*
 * One set of four page directories maps physical 0..4 GiB with 2 MiB pages. It is reached three ways:
 *   PML4[0]   identity, so the code running now at physical addresses survives enabling paging;
 *   PML4[256] the direct map at DIRECT_MAP_BASE, for boot information and device memory;
 *   PML4[511] the kernel window: PDPT entries 510 and 511 put physical 0..2 GiB at KERNEL_VMA.
 * The loader already zeroed these tables: they are in .boot.bss, which the ELF file says to zero-fill.
 */
FUNCTION(build_page_tables)
	/* page directories: entry i maps the 2 MiB page at i * 2 MiB */
	mov	$boot_pd, %ebx
	mov	$LARGE_FLAGS, %eax
	mov	$(DIRECT_MAP_GIB * PT_ENTRIES), %ecx
1:	mov	%eax, (%ebx)
	add	$LARGE_PAGE_SIZE, %eax
	add	$PT_ENTRY_SIZE, %ebx
	dec	%ecx
	jnz	1b

	/* low PDPT: entry i points to page directory i (1 GiB each) */
	mov	$boot_pdpt_low, %ebx
	mov	$(boot_pd + TABLE_FLAGS), %eax
	mov	$DIRECT_MAP_GIB, %ecx
2:	mov	%eax, (%ebx)
	add	$PAGE_SIZE, %eax
	add	$PT_ENTRY_SIZE, %ebx
	dec	%ecx
	jnz	2b

	/* high PDPT: the kernel window reuses the first two page directories */
	movl	$(boot_pd + TABLE_FLAGS), boot_pdpt_high + PDPT_INDEX(KERNEL_VMA) * PT_ENTRY_SIZE
	movl	$(boot_pd + PAGE_SIZE + TABLE_FLAGS), boot_pdpt_high + (PDPT_INDEX(KERNEL_VMA) + 1) * PT_ENTRY_SIZE

	movl	$(boot_pdpt_low + TABLE_FLAGS), boot_pml4
	movl	$(boot_pdpt_low + TABLE_FLAGS), boot_pml4 + PML4_INDEX(DIRECT_MAP_BASE) * PT_ENTRY_SIZE
	movl	$(boot_pdpt_high + TABLE_FLAGS), boot_pml4 + PML4_INDEX(KERNEL_VMA) * PT_ENTRY_SIZE
	ret
END(build_page_tables)

/* PAE paging, then EFER.LME, then CR0.PG: the CPU is in long mode (compatibility submode) after this. */
FUNCTION(enable_long_mode)
	mov	%cr4, %eax
	or	$CR4_PAE, %eax
	mov	%eax, %cr4

	mov	$boot_pml4, %eax
	mov	%eax, %cr3

	mov	$MSR_EFER, %ecx
	rdmsr
	or	$EFER_LME, %eax
	wrmsr

	mov	%cr0, %eax
	or	$(CR0_PG | CR0_WP), %eax
	mov	%eax, %cr0
	ret
END(enable_long_mode)

	.section .boot.bss, "aw", @nobits
	.p2align 12
	.globl	boot_pml4
boot_pml4:
	.skip	PAGE_SIZE
boot_pdpt_low:
	.skip	PAGE_SIZE
boot_pdpt_high:
	.skip	PAGE_SIZE
boot_pd:
	.skip	DIRECT_MAP_GIB * PAGE_SIZE

	.section .note.GNU-stack, "", @progbits
