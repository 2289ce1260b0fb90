/* SPDX-License-Identifier: MIT */
/* The PC's 8253/8254 programmable interval timer (Intel 82C54 data sheet): ports, the control word
 * and the driver's interface. Channel 0 drives IRQ 0. */
#ifndef ARCH_PC_PIT_H
#define ARCH_PC_PIT_H

#define PIT_INPUT_HZ 1193182 /* 14.31818 MHz / 12: the PC's PIT clock since the IBM PC */
#define PIT_CH0_DATA 0x40    /* channel 0 counter */
#define PIT_CONTROL  0x43    /* control word register (write only) */

/* Control word fields (82C54 "Control Word Format") */
#define PIT_SELECT_CH0    (0 << 6) /* SC1-SC0: which counter the word programs */
#define PIT_ACCESS_LO_HI  (3 << 4) /* RW1-RW0: counter written low byte, then high byte */
#define PIT_MODE_RATE     (2 << 1) /* M2-M0 = 010: mode 2, rate generator (periodic) */
#define PIT_MODE_TERMINAL (0 << 1) /* M2-M0 = 000: mode 0, one count down then output high */
#define PIT_BINARY        0        /* BCD = 0: a 16-bit binary counter */
#define PIT_MAX_DIVISOR   65536    /* a count of 0 means 65536: 18.2 Hz, the BIOS's tick */

#ifndef __ASSEMBLER__
/* Channel 0 as a rate generator at about hz (19-1193182), raising IRQ 0 each period. */
void pit_set_periodic(unsigned hz);
/* Channel 0 counts down once and stops raising IRQ 0 (mode 0 with the longest count). */
void pit_stop(void);
#endif

#endif
