/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the input decoders: any byte stream goes through the scan-code decoder
 * and keyboard state (both layouts) and through the serial terminal decoder. Nothing may crash,
 * every event must name a real key, and after the stream an error byte plus every modifier's
 * break code must leave no modifier held (the locks may stay on: they are toggles).
 */
#include "keyboard.h"
#include "scancode.h"
#include "terminal.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 00 (an overrun ends any partial sequence), then LShift, RShift, LCtrl, RCtrl, LAlt, RAlt up. */
static const uint8_t release_all[] = {SC_ERROR, 0xaa, 0xb6, 0x9d, 0xe0, 0x9d, 0xb8, 0xe0, 0xb8};
#define HELD_MODIFIERS (MOD_SHIFT | MOD_CTRL | MOD_ALT | MOD_ALTGR)

static void feed(struct scancode_decoder *d, struct keyboard *kb, uint8_t byte)
{
    struct key_change c;
    struct input_event ev;

    if (!scancode_feed(d, byte, &c))
        return;
    if (c.key <= KEY_NONE || c.key >= KEY_COUNT)
        abort();
    if (keyboard_change(kb, c, &ev) && ev.key >= KEY_COUNT)
        abort();
}

static void keyboard_run(const struct layout *layout, const uint8_t *data, size_t size)
{
    struct scancode_decoder d = {0};
    struct keyboard kb;

    keyboard_init(&kb, layout);
    for (size_t i = 0; i < size; i++)
        feed(&d, &kb, data[i]);
    for (size_t i = 0; i < sizeof(release_all); i++)
        feed(&d, &kb, release_all[i]);
    if (keyboard_mods(&kb) & HELD_MODIFIERS)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct terminal_decoder t = {0};
    struct input_event ev;

    keyboard_run(&layout_us, data, size);
    keyboard_run(&layout_de, data, size);
    for (size_t i = 0; i < size; i++) {
        if (terminal_feed(&t, data[i], &ev) && ev.key >= KEY_COUNT)
            abort();
    }
    return 0;
}
