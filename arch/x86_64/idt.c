/* SPDX-License-Identifier: MIT */
/* The interrupt descriptor table: one interrupt gate per vector, a few on IST stacks. */
#include <arch/bits.h>
#include <arch/idt.h>
#include <arch/segment.h>
#include <stdint.h>

/* 64-bit interrupt gate (Intel SDM vol. 3A figure 6-8) */
struct idt_gate {
    uint16_t offset_low;
    uint16_t selector; /* code segment to run the handler in */
    uint8_t ist;       /* bits 0-2: IST slot, 0 = current stack */
    uint8_t attributes;
    uint16_t offset_mid;
    uint32_t offset_high;
    uint32_t reserved;
} __attribute__((packed));
_Static_assert(sizeof(struct idt_gate) == GATE_SIZE, "SDM 3A figure 6-8");

extern const uint64_t trap_stubs[IDT_VECTORS];

static struct idt_gate idt[IDT_VECTORS];

/* Stacks for the vectors that must not trust the current one. */
static unsigned ist_slot(unsigned vector)
{
    switch (vector) {
    case VECTOR_DF:
        return IST_DOUBLE_FAULT; /* the usual cause is an overflowed kernel stack */
    case VECTOR_NMI:
        return IST_NMI;
    case VECTOR_MC:
        return IST_MACHINE_CHECK;
    default:
        return 0;
    }
}

static void set_gate(unsigned vector, uint64_t handler)
{
    idt[vector] = (struct idt_gate){
        .offset_low = handler & 0xffff,
        .selector = SELECTOR_KERNEL_CODE,
        .ist = (uint8_t)ist_slot(vector),
        .attributes = BIT(GATE_PRESENT_BIT) | 0 << GATE_DPL_SHIFT | GATE_TYPE_INTERRUPT,
        .offset_mid = (handler >> 16) & 0xffff,
        .offset_high = handler >> 32,
    };
}

void idt_load(void)
{
    const struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) idtr = {sizeof(idt) - 1, (uint64_t)(uintptr_t)idt};

    __asm__ volatile("lidt %0" : : "m"(idtr) : "memory");
}

void idt_init(void)
{
    for (unsigned v = 0; v < IDT_VECTORS; v++)
        set_gate(v, trap_stubs[v]);
    idt_load();
}
