/* SPDX-License-Identifier: MIT */
/* Input for the kernel: the PS/2 keyboard and COM1, merged into one queue of events. */
#ifndef CYAN_INPUT_H
#define CYAN_INPUT_H

#include "boot_info.h"
#include "keys.h"

#include <stdint.h>

/*
 * Choose the layout (kbd= on the command line, default us), bring up the 8042 and COM1's receive
 * interrupt and route IRQs 1 and 4. After the interrupt controllers are up (irq_init). Prints
 * one line saying what works; without a keyboard the serial port still does.
 */
void input_init(const struct boot_info *info);
/* The next event: a thread blocks while there is none (before the scheduler runs: halts, sti;
 * hlt). Returns with interrupts on. */
void input_wait(struct input_event *ev);
/* Events dropped because the queue was full. */
uint32_t input_lost(void);
/* Whether a PS/2 keyboard came up; the layout in use. */
bool input_have_keyboard(void);
const char *input_layout_name(void);

#endif
