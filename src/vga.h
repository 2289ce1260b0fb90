/* SPDX-License-Identifier: MIT */
/* VGA text-mode driver: the PC's 80x25 text screen at 0xb8000, as a console screen. */
#ifndef CYAN_VGA_H
#define CYAN_VGA_H

#include "screen.h"

#include <stdbool.h>
#include <stdint.h>

extern const struct screen vga_text_screen;

/* Write one cell; returns false (and writes nothing) outside the 80x25 screen. */
bool vga_put_at(unsigned row, unsigned col, char c, uint8_t attr);

#endif
