/* SPDX-License-Identifier: MIT */
/* HPET driver: only the main counter, as a reference clock (IA-PC HPET specification 1.0a). */
#include <arch/memlayout.h>
#include <arch/paging.h>
#include <arch/pc/hpet.h>

static volatile uint64_t *regs;
static uint32_t period_fs;
static bool counter_64;

static uint64_t read_reg(uint32_t offset)
{
    return regs[offset / sizeof(uint64_t)];
}

static void write_reg(uint32_t offset, uint64_t value)
{
    regs[offset / sizeof(uint64_t)] = value;
}

const char *hpet_start(uint64_t phys)
{
    if (!phys_in_direct_map(phys, HPET_MMIO_SIZE) ||
        !paging_map_device(&kernel_space, phys, HPET_MMIO_SIZE, PAGE_CACHE_UC))
        return "hpet: registers cannot be mapped";
    regs = phys_to_virt(phys);
    uint64_t caps = read_reg(HPET_GCAP_ID);
    period_fs = (uint32_t)(caps >> HPET_GCAP_PERIOD_SHIFT);
    counter_64 = caps & HPET_GCAP_COUNT_64;
    if (period_fs == 0 || period_fs > HPET_MAX_PERIOD_FS) {
        regs = 0;
        return "hpet: impossible counter period, HPET not used";
    }
    write_reg(HPET_GEN_CONF, read_reg(HPET_GEN_CONF) | HPET_CONF_ENABLE);
    return 0;
}

uint64_t hpet_counter(void)
{
    return counter_64 ? read_reg(HPET_MAIN_COUNTER) : (uint32_t)read_reg(HPET_MAIN_COUNTER);
}

uint32_t hpet_period_fs(void)
{
    return period_fs;
}

bool hpet_counter_is_64(void)
{
    return counter_64;
}
