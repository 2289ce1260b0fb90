/* SPDX-License-Identifier: MIT */
/* A line editor over a character terminal: insert, delete, cursor movement and a short history. */
#ifndef CYAN_LINE_EDIT_H
#define CYAN_LINE_EDIT_H

#include "keys.h"

#include <stddef.h>

/* Longest line: with the 6-column prompt it stays on one 80-column row, where '\b' can move. */
#define LINE_MAX      72
#define HISTORY_LINES 8

/* Echo goes through write; it uses only printable characters, '\b' (cursor left, no erase)
 * and '\n', which both the console and a serial terminal understand. */
struct line_editor {
    void (*write)(const char *s, size_t n);
    char line[LINE_MAX + 1];
    size_t len, pos;
    char history[HISTORY_LINES][LINE_MAX + 1];
    unsigned history_count;   /* lines stored, at most HISTORY_LINES */
    unsigned history_next;    /* where the next one goes (a ring) */
    unsigned browsing;        /* 0: the line being typed; n: the n-th newest history line */
    char draft[LINE_MAX + 1]; /* the line being typed, kept while browsing the history */
};

enum line_result { LINE_EDITING, LINE_DONE, LINE_CANCELLED };

/* An empty editor with no history. */
void line_edit_init(struct line_editor *ed, void (*write)(const char *s, size_t n));
/* Start a new, empty line (the history stays). */
void line_edit_start(struct line_editor *ed);
/*
 * One event: printable ASCII is inserted at the cursor; Backspace, Delete, Left, Right, Home,
 * End, Up and Down (history) edit; Enter gives LINE_DONE with the line in ed->line; Ctrl-C gives
 * LINE_CANCELLED. Other characters and keys are ignored.
 */
enum line_result line_edit_event(struct line_editor *ed, const struct input_event *ev);

#endif
