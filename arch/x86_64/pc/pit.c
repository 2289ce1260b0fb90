/* SPDX-License-Identifier: MIT */
/* PIT driver: channel 0 as a periodic or stopped source of IRQ 0, channel 2 as a stopwatch. */
#include <arch/io.h>
#include <arch/pc/pit.h>
#include <stdint.h>

static void load_channel0(uint8_t mode, uint32_t divisor)
{
    uint16_t count = (uint16_t)divisor; /* 65536 is written as 0 */

    outb(PIT_CONTROL, PIT_SELECT_CH0 | PIT_ACCESS_LO_HI | mode | PIT_BINARY);
    outb(PIT_CH0_DATA, (uint8_t)count);
    outb(PIT_CH0_DATA, (uint8_t)(count >> 8));
}

void pit_set_periodic(unsigned hz)
{
    uint32_t divisor = hz ? (PIT_INPUT_HZ + hz / 2) / hz : PIT_MAX_DIVISOR;

    if (divisor < 2)
        divisor = 2; /* mode 2 needs a count of at least 2 */
    if (divisor > PIT_MAX_DIVISOR)
        divisor = PIT_MAX_DIVISOR;
    load_channel0(PIT_MODE_RATE, divisor);
}

void pit_stop(void)
{
    /* mode 0 raises OUT once at the end of the count and then holds it: one last edge at most */
    load_channel0(PIT_MODE_TERMINAL, PIT_MAX_DIVISOR);
}

void pit_channel2_start(uint16_t count)
{
    uint8_t port_b = inb(PORT_B) & ~(PORT_B_GATE2 | PORT_B_SPEAKER);

    outb(PORT_B, port_b); /* gate low: the counter holds while it is loaded */
    outb(PIT_CONTROL, PIT_SELECT_CH2 | PIT_ACCESS_LO_HI | PIT_MODE_TERMINAL | PIT_BINARY);
    outb(PIT_CH2_DATA, (uint8_t)count);
    outb(PIT_CH2_DATA, (uint8_t)(count >> 8));
    outb(PORT_B, port_b | PORT_B_GATE2); /* gate high: counting starts */
}

bool pit_channel2_done(void)
{
    /* mode 0: OUT goes high when the count reaches 0 and stays high */
    return inb(PORT_B) & PORT_B_OUT2;
}

uint16_t pit_channel2_count(void)
{
    outb(PIT_CONTROL, PIT_SELECT_CH2 | PIT_ACCESS_LATCH);
    uint8_t low = inb(PIT_CH2_DATA);
    return (uint16_t)(low | inb(PIT_CH2_DATA) << 8);
}
