/* SPDX-License-Identifier: MIT */
/*
 * QEMU's test devices: the debug console (port 0xe9) and isa-debug-exit (port 0xf4). Only test
 * kernels use them; on real hardware nothing listens on these ports.
 */
#ifndef ARCH_PC_QEMU_H
#define ARCH_PC_QEMU_H

#include <arch/cpu.h>
#include <arch/io.h>
#include <stdint.h>

#define QEMU_DEBUGCON_PORT 0xe9 /* -debugcon: every byte written appears on the host side */
#define QEMU_EXIT_PORT     0xf4 /* -device isa-debug-exit,iobase=0xf4: QEMU exits with (v << 1) | 1 */

#define QEMU_EXIT_SUCCESS 0x10 /* QEMU exit status 33 */
#define QEMU_EXIT_FAILURE 0x11 /* QEMU exit status 35 */

static inline void qemu_debugcon_putc(char c)
{
    outb(QEMU_DEBUGCON_PORT, (uint8_t)c);
}

/* Leave QEMU with the given code; halts if no isa-debug-exit device is there. */
static inline noreturn void qemu_exit(uint8_t code)
{
    outb(QEMU_EXIT_PORT, code);
    cpu_halt_forever();
}

#endif
