/* SPDX-License-Identifier: MIT */
/*
 * The 8042 PS/2 controller and the keyboard on its first port: ports, status and configuration
 * bits, controller and keyboard commands (IBM PS/2 Hardware Interface Technical Reference,
 * "Keyboard/Auxiliary Device Controller" and "Keyboard"), and the driver's interface.
 */
#ifndef ARCH_PC_I8042_H
#define ARCH_PC_I8042_H

#include <arch/bits.h>

#define I8042_DATA    0x60 /* output buffer (read), input buffer for the device (write) */
#define I8042_STATUS  0x64 /* status register (read) */
#define I8042_COMMAND 0x64 /* controller command (write) */
#define I8042_IRQ     1    /* ISA IRQ of the first (keyboard) port */

/* Status register */
#define I8042_STATUS_OUTPUT_FULL BIT(0) /* a byte waits in the output buffer */
#define I8042_STATUS_INPUT_FULL  BIT(1) /* the controller has not taken the last write yet */
#define I8042_STATUS_AUX_DATA    BIT(5) /* the waiting byte is from the second (mouse) port */

/* Controller commands */
#define I8042_CMD_READ_CONFIG   0x20 /* the configuration byte appears in the output buffer */
#define I8042_CMD_WRITE_CONFIG  0x60 /* the next data byte becomes the configuration byte */
#define I8042_CMD_DISABLE_PORT2 0xa7
#define I8042_CMD_SELF_TEST     0xaa /* answers I8042_SELF_TEST_OK */
#define I8042_CMD_TEST_PORT1    0xab /* answers I8042_PORT_TEST_OK, or which line is stuck */
#define I8042_CMD_DISABLE_PORT1 0xad
#define I8042_CMD_ENABLE_PORT1  0xae
#define I8042_CMD_PULSE_RESET   0xfe /* pulse output port bit 0, the CPU reset line, low */

#define I8042_SELF_TEST_OK 0x55
#define I8042_PORT_TEST_OK 0x00

/* Configuration byte ("command byte") */
#define I8042_CONFIG_PORT1_IRQ   BIT(0) /* raise IRQ 1 when a keyboard byte arrives */
#define I8042_CONFIG_PORT2_IRQ   BIT(1) /* raise IRQ 12 for mouse bytes */
#define I8042_CONFIG_PORT1_CLOCK BIT(4) /* 1: keyboard clock disabled */
#define I8042_CONFIG_PORT2_CLOCK BIT(5) /* 1: mouse clock disabled */
#define I8042_CONFIG_TRANSLATE   BIT(6) /* translate the keyboard's set 2 into set 1 */

/* Keyboard commands (sent through I8042_DATA) and its answers */
#define KBD_CMD_SET_LEDS     0xed /* one data byte follows: KBD_LED_* */
#define KBD_CMD_SCAN_SET     0xf0 /* one data byte follows: the set (1-3), 0 to ask */
#define KBD_CMD_ENABLE_SCAN  0xf4
#define KBD_CMD_DISABLE_SCAN 0xf5
#define KBD_CMD_RESET        0xff /* answers ACK, then KBD_SELF_TEST_OK after its self-test */
#define KBD_SCAN_SET_2       2
#define KBD_ACK              0xfa
#define KBD_RESEND           0xfe
#define KBD_SELF_TEST_OK     0xaa

#define KBD_LED_SCROLL BIT(0)
#define KBD_LED_NUM    BIT(1)
#define KBD_LED_CAPS   BIT(2)

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

/* Where the keyboard's bytes go (in interrupt context, or in the caller's during
 * i8042_set_leds). */
typedef void (*i8042_byte_fn)(uint8_t byte);

/*
 * Bring up the controller and the keyboard, step by step, with interrupts off. Returns NULL, or
 * which step failed (the controller is then left with both ports disabled). The keyboard sends
 * scan code set 2, which the controller translates to set 1: bytes go to on_byte once IRQ 1 is
 * routed to i8042_interrupt.
 */
const char *i8042_init(i8042_byte_fn on_byte);
/* The IRQ 1 handler: hands each waiting keyboard byte to on_byte. */
void i8042_interrupt(void);
/* Set the keyboard LEDs (KBD_LED_*) and wait for both acknowledgements; interrupts must be off.
 * Keystrokes that arrive meanwhile go to on_byte, from here: the caller must not hold a lock
 * on_byte takes. False if the keyboard did not acknowledge. */
bool i8042_set_leds(uint8_t leds);
/* Pulse the CPU reset line. Returns only if the machine did not reset. */
void i8042_pulse_reset(void);
#endif

#endif
