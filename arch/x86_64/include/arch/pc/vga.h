/* SPDX-License-Identifier: MIT */
/* VGA text mode 3: the 80x25 cell buffer, its attribute byte, the CRT controller, and the driver
 * that writes cells (IBM VGA Technical Reference, "Alphanumeric Modes" and "CRT Controller"). */
#ifndef ARCH_PC_VGA_H
#define ARCH_PC_VGA_H

/* Colour text-mode buffer: one 16-bit cell per character, the character byte then its attribute. */
#define VGA_TEXT_PHYS 0xb8000
#define VGA_COLS      80
#define VGA_ROWS      25

/* Attribute byte: background colour in bits 4-6 (bit 7 blink), foreground in bits 0-3. */
#define VGA_ATTR(fg, bg) (((bg) << 4) | (fg))

/* The 16 colours of the standard text-mode palette. */
#define VGA_BLACK         0x0
#define VGA_BLUE          0x1
#define VGA_GREEN         0x2
#define VGA_CYAN          0x3
#define VGA_RED           0x4
#define VGA_MAGENTA       0x5
#define VGA_BROWN         0x6
#define VGA_LIGHT_GREY    0x7
#define VGA_DARK_GREY     0x8
#define VGA_LIGHT_BLUE    0x9
#define VGA_LIGHT_GREEN   0xa
#define VGA_LIGHT_CYAN    0xb
#define VGA_LIGHT_RED     0xc
#define VGA_LIGHT_MAGENTA 0xd
#define VGA_YELLOW        0xe
#define VGA_WHITE         0xf

/* CRT controller: write a register index to INDEX, then its value to DATA (colour-mode ports). */
#define VGA_CRTC_INDEX       0x3d4
#define VGA_CRTC_DATA        0x3d5
#define CRTC_CURSOR_START    0x0a /* bit 5 hides the cursor; bits 0-4 first scan line */
#define CRTC_CURSOR_END      0x0b /* bits 0-4: last scan line of the cursor */
#define CRTC_CURSOR_LOC_HIGH 0x0e /* cursor cell index, high byte */
#define CRTC_CURSOR_LOC_LOW  0x0f /* cursor cell index, low byte */

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

/* Write one cell; returns false (and writes nothing) outside the 80x25 screen. */
bool vga_put_at(unsigned row, unsigned col, char c, uint8_t attr);
/* Move every row up by one; the last row becomes blank in attribute attr. */
void vga_scroll_up(uint8_t attr);
/* Move the hardware cursor to a cell and make it visible. */
void vga_set_cursor(unsigned row, unsigned col);
#endif

#endif
