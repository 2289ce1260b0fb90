/* SPDX-License-Identifier: MIT */
/* The German (T1, DIN 2137) keyboard layout: QWERTZ, umlauts, AltGr for brackets and @. */
#include "layout.h"

/* Latin-1 code points of the characters German keys type beyond ASCII. */
#define SECTION  0xa7 /* § */
#define DEGREE   0xb0 /* ° */
#define ACUTE    0xb4 /* ´ (a dead key on German systems; here it types itself) */
#define SUP2     0xb2 /* ² */
#define SUP3     0xb3 /* ³ */
#define MICRO    0xb5 /* µ */
#define SHARP_S  0xdf /* ß */
#define A_UMLAUT 0xe4
#define O_UMLAUT 0xf6
#define U_UMLAUT 0xfc
#define UMLAUT(lower)                                                                              \
    {                                                                                              \
        (lower), (lower)-0x20, 0, true                                                             \
    } /* Latin-1 capitals are 0x20 below */

const struct layout layout_de = {
    .name = "de",
    .description = "German",
    .has_altgr = true,
    .keys =
        {
            [KEY_1] = LAYOUT_KEY('1', '!'),
            [KEY_2] = LAYOUT_ALTGR('2', '"', SUP2),
            [KEY_3] = LAYOUT_ALTGR('3', SECTION, SUP3),
            [KEY_4] = LAYOUT_KEY('4', '$'),
            [KEY_5] = LAYOUT_KEY('5', '%'),
            [KEY_6] = LAYOUT_KEY('6', '&'),
            [KEY_7] = LAYOUT_ALTGR('7', '/', '{'),
            [KEY_8] = LAYOUT_ALTGR('8', '(', '['),
            [KEY_9] = LAYOUT_ALTGR('9', ')', ']'),
            [KEY_0] = LAYOUT_ALTGR('0', '=', '}'),
            [KEY_MINUS] = LAYOUT_ALTGR(SHARP_S, '?', '\\'),
            [KEY_EQUAL] = LAYOUT_KEY(ACUTE, '`'),
            [KEY_Q] = LAYOUT_LETTER_ALTGR('q', '@'),
            [KEY_W] = LAYOUT_LETTER('w'),
            [KEY_E] = LAYOUT_LETTER('e'),
            [KEY_R] = LAYOUT_LETTER('r'),
            [KEY_T] = LAYOUT_LETTER('t'),
            [KEY_Y] = LAYOUT_LETTER('z'),
            [KEY_U] = LAYOUT_LETTER('u'),
            [KEY_I] = LAYOUT_LETTER('i'),
            [KEY_O] = LAYOUT_LETTER('o'),
            [KEY_P] = LAYOUT_LETTER('p'),
            [KEY_LEFTBRACE] = UMLAUT(U_UMLAUT),
            [KEY_RIGHTBRACE] = LAYOUT_ALTGR('+', '*', '~'),
            [KEY_A] = LAYOUT_LETTER('a'),
            [KEY_S] = LAYOUT_LETTER('s'),
            [KEY_D] = LAYOUT_LETTER('d'),
            [KEY_F] = LAYOUT_LETTER('f'),
            [KEY_G] = LAYOUT_LETTER('g'),
            [KEY_H] = LAYOUT_LETTER('h'),
            [KEY_J] = LAYOUT_LETTER('j'),
            [KEY_K] = LAYOUT_LETTER('k'),
            [KEY_L] = LAYOUT_LETTER('l'),
            [KEY_SEMICOLON] = UMLAUT(O_UMLAUT),
            [KEY_APOSTROPHE] = UMLAUT(A_UMLAUT),
            [KEY_GRAVE] = LAYOUT_KEY('^', DEGREE),
            [KEY_BACKSLASH] = LAYOUT_KEY('#', '\''),
            [KEY_Z] = LAYOUT_LETTER('y'),
            [KEY_X] = LAYOUT_LETTER('x'),
            [KEY_C] = LAYOUT_LETTER('c'),
            [KEY_V] = LAYOUT_LETTER('v'),
            [KEY_B] = LAYOUT_LETTER('b'),
            [KEY_N] = LAYOUT_LETTER('n'),
            [KEY_M] = LAYOUT_LETTER_ALTGR('m', MICRO),
            [KEY_COMMA] = LAYOUT_KEY(',', ';'),
            [KEY_DOT] = LAYOUT_KEY('.', ':'),
            [KEY_SLASH] = LAYOUT_KEY('-', '_'),
            [KEY_SPACE] = LAYOUT_KEY(' ', ' '),
            [KEY_102ND] = LAYOUT_ALTGR('<', '>', '|'),
        },
};
