/* SPDX-License-Identifier: MIT */
/* Bytes from a serial terminal into input events: control characters and ANSI (ECMA-48) keys. */
#ifndef CYAN_INPUT_TERMINAL_H
#define CYAN_INPUT_TERMINAL_H

#include "keys.h"

#include <stdint.h>

#define TERMINAL_PARAM_MAX 4 /* digits kept of a sequence's parameter; longer ones are unknown */

/* Decoder state between bytes. Zero it to start. */
struct terminal_decoder {
    uint8_t state;     /* terminal.c */
    uint8_t param;     /* the number in "ESC [ n ~" */
    uint8_t param_len; /* its digits so far */
    uint8_t after_cr;  /* the last byte was CR: a following LF belongs to the same Enter */
};

/*
 * Feed one byte. Returns true and fills *ev when the byte completes a character or a key: CR, LF
 * or CR LF give KEY_ENTER '\n'; DEL and BS give KEY_BACKSPACE '\b'; ESC [ A-D (or ESC O A-D) the
 * arrows; ESC [ H / F, ESC [ 1~ to 6~ Home, End, Insert, Delete, PgUp, PgDn. Other escape
 * sequences are swallowed whole, up to their final byte.
 */
bool terminal_feed(struct terminal_decoder *d, uint8_t byte, struct input_event *ev);

#endif
