/* SPDX-License-Identifier: MIT */
/*
 * Local APIC programming (Intel SDM vol. 3A ch. 11) through a register bus, so the same sequence
 * drives the xAPIC's MMIO page and the x2APIC's MSRs, and host tests can record it.
 */
#include <arch/lapic.h>

void lapic_setup(const struct lapic_bus *bus, uint8_t spurious, uint8_t error,
                 const struct lapic_nmi_pin *nmis, unsigned nmi_count)
{
    /* Software-enable with the spurious vector (SDM 3A 11.9): before it, LVTs stay masked. */
    bus->write(LAPIC_SVR, LAPIC_SVR_ENABLE | spurious);
    bus->write(LAPIC_TPR, 0); /* accept every priority class */
    /* LINT0 carries the 8259's INTR in virtual-wire mode: masked, the IOAPIC replaces it. */
    bus->write(LAPIC_LVT_LINT0, LVT_MASKED | LVT_DELIVERY_EXTINT);
    bus->write(LAPIC_LVT_LINT1, LVT_MASKED);
    for (unsigned i = 0; i < nmi_count; i++) {
        uint32_t lvt = LVT_DELIVERY_NMI;
        if (nmis[i].active_low)
            lvt |= LVT_ACTIVE_LOW;
        if (nmis[i].level)
            lvt |= LVT_LEVEL;
        bus->write(nmis[i].lint ? LAPIC_LVT_LINT1 : LAPIC_LVT_LINT0, lvt);
    }
    bus->write(LAPIC_LVT_ERROR, error);
    /* The ESR latches on a write (SDM 3A 11.5.3): write twice to clear what is pending. */
    bus->write(LAPIC_ESR, 0);
    bus->write(LAPIC_ESR, 0);
    lapic_timer_stop(bus);
    bus->write(LAPIC_EOI, 0); /* acknowledge anything the firmware left in service */
}

uint32_t lapic_bus_id(const struct lapic_bus *bus)
{
    uint32_t id = bus->read(LAPIC_ID);

    return bus->x2apic ? id : id >> LAPIC_XAPIC_ID_SHIFT;
}

void lapic_bus_eoi(const struct lapic_bus *bus)
{
    bus->write(LAPIC_EOI, 0);
}

void lapic_self_ipi(const struct lapic_bus *bus, uint8_t vector)
{
    if (bus->x2apic)
        bus->write(LAPIC_SELF_IPI, vector);
    else
        bus->write(LAPIC_ICR_LOW, ICR_DEST_SELF | vector);
}

void lapic_timer_oneshot(const struct lapic_bus *bus, uint32_t count)
{
    bus->write(LAPIC_TIMER_DIVIDE, LAPIC_DIVIDE_16);
    bus->write(LAPIC_LVT_TIMER, LVT_MASKED | LVT_TIMER_ONESHOT);
    bus->write(LAPIC_TIMER_INITIAL, count); /* writing the initial count starts it */
}

void lapic_timer_periodic(const struct lapic_bus *bus, uint8_t vector, uint32_t count)
{
    bus->write(LAPIC_TIMER_DIVIDE, LAPIC_DIVIDE_16);
    bus->write(LAPIC_LVT_TIMER, LVT_TIMER_PERIODIC | vector);
    bus->write(LAPIC_TIMER_INITIAL, count);
}

void lapic_timer_deadline(const struct lapic_bus *bus, uint8_t vector, uint64_t tsc)
{
    /* Switching the LVT to deadline mode must come before the MSR write (SDM 3A 11.5.4.1). */
    bus->write(LAPIC_LVT_TIMER, LVT_TIMER_DEADLINE | vector);
    bus->write_deadline(tsc);
}

void lapic_timer_stop(const struct lapic_bus *bus)
{
    bus->write(LAPIC_LVT_TIMER, LVT_MASKED);
    bus->write(LAPIC_TIMER_INITIAL, 0);
}

/* Spins waiting for an xAPIC's delivery status to clear. Acceptance takes well under a
 * microsecond on real hardware; a status stuck for 2^20 reads (tens of ms) means a dead APIC. */
#define ICR_IDLE_SPINS (1ul << 20)

static bool icr_idle(const struct lapic_bus *bus)
{
    if (bus->x2apic)
        return true; /* x2APIC has no delivery status bit: the write cannot be lost */
    for (unsigned long i = 0; i < ICR_IDLE_SPINS; i++) {
        if (!(bus->read(LAPIC_ICR_LOW) & ICR_PENDING))
            return true;
    }
    return false;
}

static bool send(const struct lapic_bus *bus, uint32_t dest, uint32_t low)
{
    if (!icr_idle(bus))
        return false;
    bus->write_icr(dest, low);
    return icr_idle(bus);
}

bool lapic_send_ipi(const struct lapic_bus *bus, uint32_t apic_id, uint8_t vector)
{
    return send(bus, apic_id, ICR_DELIVERY_FIXED | ICR_LEVEL_ASSERT | vector);
}

bool lapic_send_ipi_others(const struct lapic_bus *bus, uint8_t vector)
{
    return send(bus, 0, ICR_DEST_OTHERS | ICR_DELIVERY_FIXED | ICR_LEVEL_ASSERT | vector);
}

bool lapic_send_nmi(const struct lapic_bus *bus, uint32_t apic_id)
{
    return send(bus, apic_id, ICR_DELIVERY_NMI | ICR_LEVEL_ASSERT);
}

bool lapic_send_nmi_others(const struct lapic_bus *bus)
{
    return send(bus, 0, ICR_DEST_OTHERS | ICR_DELIVERY_NMI | ICR_LEVEL_ASSERT);
}

bool lapic_send_init(const struct lapic_bus *bus, uint32_t apic_id)
{
    return send(bus, apic_id, ICR_DELIVERY_INIT | ICR_LEVEL_ASSERT);
}

bool lapic_send_startup(const struct lapic_bus *bus, uint32_t apic_id, uint8_t page_number)
{
    return send(bus, apic_id, ICR_DELIVERY_STARTUP | ICR_LEVEL_ASSERT | page_number);
}
