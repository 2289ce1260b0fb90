/* SPDX-License-Identifier: MIT */
/* The kernel's Global Descriptor Table: null, 64-bit code and data segments, and the TSS. */
#include <arch/bits.h>
#include <arch/segment.h>
#include <stddef.h>
#include <stdint.h>

/* Present code/data descriptors, accessed bit preset so the CPU never writes them. */
#define DESC_COMMON                                                                                \
    (BIT(DESC_PRESENT_BIT) | BIT(DESC_S_BIT) | BIT(DESC_RW_BIT) | BIT(DESC_ACCESSED_BIT))
#define DESC_CODE64 (DESC_COMMON | BIT(DESC_EXEC_BIT) | BIT(DESC_LONG_BIT))
#define DESC_DATA   DESC_COMMON

/*
 * The boot GDT: loaded through gdt_pointer (start32.S), by physical address, then again by its
 * virtual one. Each CPU then loads a copy of its own with its TSS added (cpu_arch_load), so this
 * one is never written.
 */
const uint64_t gdt[GDT_ENTRIES] = {
    [GDT_NULL] = 0, [GDT_KERNEL_CODE] = DESC_CODE64, [GDT_KERNEL_DATA] = DESC_DATA,
    /* [GDT_TSS], [GDT_TSS + 1]: absent here, each CPU's copy has its own */
};

_Static_assert(offsetof(struct gdt_pointer, base) == GDT_POINTER_BASE, "start64.S rebases it");
