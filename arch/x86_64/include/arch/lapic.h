/* SPDX-License-Identifier: MIT */
/* The local APIC (Intel SDM vol. 3A ch. 11): registers, bits, and cyan's driver interface. */
#ifndef ARCH_LAPIC_H
#define ARCH_LAPIC_H

#include <arch/bits.h>
#include <arch/processor.h> /* CPUID_EDX_APIC, CPUID_ECX_X2APIC, CPUID_ECX_TSC_DEADLINE */
#include <stdbool.h>
#include <stdint.h>

/* IA32_APIC_BASE (SDM 3A 11.4.4, 11.12.1) */
#define MSR_APIC_BASE       0x1b
#define APIC_BASE_BSP       BIT(8)                /* this is the bootstrap processor */
#define APIC_BASE_EXTD      BIT(10)               /* x2APIC mode */
#define APIC_BASE_ENABLE    BIT(11)               /* the APIC is globally enabled */
#define APIC_BASE_ADDR_MASK 0x000ffffffffff000ull /* physical base of the xAPIC MMIO page */

/* Register offsets in the xAPIC MMIO page (SDM 3A table 11-1); x2APIC MSR = 0x800 + off/16. */
#define LAPIC_ID            0x020 /* xAPIC: ID in bits 31:24; x2APIC: the whole 32-bit ID */
#define LAPIC_VERSION       0x030
#define LAPIC_TPR           0x080 /* task priority */
#define LAPIC_EOI           0x0b0
#define LAPIC_SVR           0x0f0 /* spurious interrupt vector */
#define LAPIC_ESR           0x280 /* error status */
#define LAPIC_ICR_LOW       0x300 /* interrupt command; writing the low half sends (xAPIC) */
#define LAPIC_ICR_HIGH      0x310 /* xAPIC: the destination, in bits 31:24 */
#define LAPIC_SELF_IPI      0x3f0 /* x2APIC only: write a vector to interrupt this CPU */
#define LAPIC_LVT_TIMER     0x320
#define LAPIC_LVT_LINT0     0x350
#define LAPIC_LVT_LINT1     0x360
#define LAPIC_LVT_ERROR     0x370
#define LAPIC_TIMER_INITIAL 0x380
#define LAPIC_TIMER_CURRENT 0x390
#define LAPIC_TIMER_DIVIDE  0x3e0
#define LAPIC_MMIO_SIZE     0x1000
#define X2APIC_MSR_BASE     0x800 /* SDM 3A 11.12.1.2 */
#define X2APIC_MSR_SHIFT    4
#define MSR_TSC_DEADLINE    0x6e0 /* IA32_TSC_DEADLINE (SDM 3A 11.5.4.1) */

#define LAPIC_XAPIC_ID_SHIFT        24 /* xAPIC ID register: ID in bits 31:24 */
#define LAPIC_VERSION_MAX_LVT_SHIFT 16
#define LAPIC_SVR_ENABLE            BIT(8) /* APIC software enable */

/* Local vector table entries (SDM 3A figure 11-8) */
#define LVT_VECTOR_MASK     0xff
#define LVT_DELIVERY_NMI    (4u << 8) /* delivery mode 100b */
#define LVT_DELIVERY_EXTINT (7u << 8) /* delivery mode 111b: the 8259's INTR */
#define LVT_ACTIVE_LOW      BIT(13)   /* LINT pins: input polarity */
#define LVT_LEVEL           BIT(15)   /* LINT pins: trigger mode */
#define LVT_MASKED          BIT(16)
#define LVT_TIMER_ONESHOT   (0u << 17) /* timer mode bits 18:17 */
#define LVT_TIMER_PERIODIC  (1u << 17)
#define LVT_TIMER_DEADLINE  (2u << 17)

/* Interrupt command register, low half (SDM 3A figure 11-12; x2APIC: figure 11-28) */
#define ICR_DELIVERY_FIXED   (0u << 8)  /* delivery mode 000b: the vector */
#define ICR_DELIVERY_NMI     (4u << 8)  /* 100b: an NMI, the vector ignored */
#define ICR_DELIVERY_INIT    (5u << 8)  /* 101b: INIT, the processor resets to wait-for-SIPI */
#define ICR_DELIVERY_STARTUP (6u << 8)  /* 110b: start-up, executes at vector * 4 KiB */
#define ICR_PENDING          BIT(12)    /* delivery status (xAPIC only): not yet accepted */
#define ICR_LEVEL_ASSERT     BIT(14)    /* level: assert (required for all but INIT de-assert) */
#define ICR_DEST_SELF        (1u << 18) /* destination shorthand 01b: this CPU */
#define ICR_DEST_OTHERS      (3u << 18) /* shorthand 11b: all processors but this one */
#define ICR_XAPIC_DEST_SHIFT 24         /* xAPIC ICR high half: 8-bit destination in bits 31:24 */
#define X2APIC_MSR_ICR       0x830 /* x2APIC: the whole ICR is one 64-bit MSR, destination 63:32 */

