/* SPDX-License-Identifier: MIT */
/* The local APIC's two register buses: the xAPIC MMIO page and the x2APIC MSRs (SDM 3A 11.4). */
#include <arch/cpu.h>
#include <arch/lapic.h>
#include <arch/memlayout.h>
#include <arch/paging.h>
#include <arch/processor.h>

static volatile uint32_t *mmio; /* the xAPIC page, mapped uncached */

static uint32_t mmio_read(uint32_t reg)
{
    return mmio[reg / sizeof(uint32_t)];
}

static void mmio_write(uint32_t reg, uint32_t value)
{
    mmio[reg / sizeof(uint32_t)] = value;
}

static uint32_t msr_read(uint32_t reg)
{
    return (uint32_t)cpu_rdmsr(X2APIC_MSR_BASE + (reg >> X2APIC_MSR_SHIFT));
}

static void msr_write(uint32_t reg, uint32_t value)
{
    cpu_wrmsr(X2APIC_MSR_BASE + (reg >> X2APIC_MSR_SHIFT), value);
}

/*
 * WRMSR to IA32_TSC_DEADLINE is not ordered after an earlier MMIO write to the LVT (SDM 3A
 * 11.5.4.1 asks software to serialise): the fence makes the LVT's deadline mode come first.
 */
static void deadline_write(uint64_t tsc)
{
    __asm__ volatile("mfence" ::: "memory");
    cpu_wrmsr(MSR_TSC_DEADLINE, tsc);
}

/* The high half names the destination; writing the low half sends (SDM 3A 11.6.1). */
static void mmio_write_icr(uint32_t dest, uint32_t low)
{
    mmio_write(LAPIC_ICR_HIGH, dest << ICR_XAPIC_DEST_SHIFT);
    mmio_write(LAPIC_ICR_LOW, low);
}

/* One WRMSR sends; it is not serialising, so earlier stores must be fenced to be seen by the
 * target before the interrupt (SDM 3A 11.12.3). */
static void msr_write_icr(uint32_t dest, uint32_t low)
{
    __asm__ volatile("mfence" ::: "memory");
    cpu_wrmsr(X2APIC_MSR_ICR, (uint64_t)dest << 32 | low);
}

static const struct lapic_bus xapic_bus = {mmio_read, mmio_write, deadline_write, mmio_write_icr,
                                           false};
static const struct lapic_bus x2apic_bus = {msr_read, msr_write, deadline_write, msr_write_icr,
                                            true};
static const struct lapic_bus *bus;

static uint32_t cpuid_ecx, cpuid_edx;

static void read_cpuid(void)
{
    uint32_t regs[4];

    cpu_cpuid(CPUID_FEATURES, regs);
    cpuid_ecx = regs[2];
    cpuid_edx = regs[3];
}

bool lapic_has_x2apic(void)
{
    read_cpuid();
    return cpuid_ecx & CPUID_ECX_X2APIC;
}

bool lapic_has_tsc_deadline(void)
{
    read_cpuid();
    return cpuid_ecx & CPUID_ECX_TSC_DEADLINE;
}

enum lapic_mode lapic_enable(uint64_t mmio_phys, bool allow_x2apic)
{
    read_cpuid();
    if (!(cpuid_edx & CPUID_EDX_APIC))
        return LAPIC_NONE;
    uint64_t base = cpu_rdmsr(MSR_APIC_BASE);
    if (base & APIC_BASE_EXTD) {
        bus = &x2apic_bus; /* the firmware left x2APIC on; leaving it needs a full reset */
        return LAPIC_X2APIC;
    }
    if (allow_x2apic && (cpuid_ecx & CPUID_ECX_X2APIC)) {
        /* xAPIC enabled first, then EXTD: the only legal way up (SDM 3A figure 11-27). */
        cpu_wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
        cpu_wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE | APIC_BASE_EXTD);
        bus = &x2apic_bus;
        return LAPIC_X2APIC;
    }
    if (!phys_in_direct_map(mmio_phys, LAPIC_MMIO_SIZE) ||
        !paging_map_device(&kernel_space, mmio_phys, LAPIC_MMIO_SIZE, PAGE_CACHE_UC))
        return LAPIC_NONE;
    /* Keep the firmware's base unless the MADT moved it; enable globally. */
    base = (base & ~APIC_BASE_ADDR_MASK) | (mmio_phys & APIC_BASE_ADDR_MASK);
    cpu_wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
    mmio = phys_to_virt(mmio_phys);
    bus = &xapic_bus;
    return LAPIC_XAPIC;
}

const struct lapic_bus *lapic_bus(void)
{
    return bus;
}

void lapic_eoi(void)
{
    lapic_bus_eoi(bus);
}

enum lapic_mode lapic_enable_this_cpu(enum lapic_mode mode)
{
    uint64_t base = cpu_rdmsr(MSR_APIC_BASE);

    if (mode == LAPIC_NONE)
        return LAPIC_NONE;
    if (mode == LAPIC_X2APIC && !(base & APIC_BASE_EXTD)) {
        /* the same way up as the BSP's: xAPIC enabled first, then EXTD */
        cpu_wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
        cpu_wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE | APIC_BASE_EXTD);
    } else if (mode == LAPIC_XAPIC) {
        if (base & APIC_BASE_EXTD)
            return LAPIC_NONE; /* this CPU's firmware left x2APIC on; the BSP's did not */
        /* every APIC sits at the same address, each CPU seeing its own: the BSP's mapping */
        base = (base & ~APIC_BASE_ADDR_MASK) |
               (direct_map_virt_to_phys((const void *)mmio) & APIC_BASE_ADDR_MASK);
        cpu_wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
    }
    return mode;
}
