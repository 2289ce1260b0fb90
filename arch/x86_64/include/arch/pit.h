/* SPDX-License-Identifier: MIT */
/* The 8254 programmable interval timer (Intel 82C54 datasheet; PC wiring from the AT BIOS). */
#ifndef ARCH_PIT_H
#define ARCH_PIT_H

#include <arch/bits.h>
#include <stdbool.h>
#include <stdint.h>

#define PIT_HZ              1193182 /* input clock: 14.31818 MHz / 12 */
#define PIT_CHANNEL0        0x40    /* counter 0: IRQ 0 */
#define PIT_CHANNEL2        0x42    /* counter 2: the speaker, gated by port 0x61 */
#define PIT_COMMAND         0x43
/* Control word (datasheet, "Control Word Format"): counter, read/write LSB then MSB, mode */
#define PIT_SELECT_CHANNEL0 (0u << 6)
#define PIT_SELECT_CHANNEL2 (2u << 6)
#define PIT_ACCESS_LOHI     (3u << 4)
#define PIT_MODE_0          (0u << 1) /* interrupt on terminal count: OUT goes high at 0 */
#define PIT_MODE_2          (2u << 1) /* rate generator: a pulse every `count` clocks */
/* System control port B (PC/AT): channel 2's gate and output */
#define PORT_B              0x61
#define PORT_B_GATE2        BIT(0) /* channel 2 counts while high */
#define PORT_B_SPEAKER      BIT(1) /* channel 2 output to the speaker */
#define PORT_B_OUT2         BIT(5) /* channel 2 output, read back */
#define PIT_MAX_COUNT       0xffff

/* Start channel 2 counting down from count (speaker off); pit_channel2_done once it reached 0. */
void pit_channel2_start(uint16_t count);
bool pit_channel2_done(void);
/* Channel 0 as a rate generator: IRQ 0 every count input clocks. */
void pit_channel0_periodic(uint16_t count);
/* Channel 0 stopped (one-shot mode with nothing loaded never fires again). */
void pit_channel0_stop(void);

#endif
