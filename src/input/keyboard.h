/* SPDX-License-Identifier: MIT */
/* Keyboard state: which modifiers are held, the lock keys, and key presses turned into characters.
 */
#ifndef CYAN_INPUT_KEYBOARD_H
#define CYAN_INPUT_KEYBOARD_H

#include "keys.h"
#include "layout.h"

#include <stdbool.h>
#include <stdint.h>

/* Touched only by the code that feeds it (the keyboard interrupt, one CPU). */
struct keyboard {
    const struct layout *layout;
    uint16_t held;       /* modifier keys down, one bit per physical key (keyboard.c) */
    uint16_t locks;      /* MOD_CAPS, MOD_NUM, MOD_SCROLL */
    uint16_t locks_down; /* lock keys down: their auto-repeat must not toggle again */
};

void keyboard_init(struct keyboard *kb, const struct layout *layout);
/* Apply one key change. Returns true and fills *ev for a press (auto-repeat included) of a key
 * that is not a modifier; releases and modifiers only change the state. */
bool keyboard_change(struct keyboard *kb, struct key_change change, struct input_event *ev);
/* Shift, Ctrl, Alt, AltGr held and the locks on, as MOD_* bits. */
uint16_t keyboard_mods(const struct keyboard *kb);

#endif
