/* SPDX-License-Identifier: MIT */
/* The PC's 80x25 VGA text screen, as a console screen. */
#ifndef CYAN_VGACON_H
#define CYAN_VGACON_H

#include "screen.h"

extern const struct screen vga_text_screen;

#endif
