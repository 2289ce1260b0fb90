/* SPDX-License-Identifier: MIT */
/* Framebuffer console: text on a linear RGB framebuffer, drawn with the console font. */
#ifndef CYAN_FBCON_H
#define CYAN_FBCON_H

#include "boot_info.h"
#include "screen.h"

/* A framebuffer that boot_fb_refusal accepted, as a console screen; NULL if it is too small to
 * hold one character cell. */
const struct screen *fbcon_screen(const struct boot_framebuffer *fb);

#endif
