/* SPDX-License-Identifier: MIT */
/* Keyboard layouts: what character each key types, plain, with Shift and with AltGr. */
#ifndef CYAN_INPUT_LAYOUT_H
#define CYAN_INPUT_LAYOUT_H

#include "keys.h"

#include <stdint.h>

/* One key's characters (Unicode code points, Latin-1 range; 0: types nothing). Caps Lock swaps
 * plain and shift on keys marked caps (the letters). */
struct layout_key {
    uint16_t plain, shift, altgr;
    bool caps;
};

struct layout {
    const char *name; /* what kbd= on the command line says */
    const char *description;
    bool has_altgr; /* right Alt is AltGr (else a second Alt) */
    struct layout_key keys[KEY_COUNT];
};

/* A key that types plain and shifted characters (and one with AltGr). */
#define LAYOUT_KEY(p, s)                                                                           \
    {                                                                                              \
        .plain = (p), .shift = (s)                                                                 \
    }
#define LAYOUT_ALTGR(p, s, a)                                                                      \
    {                                                                                              \
        .plain = (p), .shift = (s), .altgr = (a)                                                   \
    }
/* A letter key: lower case plain, upper case with Shift, swapped by Caps Lock. */
#define LAYOUT_LETTER(lower)                                                                       \
    {                                                                                              \
        .plain = (lower), .shift = (lower) - 'a' + 'A', .caps = true                               \
    }
#define LAYOUT_LETTER_ALTGR(lower, a)                                                              \
    {                                                                                              \
        .plain = (lower), .shift = (lower) - 'a' + 'A', .altgr = (a), .caps = true                 \
    }

extern const struct layout layout_us;
extern const struct layout layout_de;

/* The layout called name, or NULL. */
const struct layout *layout_find(const char *name);
/* The layouts there are, NULL-terminated, for messages. */
extern const struct layout *const layouts[];

#endif
