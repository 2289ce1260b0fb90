/* SPDX-License-Identifier: MIT */
/* Serial terminal decoder: control characters and the ANSI cursor-key sequences terminals send. */
#include "terminal.h"

#define ASCII_BS      0x08
#define ASCII_LF      0x0a
#define ASCII_CR      0x0d
#define ASCII_ESC     0x1b
#define ASCII_DEL     0x7f
#define CSI_INTRO     '[' /* ESC [ : control sequence introducer (ECMA-48 5.4) */
#define SS3_INTRO     'O' /* ESC O : single shift 3, how terminals in application mode send arrows */
#define CSI_FINAL_MIN 0x40 /* a control sequence ends with a byte in 0x40-0x7e (ECMA-48 5.4) */
#define CSI_FINAL_MAX 0x7e

enum { ST_GROUND, ST_ESC, ST_CSI, ST_SS3 };

/* ESC [ n ~ (VT220 editing keys) */
static const uint8_t tilde_keys[] = {
    [1] = KEY_HOME,   [2] = KEY_INSERT,   [3] = KEY_DELETE, [4] = KEY_END,
    [5] = KEY_PAGEUP, [6] = KEY_PAGEDOWN, [7] = KEY_HOME,   [8] = KEY_END,
};

/* The final byte of ESC [ X or ESC O X. */
static enum key final_key(uint8_t final, unsigned param, bool csi)
{
    switch (final) {
    case 'A':
        return KEY_UP;
    case 'B':
        return KEY_DOWN;
    case 'C':
        return KEY_RIGHT;
    case 'D':
        return KEY_LEFT;
    case 'H':
        return KEY_HOME;
    case 'F':
        return KEY_END;
    case '~':
        if (csi && param < sizeof(tilde_keys))
            return (enum key)tilde_keys[param];
        return KEY_NONE;
    default:
        return KEY_NONE;
    }
}

static bool key_event(struct input_event *ev, enum key key)
{
    uint32_t ch = key == KEY_DELETE ? ASCII_DEL : 0;

    *ev = (struct input_event){(uint16_t)key, 0, ch};
    return key != KEY_NONE;
}

/* Inside ESC [ ... : parameters, then the final byte. */
static bool csi_byte(struct terminal_decoder *d, uint8_t byte, struct input_event *ev)
{
    if (byte >= '0' && byte <= '9') {
        if (d->param_len < TERMINAL_PARAM_MAX)
            d->param = (uint8_t)(d->param * 10 + (byte - '0'));
        if (++d->param_len > TERMINAL_PARAM_MAX)
            d->param = UINT8_MAX; /* too long: no key of ours */
        return false;
    }
    if (byte < CSI_FINAL_MIN || byte > CSI_FINAL_MAX)
        return false; /* ';' and other parameter or intermediate bytes */
    d->state = ST_GROUND;
    return key_event(ev, final_key(byte, d->param, true));
}

static bool ground_byte(struct terminal_decoder *d, uint8_t byte, struct input_event *ev)
{
    bool after_cr = d->after_cr;

    d->after_cr = byte == ASCII_CR;
    switch (byte) {
    case ASCII_ESC:
        d->state = ST_ESC;
        return false;
    case ASCII_LF:
        if (after_cr)
            return false;
        /* fall through */
    case ASCII_CR:
        *ev = (struct input_event){KEY_ENTER, 0, '\n'};
        return true;
    case ASCII_BS:
    case ASCII_DEL:
        *ev = (struct input_event){KEY_BACKSPACE, 0, '\b'};
        return true;
    default:
        *ev = (struct input_event){KEY_NONE, 0, byte};
        return true;
    }
}

bool terminal_feed(struct terminal_decoder *d, uint8_t byte, struct input_event *ev)
{
    switch (d->state) {
    case ST_ESC:
        if (byte == ASCII_ESC) { /* ESC ESC: the first one was the Esc key itself */
            *ev = (struct input_event){KEY_ESC, 0, ASCII_ESC};
            return true;
        }
        d->param = d->param_len = 0;
        /* ESC and anything else (Alt+key in most terminals) is swallowed */
        d->state = byte == CSI_INTRO ? ST_CSI : byte == SS3_INTRO ? ST_SS3 : ST_GROUND;
        return false;
    case ST_CSI:
        return csi_byte(d, byte, ev);
    case ST_SS3:
        d->state = ST_GROUND;
        return key_event(ev, final_key(byte, 0, false));
    default:
        return ground_byte(d, byte, ev);
    }
}
