/* SPDX-License-Identifier: MIT */
/*
 * The task state segment. In long mode it no longer switches tasks; it holds the interrupt stack
 * table: stacks the CPU switches to for chosen vectors, so a double fault caused by a blown
 * kernel stack still has a good stack to run on (Intel SDM vol. 3A 7.7, 6.14.5).
 */
#include <arch/bits.h>
#include <arch/idt.h>
#include <arch/segment.h>
#include <arch/stacks.h>
#include <stddef.h>
#include <stdint.h>

struct tss {
    uint32_t reserved0;
    uint64_t rsp[3]; /* stacks for entry from rings 0-2 (unused: no user mode yet) */
    uint64_t reserved1;
    uint64_t ist[7]; /* IST1-7; the IDT's gate names a slot */
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base; /* offset of the I/O permission bitmap; past the limit: none */
} __attribute__((packed));
/* SDM 3A figure 8-11, "64-Bit TSS Format": IST1 at offset 0x24, 104 bytes in all */
#define TSS_IST_OFFSET 0x24
#define TSS_SIZE       0x68
_Static_assert(offsetof(struct tss, ist) == TSS_IST_OFFSET, "64-bit TSS layout");
_Static_assert(sizeof(struct tss) == TSS_SIZE, "64-bit TSS layout");

static struct tss tss;

static void set_ist(unsigned slot, const char *top)
{
    tss.ist[slot - 1] = (uint64_t)(uintptr_t)top;
}

/*
 * The two GDT slots of an available 64-bit TSS descriptor. The base is scattered the way the
 * 32-bit descriptor format left room for it: bits 0-23, bits 24-31, then bits 32-63 in slot two.
 */
static void write_tss_descriptor(uint64_t base, uint32_t limit)
{
    uint64_t base_low = base & 0xffffff, base_mid = (base >> 24) & 0xff, base_high = base >> 32;

    gdt[GDT_TSS] = (limit & DESC_LIMIT_LOW_MASK) | base_low << DESC_BASE_LOW_SHIFT |
                   (uint64_t)DESC_TYPE_TSS << DESC_TYPE_SHIFT | BIT(DESC_PRESENT_BIT) |
                   base_mid << DESC_BASE_MID_SHIFT;
    gdt[GDT_TSS + 1] = base_high;
}

void tss_init(void)
{
    set_ist(IST_DOUBLE_FAULT, df_stack_top);
    set_ist(IST_NMI, nmi_stack_top);
    set_ist(IST_MACHINE_CHECK, mc_stack_top);
    tss.iomap_base = sizeof(tss);
    write_tss_descriptor((uint64_t)(uintptr_t)&tss, sizeof(tss) - 1);
    __asm__ volatile("ltr %w0" : : "r"(SELECTOR_TSS) : "memory");
}
