/* SPDX-License-Identifier: MIT */
/* boot_fail: report a fatal boot problem on the VGA text screen and COM1, then stop the CPU. */
#include <arch/asm.h>
#include <arch/pc/uart16550.h>
#include <arch/pc/vga.h>

#define FAIL_ATTR   VGA_ATTR(VGA_WHITE, VGA_RED)
#define THR_RETRIES 100000 /* give up on a byte after this many busy reads of LSR */

	.section .boot.text32, "ax"
	.code32

/* uart_set reg, value: write value to a COM1 register */
.macro uart_set reg, value
	mov	$(COM1_PORT + \reg), %dx
	mov	$(\value), %al
	outb	%al, %dx
.endm

/*
 * EAX = NUL-terminated message. Runs with nothing set up (no paging, no kernel drivers), so it
 * programs COM1 itself with the same settings as src/serial.c: 115200 baud, 8N1, FIFOs on,
 * no interrupts. Never returns: no reboot, no triple fault, the message stays readable.
 */
FUNCTION(boot_fail)
	mov	%eax, %ebx
	call	fail_vga
	call	fail_serial
.Lstop:
	cli
	hlt
	jmp	.Lstop
END(boot_fail)

/* Fill the screen with the error colour and write the message from the top left corner. */
LOCAL_FUNCTION(fail_vga)
	mov	$VGA_TEXT_PHYS, %edi
	mov	$(VGA_COLS * VGA_ROWS), %ecx
	mov	$((FAIL_ATTR << 8) | ' '), %eax
	rep stosw
	mov	$VGA_TEXT_PHYS, %edi
	mov	%ebx, %esi
	mov	$FAIL_ATTR, %ah
1:	lodsb
	test	%al, %al
	jz	2f
	stosw
	jmp	1b
2:	ret
END(fail_vga)

/* Program COM1, then send the message and a CR LF. */
LOCAL_FUNCTION(fail_serial)
	uart_set UART_IER, 0
	uart_set UART_LCR, LCR_DLAB
	uart_set UART_DLL, UART_DIVISOR & 0xff
	uart_set UART_DLM, UART_DIVISOR >> 8
	uart_set UART_LCR, LCR_WORD_8BIT
	uart_set UART_FCR, FCR_ENABLE | FCR_CLEAR_RX | FCR_CLEAR_TX
	uart_set UART_MCR, MCR_DTR | MCR_RTS | MCR_OUT2
	mov	%ebx, %esi
1:	lodsb
	test	%al, %al
	jz	2f
	call	fail_serial_byte
	jmp	1b
2:	mov	$'\r', %al
	call	fail_serial_byte
	mov	$'\n', %al
	call	fail_serial_byte
	ret
END(fail_serial)

/* Send AL once the transmitter has room; a missing UART (LSR reads 0xff) never blocks. */
LOCAL_FUNCTION(fail_serial_byte)
	mov	%al, %ah
	mov	$(COM1_PORT + UART_LSR), %dx
	mov	$THR_RETRIES, %ecx
1:	inb	%dx, %al
	test	$LSR_THR_EMPTY, %al
	jnz	2f
	dec	%ecx
	jnz	1b
2:	mov	$(COM1_PORT + UART_THR), %dx
	mov	%ah, %al
	outb	%al, %dx
	ret
END(fail_serial_byte)

	.section .note.GNU-stack, "", @progbits
