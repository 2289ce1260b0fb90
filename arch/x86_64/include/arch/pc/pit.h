/* SPDX-License-Identifier: MIT */
/* The PC's 8253/8254 programmable interval timer (Intel 82C54 data sheet): ports, the control word
 * and the driver's interface. Channel 0 drives IRQ 0; channel 2, gated through port B, is the
 * reference the other timers are calibrated against when there is no HPET. */
#ifndef ARCH_PC_PIT_H
#define ARCH_PC_PIT_H

#include <arch/bits.h>

#define PIT_INPUT_HZ 1193182 /* 14.31818 MHz / 12: the PC's PIT clock since the IBM PC */
#define PIT_CH0_DATA 0x40    /* channel 0 counter */
#define PIT_CH2_DATA 0x42    /* channel 2 counter (the speaker's) */
#define PIT_CONTROL  0x43    /* control word register (write only) */

/* Control word fields (82C54 "Control Word Format") */
#define PIT_SELECT_CH0    (0 << 6) /* SC1-SC0: which counter the word programs */
#define PIT_SELECT_CH2    (2 << 6)
#define PIT_ACCESS_LATCH  (0 << 4) /* RW1-RW0 = 00: latch the count for reading */
#define PIT_ACCESS_LO_HI  (3 << 4) /* RW1-RW0: counter written low byte, then high byte */
#define PIT_MODE_RATE     (2 << 1) /* M2-M0 = 010: mode 2, rate generator (periodic) */
#define PIT_MODE_TERMINAL (0 << 1) /* M2-M0 = 000: mode 0, one count down then output high */
#define PIT_BINARY        0        /* BCD = 0: a 16-bit binary counter */
#define PIT_MAX_DIVISOR   65536    /* a count of 0 means 65536: 18.2 Hz, the BIOS's tick */

/* System control port B (IBM PC/AT technical reference): channel 2's gate and output. */
#define PORT_B         0x61
#define PORT_B_GATE2   BIT(0) /* channel 2 counts while high */
#define PORT_B_SPEAKER BIT(1) /* channel 2's output drives the speaker */
#define PORT_B_OUT2    BIT(5) /* channel 2's output, read back */

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

/* Channel 0 as a rate generator at about hz (19-1193182), raising IRQ 0 each period. */
void pit_set_periodic(unsigned hz);
/* Channel 0 counts down once and stops raising IRQ 0 (mode 0 with the longest count). */
void pit_stop(void);
/* Channel 2 counts down once from count (1-65535) with the speaker off; pit_channel2_done says
 * when it has reached 0 (count / PIT_INPUT_HZ seconds later). */
void pit_channel2_start(uint16_t count);
bool pit_channel2_done(void);
/* Channel 2's count now (it counts down; in mode 0 it wraps past 0 and goes on). */
uint16_t pit_channel2_count(void);
#endif

#endif
