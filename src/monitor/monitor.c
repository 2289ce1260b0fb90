/* SPDX-License-Identifier: MIT */
/* The monitor's loop: prompt, edit a line from the input queue, look the command up, run it. */
#include "monitor.h"

#include "console.h"
#include "input.h"
#include "line_edit.h"

#include <string.h>

static const struct boot_info *boot_info;
static struct line_editor editor;

const struct boot_info *monitor_boot_info(void)
{
    return boot_info;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

void monitor_execute(const char *line)
{
    while (is_blank(*line))
        line++;
    size_t len = 0;
    while (line[len] && !is_blank(line[len]))
        len++;
    if (len == 0)
        return;
    const char *args = line + len;
    while (is_blank(*args))
        args++;
    for (const struct command *c = monitor_commands; c->name; c++) {
        if (strlen(c->name) == len && memcmp(c->name, line, len) == 0) {
            c->fn(args);
            return;
        }
    }
    kprintf("unknown command '%.*s'; type help\n", (int)len, line);
}

static void prompt(void)
{
    console_set_color(COLOR_LIGHT_GREEN, COLOR_BLACK);
    console_write(MONITOR_PROMPT, strlen(MONITOR_PROMPT));
    console_set_color(COLOR_LIGHT_GREY, COLOR_BLACK);
}

noreturn void monitor_run(const struct boot_info *info)
{
    struct input_event ev;

    boot_info = info;
    line_edit_init(&editor, console_write);
    kprintf("monitor: type help for the commands\n");
    for (;;) {
        prompt();
        line_edit_start(&editor);
        enum line_result result;
        do {
            input_wait(&ev);
            result = line_edit_event(&editor, &ev);
        } while (result == LINE_EDITING);
        if (result == LINE_DONE)
            monitor_execute(editor.line);
    }
}
