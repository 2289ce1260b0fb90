/* SPDX-License-Identifier: MIT */
/*
 * Each CPU's GDT and task state segment. In long mode the TSS no longer switches tasks; it holds
 * the interrupt stack table: stacks the CPU switches to for chosen vectors, so a double fault
 * caused by a blown kernel stack still has a good stack to run on (Intel SDM vol. 3A 7.7,
 * 6.14.5). Every CPU has its own, because two CPUs taking an NMI at once must not share a stack,
 * and because ltr marks the descriptor busy, so one TSS descriptor cannot serve two CPUs.
 */
#include <arch/bits.h>
#include <arch/cpu.h>
#include <arch/idt.h>
#include <arch/percpu.h>
#include <arch/segment.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* SDM 3A figure 8-11, "64-Bit TSS Format": IST1 at offset 0x24, 104 bytes in all */
#define TSS_IST_OFFSET 0x24
#define TSS_SIZE       0x68
_Static_assert(offsetof(struct tss, ist) == TSS_IST_OFFSET, "64-bit TSS layout");
_Static_assert(sizeof(struct tss) == TSS_SIZE, "64-bit TSS layout");
_Static_assert(offsetof(struct cpu_arch, self) == 0, "cpu_arch_this reads %gs:0");

/*
 * The two GDT slots of an available 64-bit TSS descriptor. The base is scattered the way the
 * 32-bit descriptor format left room for it: bits 0-23, bits 24-31, then bits 32-63 in slot two.
 */
static void write_tss_descriptor(uint64_t *table, uint64_t base, uint32_t limit)
{
    uint64_t base_low = base & 0xffffff, base_mid = (base >> 24) & 0xff, base_high = base >> 32;

    table[GDT_TSS] = (limit & DESC_LIMIT_LOW_MASK) | base_low << DESC_BASE_LOW_SHIFT |
                     (uint64_t)DESC_TYPE_TSS << DESC_TYPE_SHIFT | BIT(DESC_PRESENT_BIT) |
                     base_mid << DESC_BASE_MID_SHIFT;
    table[GDT_TSS + 1] = base_high;
}

void cpu_arch_load(struct cpu_arch *c, char *const ist_tops[CPU_IST_STACKS])
{
    static const unsigned slots[CPU_IST_STACKS] = {IST_DOUBLE_FAULT, IST_NMI, IST_MACHINE_CHECK};
    struct gdt_pointer pointer = {.limit = sizeof(c->gdt) - 1, .base = (uintptr_t)c->gdt};

    c->self = c;
    memcpy(c->gdt, gdt, sizeof(c->gdt));
    memset(&c->tss, 0, sizeof(c->tss));
    for (unsigned i = 0; i < CPU_IST_STACKS; i++)
        c->tss.ist[slots[i] - 1] = (uint64_t)(uintptr_t)ist_tops[i];
    c->tss.iomap_base = sizeof(c->tss);
    write_tss_descriptor(c->gdt, (uint64_t)(uintptr_t)&c->tss, sizeof(c->tss) - 1);
    /* The selectors stay valid: the copy has the same code and data descriptors in the same
     * slots, so the segment registers' cached descriptors need no reload. */
    __asm__ volatile("lgdt %0" : : "m"(pointer) : "memory");
    __asm__ volatile("ltr %w0" : : "r"(SELECTOR_TSS) : "memory");
    cpu_wrmsr(MSR_GS_BASE, (uint64_t)(uintptr_t)c);
}