/* Divide configuration (SDM 3A figure 11-10): bits 3, 1:0 */
#define LAPIC_DIVIDE_1  0xb
#define LAPIC_DIVIDE_16 0x3
#define LAPIC_DIVISOR   16 /* what the timer runs with: counts of bus clock / 16 */

/* How the driver reaches the registers: MMIO (xAPIC) or MSRs (x2APIC); host tests fake it. */
struct lapic_bus {
    uint32_t (*read)(uint32_t reg);
    void (*write)(uint32_t reg, uint32_t value);
    void (*write_deadline)(uint64_t tsc); /* IA32_TSC_DEADLINE */
    /* Send an IPI: the ICR's destination APIC ID and its low half (what the write sends). */
    void (*write_icr)(uint32_t dest, uint32_t low);
    bool x2apic;
};

/* A LINT pin wired to NMI, as the MADT says. */
struct lapic_nmi_pin {
    uint8_t lint; /* 0 or 1 */
    bool active_low, level;
};

/* Programming the APIC through a bus (lapic.c: pure, built on the host too). */
void lapic_setup(const struct lapic_bus *bus, uint8_t spurious, uint8_t error,
                 const struct lapic_nmi_pin *nmis, unsigned nmi_count);
uint32_t lapic_bus_id(const struct lapic_bus *bus);
void lapic_bus_eoi(const struct lapic_bus *bus);
/* Interrupt this CPU with vector, fixed delivery (the x2APIC's SELF IPI register or the ICR). */
void lapic_self_ipi(const struct lapic_bus *bus, uint8_t vector);
/*
 * Inter-processor interrupts (SDM 3A 11.6). Each waits, boundedly, for an xAPIC to accept the
 * previous command first and returns false if it never did; x2APIC sends cannot stall.
 * Any context, any CPU (each CPU sends through its own APIC).
 */
bool lapic_send_ipi(const struct lapic_bus *bus, uint32_t apic_id, uint8_t vector);
bool lapic_send_ipi_others(const struct lapic_bus *bus, uint8_t vector);
bool lapic_send_nmi(const struct lapic_bus *bus, uint32_t apic_id);
bool lapic_send_nmi_others(const struct lapic_bus *bus);
/* The start-up pair (SDM 3A 8.4.4.1): INIT, then STARTUP at the page page_number * 4 KiB. */
bool lapic_send_init(const struct lapic_bus *bus, uint32_t apic_id);
bool lapic_send_startup(const struct lapic_bus *bus, uint32_t apic_id, uint8_t page_number);
/* Timer: masked one-shot from count (for calibration), periodic, or TSC-deadline armed. */
void lapic_timer_oneshot(const struct lapic_bus *bus, uint32_t count);
void lapic_timer_periodic(const struct lapic_bus *bus, uint8_t vector, uint32_t count);
void lapic_timer_deadline(const struct lapic_bus *bus, uint8_t vector, uint64_t tsc);
void lapic_timer_stop(const struct lapic_bus *bus);

/* The hardware (lapic_hw.c). */
enum lapic_mode { LAPIC_NONE, LAPIC_XAPIC, LAPIC_X2APIC };
/* Switch this CPU's APIC on: x2APIC if CPUID has it (and allow_x2apic), else xAPIC at
 * mmio_phys, mapped uncached; LAPIC_NONE if there is no APIC or its page cannot be mapped. */
enum lapic_mode lapic_enable(uint64_t mmio_phys, bool allow_x2apic);
/* On another CPU, after lapic_enable on the BSP: this CPU's APIC on in the BSP's mode (the
 * result); LAPIC_NONE if this CPU cannot follow it. */
enum lapic_mode lapic_enable_this_cpu(enum lapic_mode mode);
/* The bus lapic_enable chose. */
const struct lapic_bus *lapic_bus(void);
/* What CPUID says (before or after lapic_enable). */
bool lapic_has_tsc_deadline(void);
bool lapic_has_x2apic(void);
/* End of interrupt for the bus lapic_enable chose. */
void lapic_eoi(void);

#endif
