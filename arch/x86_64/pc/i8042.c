/* SPDX-License-Identifier: MIT */
/*
 * 8042 PS/2 controller driver, keyboard port only. Initialisation follows the controller's
 * documented order: ports off, output buffer flushed, configuration with interrupts off,
 * controller and port self-tests, port on, keyboard reset and its self-test, scan code set,
 * scanning on, then IRQ 1 on.
 *
 * Scan codes: the keyboard is asked for set 2, its power-on default and the one every keyboard
 * and every firmware's USB-to-PS/2 emulation supports, and the controller translates it to set 1
 * (its default too). Set 1 makes and breaks are one byte each (plus prefixes), so the decoder
 * stays small; asking for set 1 directly is the poorly supported path on real keyboards.
 */
#include <arch/cpu.h>
#include <arch/io.h>
#include <arch/pc/i8042.h>
#include <stddef.h>

/* Bounded waits, counted in status reads: one read is an ISA-speed bus cycle of about 1 us on
 * real hardware, so POLLS is ~0.1 s. The keyboard's self-test after a reset may take up to about
 * half a second (the technical reference gives 300-500 ms), hence RESET_POLLS. */
#define POLLS       100000
#define RESET_POLLS (20 * POLLS)
#define FLUSH_MAX   64 /* bytes a controller can hold: its buffer plus a keyboard's FIFO */
#define RESENDS     3  /* a keyboard asks for a resend after a parity error; give up after 3 */
#define IRQ_DRAIN   16 /* bytes one interrupt takes at most, so a stuck bit cannot trap us */

static i8042_byte_fn byte_sink;
/*
 * Who reads the data port: the IRQ handler, or a command waiting for its acknowledgement. With
 * both on different CPUs, the handler could take the ACK as a keystroke and the command a
 * keystroke as the answer. Taken with interrupts off; the holder's waits are bounded (POLLS
 * status reads each), so spinning for it is too.
 */
static bool port_busy;

static void port_take(void)
{
    while (__atomic_exchange_n(&port_busy, true, __ATOMIC_ACQUIRE))
        cpu_relax();
}

static void port_give(void)
{
    __atomic_store_n(&port_busy, false, __ATOMIC_RELEASE);
}

static bool wait_status(uint8_t bit, bool set, long polls)
{
    for (long i = 0; i < polls; i++) {
        if (((inb(I8042_STATUS) & bit) != 0) == set)
            return true;
        cpu_relax();
    }
    return false;
}

static bool write_port(uint16_t port, uint8_t value)
{
    if (!wait_status(I8042_STATUS_INPUT_FULL, false, POLLS))
        return false;
    outb(port, value);
    return true;
}

/* The next byte from the output buffer, or -1 after polls status reads. */
static int read_data(long polls)
{
    if (!wait_status(I8042_STATUS_OUTPUT_FULL, true, polls))
        return -1;
    return inb(I8042_DATA);
}

/* A controller command that answers with one byte: the answer, or -1. */
static int command_reply(uint8_t command)
{
    if (!write_port(I8042_COMMAND, command))
        return -1;
    return read_data(POLLS);
}

/* Send a byte to the keyboard until it acknowledges (resending on request). Other bytes that come
 * first (keystrokes) go to the sink. */
static bool keyboard_send(uint8_t byte)
{
    for (int attempt = 0; attempt < RESENDS; attempt++) {
        if (!write_port(I8042_DATA, byte))
            return false;
        for (int extra = 0; extra < FLUSH_MAX; extra++) {
            int reply = read_data(POLLS);
            if (reply == KBD_ACK)
                return true;
            if (reply < 0 || reply == KBD_RESEND)
                break;
            if (byte_sink)
                byte_sink((uint8_t)reply);
        }
    }
    return false;
}

static void flush_output(void)
{
    for (int i = 0; i < FLUSH_MAX && (inb(I8042_STATUS) & I8042_STATUS_OUTPUT_FULL); i++)
        (void)inb(I8042_DATA);
}

