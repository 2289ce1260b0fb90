/* SPDX-License-Identifier: MIT */
/* The HPET (IA-PC HPET specification 1.0a): registers cyan uses, and the driver's interface. */
#ifndef ARCH_PC_HPET_H
#define ARCH_PC_HPET_H

#include <arch/bits.h>
#include <stdbool.h>
#include <stdint.h>

/* Register offsets (specification 2.3.1, table 2) */
#define HPET_GCAP_ID           0x000 /* general capabilities and ID */
#define HPET_GEN_CONF          0x010 /* general configuration */
#define HPET_MAIN_COUNTER      0x0f0
#define HPET_MMIO_SIZE         0x400
#define HPET_GCAP_PERIOD_SHIFT 32         /* COUNTER_CLK_PERIOD, femtoseconds, bits 63:32 */
#define HPET_GCAP_COUNT_64     BIT(13)    /* COUNT_SIZE_CAP: the main counter is 64 bits wide */
#define HPET_CONF_ENABLE       BIT(0)     /* ENABLE_CNF: the main counter runs */
#define HPET_MAX_PERIOD_FS     100000000u /* at most 100 ns per tick (specification 2.3.4) */

/* Map the block at phys, check its period, start the main counter. NULL, or what is wrong. */
const char *hpet_start(uint64_t phys);
uint64_t hpet_counter(void);
uint32_t hpet_period_fs(void); /* femtoseconds per main counter tick */
bool hpet_counter_is_64(void);

#endif
