/* SPDX-License-Identifier: MIT */
/* 16550 driver: the UART answers, and its registers hold what the data sheet says we programmed. */
#include "ktest.h"

#include <arch/io.h>
#include <arch/pc/uart16550.h>

KTEST(serial_uart_is_found_and_programmed_for_115200_8n1)
{
    KT_ASSERT(serial_init());
    KT_ASSERT_EQ(LCR_WORD_8BIT, inb(COM1_PORT + UART_LCR));

    /* the divisor latch is readable only with DLAB set */
    outb(COM1_PORT + UART_LCR, LCR_DLAB | LCR_WORD_8BIT);
    unsigned divisor = inb(COM1_PORT + UART_DLL) | inb(COM1_PORT + UART_DLM) << 8;
    outb(COM1_PORT + UART_LCR, LCR_WORD_8BIT);
    KT_ASSERT_EQ(UART_DIVISOR, divisor);
}

KTEST(serial_interrupts_stay_off)
{
    KT_ASSERT_EQ(0, inb(COM1_PORT + UART_IER));
}
