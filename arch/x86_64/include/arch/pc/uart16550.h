/* SPDX-License-Identifier: MIT */
/* The PC's 16550 UART on COM1: register map (National Semiconductor PC16550D data sheet) and the
 * polled driver that early boot messages and the kernel console share. */
#ifndef ARCH_PC_UART16550_H
#define ARCH_PC_UART16550_H

#include <arch/bits.h>

#define COM1_PORT 0x3f8 /* I/O base of the first serial port on every PC */

/* Register offsets from the port base. DLAB (LCR bit 7) swaps offsets 0-1 to the divisor latch. */
#define UART_THR 0 /* transmit holding register (write, DLAB=0) */
#define UART_RBR 0 /* receive buffer register (read, DLAB=0) */
#define UART_DLL 0 /* divisor latch, low byte (DLAB=1) */
#define UART_IER 1 /* interrupt enable register (DLAB=0) */
#define UART_DLM 1 /* divisor latch, high byte (DLAB=1) */
#define UART_FCR 2 /* FIFO control register (write) */
#define UART_LCR 3 /* line control register */
#define UART_MCR 4 /* modem control register */
#define UART_LSR 5 /* line status register */

#define LCR_WORD_8BIT  0x03   /* bits 0-1 = 11: eight data bits; bit 2 = 0: one stop bit */
#define LCR_DLAB       BIT(7) /* divisor latch access */
#define FCR_ENABLE     BIT(0) /* enable both FIFOs */
#define FCR_CLEAR_RX   BIT(1) /* reset the receive FIFO */
#define FCR_CLEAR_TX   BIT(2) /* reset the transmit FIFO */
#define MCR_DTR        BIT(0) /* data terminal ready */
#define MCR_RTS        BIT(1) /* request to send */
#define MCR_OUT2       BIT(3) /* gates the IRQ line on PCs; harmless while IER is 0 */
#define MCR_LOOPBACK   BIT(4) /* transmitter output fed back to the receiver */
#define LSR_DATA_READY BIT(0) /* a received byte is waiting in RBR */
#define LSR_THR_EMPTY  BIT(5) /* THR can take another byte */

/* The UART's clock is 1.8432 MHz / 16 = 115200 baud at divisor 1. */
#define UART_BASE_BAUD 115200
#define UART_BAUD      115200
#define UART_DIVISOR   (UART_BASE_BAUD / UART_BAUD)

#ifndef __ASSEMBLER__
#include <stdbool.h>

/* Program COM1 (115200 8N1, FIFOs on, no interrupts). Returns false if no working UART answers. */
bool serial_init(void);
/* Send one byte; '\n' goes out as CR LF. Does nothing if serial_init found no UART. */
void serial_putc(char c);
#endif

#endif
