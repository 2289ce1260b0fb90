/* SPDX-License-Identifier: MIT */
/* The framebuffer console's font: generated at build time from a Debian PSF font (tools/psf.py). */
#ifndef CYAN_FONT_H
#define CYAN_FONT_H

#include <stdint.h>

struct font {
    uint8_t width;         /* pixels */
    uint8_t height;        /* pixels */
    uint8_t row_bytes;     /* bytes per glyph row; the leftmost pixel is the top bit */
    const uint8_t *glyphs; /* 256 glyphs by Latin-1 code, height * row_bytes bytes each */
};

extern const struct font console_font;

#endif
