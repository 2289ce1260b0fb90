/* SPDX-License-Identifier: MIT */
/* Modifier and lock state machines, and the layout lookup that turns a press into a character. */
#include "keyboard.h"

#include <stddef.h>

#define CTRL_MASK 0x1f /* Ctrl+letter types the letter's code with bits 5-7 cleared (ASCII) */
#define ASCII_ESC 0x1b
#define ASCII_DEL 0x7f

/* Modifier keys, each with its own bit in held: releasing left Shift keeps right Shift's. */
static const struct {
    enum key key;
    uint16_t mod;
} modifier_keys[] = {
    {KEY_LEFTSHIFT, MOD_SHIFT}, {KEY_RIGHTSHIFT, MOD_SHIFT}, {KEY_LEFTCTRL, MOD_CTRL},
    {KEY_RIGHTCTRL, MOD_CTRL},  {KEY_LEFTALT, MOD_ALT},      {KEY_RIGHTALT, MOD_ALTGR},
};
#define MODIFIER_KEYS (sizeof(modifier_keys) / sizeof(modifier_keys[0]))

static const struct {
    enum key key;
    uint16_t lock;
} lock_keys[] = {{KEY_CAPSLOCK, MOD_CAPS}, {KEY_NUMLOCK, MOD_NUM}, {KEY_SCROLLLOCK, MOD_SCROLL}};
#define LOCK_KEYS (sizeof(lock_keys) / sizeof(lock_keys[0]))

/* The keypad with Num Lock on types digits; off, it is the navigation block. */
static const struct {
    enum key key;
    char digit;
    enum key navigation;
} keypad[] = {
    {KEY_KP0, '0', KEY_INSERT},   {KEY_KP1, '1', KEY_END},      {KEY_KP2, '2', KEY_DOWN},
    {KEY_KP3, '3', KEY_PAGEDOWN}, {KEY_KP4, '4', KEY_LEFT},     {KEY_KP5, '5', KEY_NONE},
    {KEY_KP6, '6', KEY_RIGHT},    {KEY_KP7, '7', KEY_HOME},     {KEY_KP8, '8', KEY_UP},
    {KEY_KP9, '9', KEY_PAGEUP},   {KEY_KPDOT, '.', KEY_DELETE},
};
#define KEYPAD_KEYS (sizeof(keypad) / sizeof(keypad[0]))

/* Keys that type the same control character or symbol in every layout. */
static uint32_t fixed_char(enum key key)
{
    switch (key) {
    case KEY_ENTER:
    case KEY_KPENTER:
        return '\n';
    case KEY_BACKSPACE:
        return '\b';
    case KEY_TAB:
        return '\t';
    case KEY_ESC:
        return ASCII_ESC;
    case KEY_DELETE:
        return ASCII_DEL;
    case KEY_KPASTERISK:
        return '*';
    case KEY_KPMINUS:
        return '-';
    case KEY_KPPLUS:
        return '+';
    case KEY_KPSLASH:
        return '/';
    default:
        return 0;
    }
}

void keyboard_init(struct keyboard *kb, const struct layout *layout)
{
    *kb = (struct keyboard){.layout = layout};
}

uint16_t keyboard_mods(const struct keyboard *kb)
{
    uint16_t mods = kb->locks;

    for (size_t i = 0; i < MODIFIER_KEYS; i++) {
        if (kb->held & (1u << i))
            mods |= modifier_keys[i].mod;
    }
    if ((mods & MOD_ALTGR) && !kb->layout->has_altgr)
        mods = (uint16_t)((mods & ~MOD_ALTGR) | MOD_ALT);
    return mods;
}

/* Modifier and lock keys change the state; true if key was one of them. */
static bool update_state(struct keyboard *kb, struct key_change c)
{
    for (size_t i = 0; i < MODIFIER_KEYS; i++) {
        if (modifier_keys[i].key != c.key)
            continue;
        kb->held = c.pressed ? kb->held | (uint16_t)(1u << i) : kb->held & (uint16_t) ~(1u << i);
        return true;
    }
    for (size_t i = 0; i < LOCK_KEYS; i++) {
        if (lock_keys[i].key != c.key)
            continue;
        uint16_t bit = lock_keys[i].lock;
        if (c.pressed && !(kb->locks_down & bit))
            kb->locks ^= bit;
        kb->locks_down = c.pressed ? kb->locks_down | bit : kb->locks_down & (uint16_t)~bit;
        return true;
    }
    return false;
}

/* The layout's character for key under mods (0: none). */
static uint32_t layout_char(const struct layout *layout, enum key key, uint16_t mods)
{
    const struct layout_key *k = &layout->keys[key];

    if (mods & MOD_ALTGR)
        return k->altgr;
    bool shifted = (mods & MOD_SHIFT) != 0;
    if (k->caps && (mods & MOD_CAPS))
        shifted = !shifted;
    uint32_t ch = shifted ? k->shift : k->plain;
    if ((mods & MOD_CTRL) && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')))
        ch &= CTRL_MASK;
    return ch;
}

bool keyboard_change(struct keyboard *kb, struct key_change c, struct input_event *ev)
{
    if (update_state(kb, c) || !c.pressed || c.key <= KEY_NONE || c.key >= KEY_COUNT)
        return false;
    uint16_t mods = keyboard_mods(kb);
    enum key key = c.key;
    uint32_t ch = fixed_char(key);

    for (size_t i = 0; i < KEYPAD_KEYS; i++) {
        if (keypad[i].key != key)
            continue;
        if (mods & MOD_NUM)
            ch = (uint32_t)keypad[i].digit;
        else
            key = keypad[i].navigation;
        break;
    }
    if (key == KEY_NONE)
        return false; /* keypad 5 without Num Lock: no navigation key */
    if (key == KEY_DELETE)
        ch = ASCII_DEL;
    if (!ch)
        ch = layout_char(kb->layout, key, mods);
    *ev = (struct input_event){(uint16_t)key, mods, ch};
    return true;
}
