/* SPDX-License-Identifier: MIT */
/* Framebuffer console: text on a linear RGB framebuffer, drawn with the console font. */
#ifndef CYAN_FBCON_H
#define CYAN_FBCON_H

#include "boot_info.h"
#include "screen.h"

/* The framebuffer as a console screen, or NULL if cyan cannot draw on it. */
const struct screen *fbcon_screen(const struct boot_framebuffer *fb);

#endif
