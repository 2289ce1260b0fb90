/* SPDX-License-Identifier: MIT */
/* Key codes (physical keys, named after their US legend) and the events the input path carries. */
#ifndef CYAN_INPUT_KEYS_H
#define CYAN_INPUT_KEYS_H

#include <stdbool.h>
#include <stdint.h>

enum key {
    KEY_NONE,
    /* the main block, row by row */
    KEY_ESC,
    KEY_1,
    KEY_2,
    KEY_3,
    KEY_4,
    KEY_5,
    KEY_6,
    KEY_7,
    KEY_8,
    KEY_9,
    KEY_0,
    KEY_MINUS,
    KEY_EQUAL,
    KEY_BACKSPACE,
    KEY_TAB,
    KEY_Q,
    KEY_W,
    KEY_E,
    KEY_R,
    KEY_T,
    KEY_Y,
    KEY_U,
    KEY_I,
    KEY_O,
    KEY_P,
    KEY_LEFTBRACE,
    KEY_RIGHTBRACE,
    KEY_ENTER,
    KEY_LEFTCTRL,
    KEY_A,
    KEY_S,
    KEY_D,
    KEY_F,
    KEY_G,
    KEY_H,
    KEY_J,
    KEY_K,
    KEY_L,
    KEY_SEMICOLON,
    KEY_APOSTROPHE,
    KEY_GRAVE,
    KEY_LEFTSHIFT,
    KEY_BACKSLASH,
    KEY_Z,
    KEY_X,
    KEY_C,
    KEY_V,
    KEY_B,
    KEY_N,
    KEY_M,
    KEY_COMMA,
    KEY_DOT,
    KEY_SLASH,
    KEY_RIGHTSHIFT,
    KEY_KPASTERISK,
    KEY_LEFTALT,
    KEY_SPACE,
    KEY_CAPSLOCK,
    KEY_F1,
    KEY_F2,
    KEY_F3,
    KEY_F4,
    KEY_F5,
    KEY_F6,
    KEY_F7,
    KEY_F8,
    KEY_F9,
    KEY_F10,
    KEY_NUMLOCK,
    KEY_SCROLLLOCK,
    /* the keypad */
    KEY_KP7,
    KEY_KP8,
    KEY_KP9,
    KEY_KPMINUS,
    KEY_KP4,
    KEY_KP5,
    KEY_KP6,
    KEY_KPPLUS,
    KEY_KP1,
    KEY_KP2,
    KEY_KP3,
    KEY_KP0,
    KEY_KPDOT,
    KEY_102ND, /* the extra key left of Z on ISO keyboards (<> on German ones) */
    KEY_F11,
    KEY_F12,
    /* keys behind the 0xE0 prefix */
    KEY_KPENTER,
    KEY_RIGHTCTRL,
    KEY_KPSLASH,
    KEY_RIGHTALT,
    KEY_HOME,
    KEY_UP,
    KEY_PAGEUP,
    KEY_LEFT,
    KEY_RIGHT,
    KEY_END,
    KEY_DOWN,
    KEY_PAGEDOWN,
    KEY_INSERT,
    KEY_DELETE,
    KEY_LEFTMETA,
    KEY_RIGHTMETA,
    KEY_MENU,
    KEY_PRINT,
    /* the 0xE1 sequence */
    KEY_PAUSE,
    KEY_COUNT
};

/* Modifier state carried with each event. */
#define MOD_SHIFT  (1u << 0)
#define MOD_CTRL   (1u << 1)
#define MOD_ALT    (1u << 2)
#define MOD_ALTGR  (1u << 3)
#define MOD_CAPS   (1u << 4) /* Caps Lock on */
#define MOD_NUM    (1u << 5) /* Num Lock on */
#define MOD_SCROLL (1u << 6) /* Scroll Lock on */

/* A key went down or up (what the scan-code decoder finds). */
struct key_change {
    enum key key;
    bool pressed;
};

/* What the line editor reads: a key press with the character it types (0 for none), or from the
 * serial port a character with key KEY_NONE, or an editing key decoded from an ANSI sequence. */
struct input_event {
    uint16_t key;  /* enum key */
    uint16_t mods; /* MOD_* */
    uint32_t ch;   /* Unicode code point (Latin-1 range), control characters included */
};

#endif
