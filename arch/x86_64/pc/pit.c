/* SPDX-License-Identifier: MIT */
/* 8254 PIT: channel 2 as a calibration reference, channel 0 as a fallback tick on IRQ 0. */
#include <arch/io.h>
#include <arch/pit.h>

#define LOW_BYTE  0xff
#define BYTE_BITS 8

static void load(uint16_t port, uint16_t count)
{
    outb(port, count & LOW_BYTE);
    outb(port, (uint8_t)(count >> BYTE_BITS));
}

void pit_channel2_start(uint16_t count)
{
    uint8_t b = inb(PORT_B) & ~(PORT_B_GATE2 | PORT_B_SPEAKER);

    outb(PORT_B, b); /* gate low: the counter holds */
    outb(PIT_COMMAND, PIT_SELECT_CHANNEL2 | PIT_ACCESS_LOHI | PIT_MODE_0);
    load(PIT_CHANNEL2, count);
    outb(PORT_B, b | PORT_B_GATE2); /* gate high: counting starts */
}

bool pit_channel2_done(void)
{
    return inb(PORT_B) & PORT_B_OUT2;
}

void pit_channel0_periodic(uint16_t count)
{
    outb(PIT_COMMAND, PIT_SELECT_CHANNEL0 | PIT_ACCESS_LOHI | PIT_MODE_2);
    load(PIT_CHANNEL0, count);
}

void pit_channel0_stop(void)
{
    outb(PIT_COMMAND, PIT_SELECT_CHANNEL0 | PIT_ACCESS_LOHI | PIT_MODE_0);
}
