/* SPDX-License-Identifier: MIT */
/* VGA text-mode driver: an 80x25 screen of characters with a colour attribute each. */
#ifndef CYAN_VGA_H
#define CYAN_VGA_H

#include <stdbool.h>
#include <stdint.h>

/* Clear the screen with the current attribute and home the cursor. */
void vga_init(void);
/* Attribute (VGA_ATTR(fg, bg)) for characters written from now on. */
void vga_set_attr(uint8_t attr);
/* Write one character at the cursor: handles '\n', '\r', '\t', '\b', wraps and scrolls. */
void vga_putc(char c);
/* Write one cell directly; returns false (and writes nothing) outside the 80x25 screen. */
bool vga_put_at(unsigned row, unsigned col, char c, uint8_t attr);

#endif
