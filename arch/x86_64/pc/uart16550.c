/* SPDX-License-Identifier: MIT */
/* Polled driver for the 16550 UART on COM1: the kernel's always-available text output. */
#include <arch/cpu.h>
#include <arch/io.h>
#include <arch/pc/uart16550.h>
#include <stdint.h>

#define LOOPBACK_PROBE 0xae   /* any byte works; this one has both nibbles non-trivial */
#define THR_RETRIES    100000 /* bounded waits: a stuck UART must not hang the kernel */

static bool serial_present;

static void uart_write(uint16_t reg, uint8_t value)
{
    outb(COM1_PORT + reg, value);
}

static uint8_t uart_read(uint16_t reg)
{
    return inb(COM1_PORT + reg);
}

/* Many machines have no COM1: send a byte through the UART's internal loopback and see it return.
 */
static bool loopback_works(void)
{
    uart_write(UART_MCR, MCR_LOOPBACK | MCR_DTR | MCR_RTS);
    uart_write(UART_THR, LOOPBACK_PROBE);
    for (int i = 0; i < THR_RETRIES; i++) {
        if (uart_read(UART_LSR) & LSR_DATA_READY)
            return uart_read(UART_RBR) == LOOPBACK_PROBE;
        cpu_relax();
    }
    return false;
}

bool serial_init(void)
{
    uart_write(UART_IER, 0); /* polled: no interrupts */
    uart_write(UART_LCR, LCR_DLAB);
    uart_write(UART_DLL, UART_DIVISOR & 0xff);
    uart_write(UART_DLM, UART_DIVISOR >> 8);
    uart_write(UART_LCR, LCR_WORD_8BIT); /* 8N1, and DLAB off again */
    uart_write(UART_FCR, FCR_ENABLE | FCR_CLEAR_RX | FCR_CLEAR_TX);

    serial_present = loopback_works();
    /* leave loopback: DTR and RTS tell the other end we are ready */
    uart_write(UART_MCR, MCR_DTR | MCR_RTS | MCR_OUT2);
    return serial_present;
}

static void put_raw(char c)
{
    for (int i = 0; i < THR_RETRIES && !(uart_read(UART_LSR) & LSR_THR_EMPTY); i++)
        cpu_relax();
    uart_write(UART_THR, (uint8_t)c);
}

void serial_putc(char c)
{
    if (!serial_present)
        return;
    if (c == '\n')
        put_raw('\r');
    put_raw(c);
}
