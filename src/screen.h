/* SPDX-License-Identifier: MIT */
/* A screen the console writes on: a grid of character cells with a VGA colour attribute each. */
#ifndef CYAN_SCREEN_H
#define CYAN_SCREEN_H

#include <stdbool.h>
#include <stdint.h>

struct screen {
    const char *name;
    unsigned cols, rows;
    /* Draw c in cell (row, col), inside the grid, in colour attr. */
    void (*put_cell)(unsigned row, unsigned col, char c, uint8_t attr);
    /* Move every row up by one; the last row becomes blank in colour attr. */
    void (*scroll_up)(uint8_t attr);
    /* Show where the next character goes; NULL if the screen has no cursor of its own. */
    void (*set_cursor)(unsigned row, unsigned col);
    /* Map the screen's device memory into the kernel's page tables (see paging_init). */
    bool (*map_device)(void);
};

#endif
