/* SPDX-License-Identifier: MIT */
/* Polled 16550 UART driver for COM1. */
#ifndef CYAN_SERIAL_H
#define CYAN_SERIAL_H

#include <stdbool.h>

/* Program COM1 (115200 8N1, FIFOs on, no interrupts). Returns false if no working UART answers. */
bool serial_init(void);
/* Send one byte; '\n' goes out as CR LF. Does nothing if serial_init found no UART. */
void serial_putc(char c);

#endif
