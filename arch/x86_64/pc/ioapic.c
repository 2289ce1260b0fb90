/* SPDX-License-Identifier: MIT */
/* I/O APIC driver (Intel 82093AA datasheet): redirection entries behind an index/data window. */
#include <arch/memlayout.h>
#include <arch/paging.h>
#include <arch/pc/ioapic.h>

#define ALL_ONES 0xffffffffu /* what reading unbacked physical memory returns */

static volatile uint32_t *regs(uint32_t phys)
{
    return phys_to_virt(phys);
}

static uint32_t read_reg(uint32_t phys, uint8_t index)
{
    volatile uint32_t *r = regs(phys);

    r[IOAPIC_IOREGSEL / sizeof(uint32_t)] = index;
    return r[IOAPIC_IOWIN / sizeof(uint32_t)];
}

static void write_reg(uint32_t phys, uint8_t index, uint32_t value)
{
    volatile uint32_t *r = regs(phys);

    r[IOAPIC_IOREGSEL / sizeof(uint32_t)] = index;
    r[IOAPIC_IOWIN / sizeof(uint32_t)] = value;
}

unsigned ioapic_probe(uint32_t phys)
{
    if (!paging_map_device(&kernel_space, phys, IOAPIC_MMIO_SIZE, PAGE_CACHE_UC))
        return 0;
    uint32_t version = read_reg(phys, IOAPIC_REG_VER);
    if (version == ALL_ONES)
        return 0;
    return ((version >> IOAPIC_VER_MAX_ENTRY_SHIFT) & IOAPIC_VER_MAX_ENTRY_MASK) + 1;
}

uint8_t ioapic_id(uint32_t phys)
{
    return (read_reg(phys, IOAPIC_REG_ID) >> IOAPIC_ID_SHIFT) & IOAPIC_ID_MASK;
}

static uint8_t low(unsigned pin)
{
    return (uint8_t)(IOAPIC_REG_REDTBL + 2 * pin);
}

void ioapic_route(uint32_t phys, unsigned pin, uint8_t vector, uint8_t apic_id, bool active_low,
                  bool level, bool masked)
{
    uint32_t entry = vector; /* fixed delivery, physical destination */

    if (active_low)
        entry |= IOAPIC_RTE_ACTIVE_LOW;
    if (level)
        entry |= IOAPIC_RTE_LEVEL;
    /* Mask first so the input never fires half-programmed. */
    write_reg(phys, low(pin), IOAPIC_RTE_MASKED);
    write_reg(phys, low(pin) + 1, (uint32_t)apic_id << IOAPIC_RTE_DEST_SHIFT);
    write_reg(phys, low(pin), entry | (masked ? IOAPIC_RTE_MASKED : 0));
}

void ioapic_set_masked(uint32_t phys, unsigned pin, bool masked)
{
    uint32_t entry = read_reg(phys, low(pin));

    entry = masked ? entry | IOAPIC_RTE_MASKED : entry & ~(uint32_t)IOAPIC_RTE_MASKED;
    write_reg(phys, low(pin), entry);
}

uint32_t ioapic_entry(uint32_t phys, unsigned pin)
{
    return read_reg(phys, low(pin));
}
