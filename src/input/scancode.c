/* SPDX-License-Identifier: MIT */
/* Scan code set 1 decoder: make/break codes, the 0xE0 prefix and the 0xE1 Pause sequence. */
#include "scancode.h"

#include <stddef.h>

#define SC_CODES 0x80 /* make codes are 7 bits; bit 7 is SC_BREAK */

/* Set 1 make codes without a prefix (IBM PC AT/PS/2 keyboard, scan code set 1 table). */
static const uint8_t plain_keys[SC_CODES] = {
    [0x01] = KEY_ESC,        [0x02] = KEY_1,         [0x03] = KEY_2,
    [0x04] = KEY_3,          [0x05] = KEY_4,         [0x06] = KEY_5,
    [0x07] = KEY_6,          [0x08] = KEY_7,         [0x09] = KEY_8,
    [0x0a] = KEY_9,          [0x0b] = KEY_0,         [0x0c] = KEY_MINUS,
    [0x0d] = KEY_EQUAL,      [0x0e] = KEY_BACKSPACE, [0x0f] = KEY_TAB,
    [0x10] = KEY_Q,          [0x11] = KEY_W,         [0x12] = KEY_E,
    [0x13] = KEY_R,          [0x14] = KEY_T,         [0x15] = KEY_Y,
    [0x16] = KEY_U,          [0x17] = KEY_I,         [0x18] = KEY_O,
    [0x19] = KEY_P,          [0x1a] = KEY_LEFTBRACE, [0x1b] = KEY_RIGHTBRACE,
    [0x1c] = KEY_ENTER,      [0x1d] = KEY_LEFTCTRL,  [0x1e] = KEY_A,
    [0x1f] = KEY_S,          [0x20] = KEY_D,         [0x21] = KEY_F,
    [0x22] = KEY_G,          [0x23] = KEY_H,         [0x24] = KEY_J,
    [0x25] = KEY_K,          [0x26] = KEY_L,         [0x27] = KEY_SEMICOLON,
    [0x28] = KEY_APOSTROPHE, [0x29] = KEY_GRAVE,     [0x2a] = KEY_LEFTSHIFT,
    [0x2b] = KEY_BACKSLASH,  [0x2c] = KEY_Z,         [0x2d] = KEY_X,
    [0x2e] = KEY_C,          [0x2f] = KEY_V,         [0x30] = KEY_B,
    [0x31] = KEY_N,          [0x32] = KEY_M,         [0x33] = KEY_COMMA,
    [0x34] = KEY_DOT,        [0x35] = KEY_SLASH,     [0x36] = KEY_RIGHTSHIFT,
    [0x37] = KEY_KPASTERISK, [0x38] = KEY_LEFTALT,   [0x39] = KEY_SPACE,
    [0x3a] = KEY_CAPSLOCK,   [0x3b] = KEY_F1,        [0x3c] = KEY_F2,
    [0x3d] = KEY_F3,         [0x3e] = KEY_F4,        [0x3f] = KEY_F5,
    [0x40] = KEY_F6,         [0x41] = KEY_F7,        [0x42] = KEY_F8,
    [0x43] = KEY_F9,         [0x44] = KEY_F10,       [0x45] = KEY_NUMLOCK,
    [0x46] = KEY_SCROLLLOCK, [0x47] = KEY_KP7,       [0x48] = KEY_KP8,
    [0x49] = KEY_KP9,        [0x4a] = KEY_KPMINUS,   [0x4b] = KEY_KP4,
    [0x4c] = KEY_KP5,        [0x4d] = KEY_KP6,       [0x4e] = KEY_KPPLUS,
    [0x4f] = KEY_KP1,        [0x50] = KEY_KP2,       [0x51] = KEY_KP3,
    [0x52] = KEY_KP0,        [0x53] = KEY_KPDOT,     [0x56] = KEY_102ND,
    [0x57] = KEY_F11,        [0x58] = KEY_F12,
};

/* Make codes after 0xE0. 0x2A and 0x36 are absent on purpose: the keyboard sends E0 2A/E0 AA
 * (E0 36/E0 B6) around extended keys as "fake shifts" so that old software sees the keypad
 * meaning undone; they are not key presses. 0x46 is Ctrl+Pause (Break). */
static const uint8_t extended_keys[SC_CODES] = {
    [0x1c] = KEY_KPENTER,  [0x1d] = KEY_RIGHTCTRL, [0x35] = KEY_KPSLASH, [0x37] = KEY_PRINT,
    [0x38] = KEY_RIGHTALT, [0x46] = KEY_PAUSE,     [0x47] = KEY_HOME,    [0x48] = KEY_UP,
    [0x49] = KEY_PAGEUP,   [0x4b] = KEY_LEFT,      [0x4d] = KEY_RIGHT,   [0x4f] = KEY_END,
    [0x50] = KEY_DOWN,     [0x51] = KEY_PAGEDOWN,  [0x52] = KEY_INSERT,  [0x53] = KEY_DELETE,
    [0x5b] = KEY_LEFTMETA, [0x5c] = KEY_RIGHTMETA, [0x5d] = KEY_MENU,
};

/* Pause has no break code: press is the first three bytes, release the last three. */
static const uint8_t pause_sequence[] = {SC_PAUSE_PREFIX, 0x1d, 0x45, SC_PAUSE_PREFIX, 0x9d, 0xc5};
#define PAUSE_LENGTH  sizeof(pause_sequence)
#define PAUSE_PRESSED 3 /* bytes after which the press is complete */

/* Pause sequence progress; true once this byte was consumed by it. */
static bool pause_step(struct scancode_decoder *d, uint8_t byte, struct key_change *out, bool *done)
{
    *done = false;
    if (d->pause_index == 0 && byte != SC_PAUSE_PREFIX)
        return false;
    if (byte != pause_sequence[d->pause_index]) {
        d->pause_index = 0; /* not Pause after all: decode the byte on its own */
        return pause_step(d, byte, out, done);
    }
    d->extended = 0;
    d->pause_index++;
    if (d->pause_index == PAUSE_PRESSED || d->pause_index == PAUSE_LENGTH) {
        *out = (struct key_change){KEY_PAUSE, d->pause_index == PAUSE_PRESSED};
        *done = true;
    }
    if (d->pause_index == PAUSE_LENGTH)
        d->pause_index = 0;
    return true;
}

bool scancode_feed(struct scancode_decoder *d, uint8_t byte, struct key_change *out)
{
    bool done;

    if (byte == SC_ERROR || byte == SC_OVERRUN) {
        *d = (struct scancode_decoder){0};
        return false;
    }
    if (pause_step(d, byte, out, &done))
        return done;
    if (byte == SC_EXTENDED) {
        d->extended = 1;
        return false;
    }
    const uint8_t *table = d->extended ? extended_keys : plain_keys;
    d->extended = 0;
    enum key key = table[byte & ~SC_BREAK];
    if (key == KEY_NONE)
        return false;
    *out = (struct key_change){key, !(byte & SC_BREAK)};
    return true;
}

bool scancode_of(enum key key, uint8_t *code, bool *extended)
{
    for (unsigned c = 1; c < SC_CODES; c++) {
        if (key == KEY_PAUSE)
            break;
        if (plain_keys[c] == key || extended_keys[c] == key) {
            *code = (uint8_t)c;
            *extended = plain_keys[c] != key;
            return true;
        }
    }
    return false;
}
