/* SPDX-License-Identifier: MIT */
/* The built-in monitor: a prompt, a line editor, and a table of small commands. */
#ifndef CYAN_MONITOR_H
#define CYAN_MONITOR_H

#include "boot_info.h"

#include <stdnoreturn.h>

#define MONITOR_PROMPT "cyan> "

struct command {
    const char *name;
    const char *help;
    /* args: the rest of the line after the name, leading blanks skipped */
    void (*fn)(const char *args);
};

/* The command table (commands.c), ended by an entry with a NULL name. */
extern const struct command monitor_commands[];
/* The boot information, for the commands that show it. */
const struct boot_info *monitor_boot_info(void);

/* Read lines and run them, for good. Turns interrupts on. */
noreturn void monitor_run(const struct boot_info *info);
/* Run one command line (what the monitor does after Enter). */
void monitor_execute(const char *line);

/* The commands that live in their own files. */
void cmd_cpu(const char *args);
void cmd_reboot(const char *args);
void cmd_ps(const char *args);
void cmd_spin(const char *args);

#endif
