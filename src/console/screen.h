/* SPDX-License-Identifier: MIT */
/* A screen the console writes on: a grid of character cells, each with a console colour pair. */
#ifndef CYAN_SCREEN_H
#define CYAN_SCREEN_H

#include <arch/paging.h>
#include <stdbool.h>
#include <stdint.h>

/*
 * The console's 16 colours: the CGA palette, numbered as CGA numbered them (so VGA text mode's
 * attribute nibbles use the same numbers). Each screen turns a colour into its own encoding.
 */
enum color {
    COLOR_BLACK,
    COLOR_BLUE,
    COLOR_GREEN,
    COLOR_CYAN,
    COLOR_RED,
    COLOR_MAGENTA,
    COLOR_BROWN,
    COLOR_LIGHT_GREY,
    COLOR_DARK_GREY,
    COLOR_LIGHT_BLUE,
    COLOR_LIGHT_GREEN,
    COLOR_LIGHT_CYAN,
    COLOR_LIGHT_RED,
    COLOR_LIGHT_MAGENTA,
    COLOR_YELLOW,
    COLOR_WHITE,
    COLOR_COUNT
};

/* Foreground and background of a cell. */
struct colors {
    enum color fg, bg;
};

struct screen {
    const char *name;
    unsigned cols, rows;
    /* Draw c in cell (row, col), inside the grid. */
    void (*put_cell)(unsigned row, unsigned col, char c, struct colors colors);
    /* Move every row up by one; the last row becomes blank in the background colour. */
    void (*scroll_up)(struct colors colors);
    /* Show where the next character goes; NULL if the screen has no cursor of its own. */
    void (*set_cursor)(unsigned row, unsigned col);
    /* The device memory the screen draws into, and how to cache it, for paging_init. */
    struct device_range device;
};

#endif
