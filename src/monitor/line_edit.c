/* SPDX-License-Identifier: MIT */
/* The line editor: keeps the buffer and redraws the changed tail with '\b' moves. */
#include "line_edit.h"

#include <stdbool.h>
#include <string.h>

#define CTRL_C     0x03 /* what Ctrl-C types: ETX */
#define ASCII_DEL  0x7f
#define FIRST_TEXT ' '
#define LAST_TEXT  '~'

static void put(struct line_editor *ed, char c, size_t times)
{
    for (size_t i = 0; i < times; i++)
        ed->write(&c, 1);
}

/* Redraw from the cursor to the end, blank erased columns, and come back to the cursor. */
static void redraw_tail(struct line_editor *ed, size_t erased)
{
    ed->write(ed->line + ed->pos, ed->len - ed->pos);
    put(ed, ' ', erased);
    put(ed, '\b', ed->len - ed->pos + erased);
}

static void insert(struct line_editor *ed, char c)
{
    if (ed->len == LINE_MAX)
        return;
    memmove(ed->line + ed->pos + 1, ed->line + ed->pos, ed->len - ed->pos + 1);
    ed->line[ed->pos] = c;
    ed->len++;
    ed->write(&c, 1);
    ed->pos++;
    redraw_tail(ed, 0);
}

/* Remove the character under the cursor. */
static void delete_at_cursor(struct line_editor *ed)
{
    if (ed->pos == ed->len)
        return;
    memmove(ed->line + ed->pos, ed->line + ed->pos + 1, ed->len - ed->pos);
    ed->len--;
    redraw_tail(ed, 1);
}

static void move_to(struct line_editor *ed, size_t pos)
{
    if (pos < ed->pos)
        put(ed, '\b', ed->pos - pos);
    else
        ed->write(ed->line + ed->pos, pos - ed->pos);
    ed->pos = pos;
}

/* The editor's lines always end within LINE_MAX + 1 bytes. */
static void copy_line(char *dst, const char *src)
{
    memcpy(dst, src, strlen(src) + 1);
}

static bool same_line(const char *a, const char *b)
{
    return memcmp(a, b, strlen(a) + 1) == 0;
}

/* Replace the whole line with text, cursor at its end. */
static void replace_line(struct line_editor *ed, const char *text)
{
    size_t old = ed->len;

    move_to(ed, 0);
    copy_line(ed->line, text);
    ed->len = strlen(text);
    ed->write(ed->line, ed->len);
    ed->pos = ed->len;
    if (old > ed->len) {
        put(ed, ' ', old - ed->len);
        put(ed, '\b', old - ed->len);
    }
}

static const char *history_line(const struct line_editor *ed, unsigned nth)
{
    return ed->history[(ed->history_next + HISTORY_LINES - nth) % HISTORY_LINES];
}

/* Up (older, +1) or Down (newer, -1) through the history. */
static void browse(struct line_editor *ed, int step)
{
    unsigned target = ed->browsing + (unsigned)step;

    if ((step < 0 && ed->browsing == 0) || target > ed->history_count)
        return;
    if (ed->browsing == 0)
        copy_line(ed->draft, ed->line);
    ed->browsing = target;
    replace_line(ed, target ? history_line(ed, target) : ed->draft);
}

static void remember(struct line_editor *ed)
{
    if (ed->len == 0 || (ed->history_count && same_line(history_line(ed, 1), ed->line)))
        return;
    copy_line(ed->history[ed->history_next], ed->line);
    ed->history_next = (ed->history_next + 1) % HISTORY_LINES;
    if (ed->history_count < HISTORY_LINES)
        ed->history_count++;
}

void line_edit_init(struct line_editor *ed, void (*write)(const char *s, size_t n))
{
    memset(ed, 0, sizeof(*ed));
    ed->write = write;
}

void line_edit_start(struct line_editor *ed)
{
    ed->line[0] = '\0';
    ed->len = ed->pos = 0;
    ed->browsing = 0;
}

/* Editing keys; true if key was one. */
static bool edit_key(struct line_editor *ed, enum key key)
{
    switch (key) {
    case KEY_BACKSPACE:
        if (ed->pos > 0) {
            move_to(ed, ed->pos - 1);
            delete_at_cursor(ed);
        }
        return true;
    case KEY_DELETE:
        delete_at_cursor(ed);
        return true;
    case KEY_LEFT:
        move_to(ed, ed->pos ? ed->pos - 1 : 0);
        return true;
    case KEY_RIGHT:
        move_to(ed, ed->pos < ed->len ? ed->pos + 1 : ed->len);
        return true;
    case KEY_HOME:
        move_to(ed, 0);
        return true;
    case KEY_END:
        move_to(ed, ed->len);
        return true;
    case KEY_UP:
        browse(ed, 1);
        return true;
    case KEY_DOWN:
        browse(ed, -1);
        return true;
    default:
        return false;
    }
}

enum line_result line_edit_event(struct line_editor *ed, const struct input_event *ev)
{
    if (ev->key == KEY_ENTER || ev->ch == '\n') {
        ed->write("\n", 1);
        remember(ed);
        return LINE_DONE;
    }
    if (ev->ch == CTRL_C) {
        ed->write("^C\n", 3);
        return LINE_CANCELLED;
    }
    if (edit_key(ed, (enum key)ev->key))
        return LINE_EDITING;
    if (ev->ch == ASCII_DEL)
        edit_key(ed, KEY_BACKSPACE); /* a terminal's Backspace, when it sends DEL */
    else if (ev->ch >= FIRST_TEXT && ev->ch <= LAST_TEXT)
        insert(ed, (char)ev->ch);
    return LINE_EDITING;
}
