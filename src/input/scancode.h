/* SPDX-License-Identifier: MIT */
/* Scan code set 1 decoder: bytes from the keyboard (set 2 translated by the 8042) into key changes.
 */
#ifndef CYAN_INPUT_SCANCODE_H
#define CYAN_INPUT_SCANCODE_H

#include "keys.h"

#include <stdint.h>

/* Set 1 bytes with a meaning of their own (IBM PS/2 Technical Reference, keyboard chapter). */
#define SC_BREAK        0x80 /* bit 7 set: the key was released */
#define SC_EXTENDED     0xe0 /* the next code is an extended key */
#define SC_PAUSE_PREFIX 0xe1 /* starts the six-byte Pause sequence E1 1D 45 E1 9D C5 */
#define SC_ERROR        0x00 /* key detection error or buffer overrun (translated set 2) */
#define SC_OVERRUN      0xff /* buffer overrun */

/* Decoder state between bytes: a pending prefix, or how far into the Pause sequence. Zero it to
 * start. */
struct scancode_decoder {
    uint8_t extended;    /* saw 0xE0 */
    uint8_t pause_index; /* bytes of the Pause sequence matched so far */
};

/*
 * Feed one byte. Returns true and fills *out when the byte completes a key's make or break code.
 * Unknown codes, the 0xE0 2A/AA "fake shift" codes and error bytes give false; an error byte also
 * drops any half-received sequence. A byte that breaks the Pause sequence is decoded on its own.
 */
bool scancode_feed(struct scancode_decoder *d, uint8_t byte, struct key_change *out);

/* The set 1 make code of key (extended: needs the 0xE0 prefix), for tests; false for KEY_PAUSE
 * and keys without a code. */
bool scancode_of(enum key key, uint8_t *code, bool *extended);

#endif