static bool write_config(uint8_t config)
{
    return write_port(I8042_COMMAND, I8042_CMD_WRITE_CONFIG) && write_port(I8042_DATA, config);
}

/* Steps 1-5: the controller itself. */
static const char *controller_init(void)
{
    if (!write_port(I8042_COMMAND, I8042_CMD_DISABLE_PORT1) ||
        !write_port(I8042_COMMAND, I8042_CMD_DISABLE_PORT2))
        return "controller does not take commands (no 8042?)";
    flush_output();
    int config = command_reply(I8042_CMD_READ_CONFIG);
    if (config < 0)
        return "controller did not answer the configuration read";
    /* no interrupts during the tests; translation on; mouse clock off (port 2 unused) */
    config &= ~(I8042_CONFIG_PORT1_IRQ | I8042_CONFIG_PORT2_IRQ | I8042_CONFIG_PORT1_CLOCK);
    config |= I8042_CONFIG_TRANSLATE | I8042_CONFIG_PORT2_CLOCK;
    if (!write_config((uint8_t)config))
        return "controller did not take the configuration byte";
    if (command_reply(I8042_CMD_SELF_TEST) != I8042_SELF_TEST_OK)
        return "controller self-test failed";
    /* some controllers come out of the self-test reset to their defaults */
    if (!write_config((uint8_t)config))
        return "controller did not take the configuration byte";
    if (command_reply(I8042_CMD_TEST_PORT1) != I8042_PORT_TEST_OK)
        return "keyboard port test failed";
    return NULL;
}

/* Steps 6-9: the keyboard. */
static const char *keyboard_init(void)
{
    if (!write_port(I8042_COMMAND, I8042_CMD_ENABLE_PORT1))
        return "controller did not enable the keyboard port";
    if (!keyboard_send(KBD_CMD_RESET))
        return "no keyboard acknowledged the reset";
    if (read_data(RESET_POLLS) != KBD_SELF_TEST_OK)
        return "keyboard self-test failed";
    /* set 2 is what a reset leaves: a keyboard (or an emulation) that refuses the command is
     * still sending it */
    if (keyboard_send(KBD_CMD_SCAN_SET))
        (void)keyboard_send(KBD_SCAN_SET_2);
    if (!keyboard_send(KBD_CMD_ENABLE_SCAN))
        return "keyboard refused to start scanning";
    return NULL;
}

const char *i8042_init(i8042_byte_fn on_byte)
{
    const char *error = controller_init();

    if (!error)
        error = keyboard_init();
    if (error) {
        (void)write_port(I8042_COMMAND, I8042_CMD_DISABLE_PORT1);
        return error;
    }
    int config = command_reply(I8042_CMD_READ_CONFIG);
    if (config < 0 || !write_config((uint8_t)(config | I8042_CONFIG_PORT1_IRQ)))
        return "controller did not take the configuration byte";
    flush_output();
    byte_sink = on_byte;
    return NULL;
}

/* Hand what waits in the output buffer to the sink, IRQ_DRAIN bytes at most. */
static void drain(void)
{
    for (int i = 0; i < IRQ_DRAIN; i++) {
        uint8_t status = inb(I8042_STATUS);
        if (!(status & I8042_STATUS_OUTPUT_FULL))
            return;
        uint8_t byte = inb(I8042_DATA);
        if (!(status & I8042_STATUS_AUX_DATA) && byte_sink)
            byte_sink(byte);
    }
}

void i8042_interrupt(void)
{
    port_take();
    drain();
    port_give();
}

bool i8042_set_leds(uint8_t leds)
{
    port_take();
    /* IRQ 1 meanwhile: a handler on another CPU waits for the port, this CPU's comes after */
    bool ok = keyboard_send(KBD_CMD_SET_LEDS) && keyboard_send(leds);
    port_give();
    return ok;
}

void i8042_pulse_reset(void)
{
    if (!write_port(I8042_COMMAND, I8042_CMD_PULSE_RESET))
        return;
    /* the reset takes effect within microseconds; give it the time of one wait */
    for (long i = 0; i < POLLS; i++)
        (void)inb(I8042_STATUS);
}
