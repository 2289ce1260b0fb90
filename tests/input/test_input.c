/* SPDX-License-Identifier: MIT */
/*
 * Host unit tests of the input path (src/input, src/monitor/line_edit.c): the set 1 scan-code
 * decoder over every key of the table, the 0xE0 and Pause sequences, the modifier and lock state
 * machines, both layouts, the serial terminal decoder, the event queue and the line editor.
 */
#include "input_queue.h"
#include "keyboard.h"
#include "line_edit.h"
#include "scancode.h"
#include "terminal.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#define EVENTS_MAX 64

/* A decoder and keyboard fed byte by byte; the presses it reports are collected. */
struct rig {
    struct scancode_decoder d;
    struct keyboard kb;
    struct key_change changes[EVENTS_MAX];
    struct input_event events[EVENTS_MAX];
    size_t nchanges, nevents;
};

static void rig_init(struct rig *r, const struct layout *layout)
{
    memset(r, 0, sizeof(*r));
    keyboard_init(&r->kb, layout);
}

static void feed(struct rig *r, const uint8_t *bytes, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct key_change c;
        if (!scancode_feed(&r->d, bytes[i], &c))
            continue;
        assert_true(r->nchanges < EVENTS_MAX);
        r->changes[r->nchanges++] = c;
        if (keyboard_change(&r->kb, c, &r->events[r->nevents]))
            r->nevents++;
    }
}
#define FEED(r, ...)                                                                               \
    feed((r), (const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}))

/* The characters the collected presses typed. */
static const char *typed(const struct rig *r)
{
    static char text[EVENTS_MAX + 1];
    for (size_t i = 0; i < r->nevents; i++)
        text[i] = (char)r->events[i].ch;
    text[r->nevents] = '\0';
    return text;
}

/* Every key with a code: its make code gives a press of that key, its break code the release. */
static void every_make_and_break(void **state)
{
    (void)state;
    unsigned keys = 0;
    for (int k = KEY_NONE + 1; k < KEY_COUNT; k++) {
        uint8_t code;
        bool extended;
        if (!scancode_of((enum key)k, &code, &extended))
            continue;
        struct rig r;
        rig_init(&r, &layout_us);
        uint8_t bytes[] = {SC_EXTENDED, code, SC_EXTENDED, (uint8_t)(code | SC_BREAK)};
        if (extended)
            feed(&r, bytes, sizeof(bytes));
        else {
            feed(&r, &bytes[1], 1);
            feed(&r, &bytes[3], 1);
        }
        assert_int_equal(r.nchanges, 2);
        assert_int_equal(r.changes[0].key, k);
        assert_true(r.changes[0].pressed);
        assert_int_equal(r.changes[1].key, k);
        assert_false(r.changes[1].pressed);
        keys++;
    }
    assert_int_equal(keys, KEY_COUNT - 2); /* all but KEY_NONE and KEY_PAUSE */
}

/* 0xE0 picks the extended key: E0 48 is Up, 48 alone the keypad's 8. */
static void extended_keys(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, &layout_us);
    FEED(&r, 0xe0, 0x48, 0xe0, 0xc8, 0x48, 0xc8, 0xe0, 0x1c, 0xe0, 0x9c, 0xe0, 0x1d, 0xe0, 0x9d,
         0xe0, 0x38, 0xe0, 0xb8, 0xe0, 0x53, 0xe0, 0x47, 0xe0, 0x4f, 0xe0, 0x49, 0xe0, 0x51);
    const enum key want[] = {KEY_UP,      KEY_UP,        KEY_KP8,       KEY_KP8,      KEY_KPENTER,
                             KEY_KPENTER, KEY_RIGHTCTRL, KEY_RIGHTCTRL, KEY_RIGHTALT, KEY_RIGHTALT,
                             KEY_DELETE,  KEY_HOME,      KEY_END,       KEY_PAGEUP,   KEY_PAGEDOWN};
    assert_int_equal(r.nchanges, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < r.nchanges; i++)
        assert_int_equal(r.changes[i].key, want[i]);
    assert_int_equal(r.events[0].key, KEY_UP);
    assert_int_equal(r.events[1].key, KEY_UP); /* Num Lock off: keypad 8 is Up as well */
    assert_int_equal(r.events[2].ch, '\n');    /* keypad Enter */
}

/* The fake shifts around extended keys (E0 2A ... E0 AA) are not Shift presses. */
static void fake_shifts_ignored(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, &layout_us);
    FEED(&r, 0xe0, 0x2a, 0xe0, 0x52, 0xe0, 0xd2, 0xe0, 0xaa, 0x1e);
    assert_int_equal(r.nchanges, 3);
    assert_int_equal(r.changes[0].key, KEY_INSERT);
    assert_int_equal(r.nevents, 2);
    assert_int_equal(r.events[1].ch, 'a'); /* not 'A' */
    assert_int_equal(keyboard_mods(&r.kb), 0);
}

/* Pause: E1 1D 45 is the press, E1 9D C5 the release, and nothing else comes out. */
static void pause_sequence(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, &layout_us);
    FEED(&r, 0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5);
    assert_int_equal(r.nchanges, 2);
    assert_int_equal(r.changes[0].key, KEY_PAUSE);
    assert_true(r.changes[0].pressed);
    assert_int_equal(r.changes[1].key, KEY_PAUSE);
    assert_false(r.changes[1].pressed);
    assert_int_equal(keyboard_mods(&r.kb), 0); /* the 1D inside is not Ctrl */
}

/* A byte that breaks the Pause sequence is decoded on its own; an error byte drops a prefix. */
static void broken_sequences(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, &layout_us);
    FEED(&r, 0xe1, 0x1e, 0xe0, 0x00, 0x48);
    assert_int_equal(r.nchanges, 2);
    assert_int_equal(r.changes[0].key, KEY_A);
    assert_int_equal(r.changes[1].key, KEY_KP8);
}

static void shift_state_machine(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, &layout_us);
    /* LShift down, RShift down, LShift up: still shifted; RShift up: not */
    FEED(&r, 0x2a, 0x36, 0xaa, 0x1e, 0xb6, 0x1e, 0x2a, 0x02, 0xaa, 0x02);
    assert_string_equal(typed(&r), "Aa!1");
    assert_int_equal(keyboard_mods(&r.kb), 0);
}

/* Caps Lock toggles once per press (not on auto-repeat), shifts letters only, Shift undoes it. */
static void caps_lock(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, &layout_us);
    FEED(&r, 0x3a, 0x3a, 0x3a, 0xba, 0x1e, 0x02, 0x2a, 0x1e, 0xaa);
    assert_string_equal(typed(&r), "A1a");
    assert_int_equal(keyboard_mods(&r.kb), MOD_CAPS);
    FEED(&r, 0x3a, 0xba, 0x1e);
    assert_int_equal(keyboard_mods(&r.kb), 0);
    assert_int_equal(r.events[r.nevents - 1].ch, 'a');
}

static void num_lock_keypad(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, &layout_us);
    FEED(&r, 0x45, 0xc5, 0x47, 0x53, 0x37, 0x4e);
    assert_string_equal(typed(&r), "7.*+");
    assert_int_equal(keyboard_mods(&r.kb), MOD_NUM);
    FEED(&r, 0x45, 0xc5, 0x4b);
    assert_int_equal(r.events[r.nevents - 1].key, KEY_LEFT);
}

static void ctrl_and_alt(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, &layout_us);
    FEED(&r, 0x1d, 0x2e, 0x9d, 0xe0, 0x1d, 0x2e, 0xe0, 0x9d, 0x2e); /* Ctrl-C twice, then c */
    assert_string_equal(typed(&r), "\x03\x03"
                                   "c");
    FEED(&r, 0xe0, 0x38); /* right Alt on a layout without AltGr is Alt */
    assert_int_equal(keyboard_mods(&r.kb), MOD_ALT);
}

/* US: the whole printable set by key and Shift. */
static void us_layout(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, &layout_us);
    /* "Hi, 1!" : Shift h, i, comma, space, 1, Shift 1 */
    FEED(&r, 0x2a, 0x23, 0xa3, 0xaa, 0x17, 0x33, 0x39, 0x02, 0x2a, 0x02, 0xaa);
    assert_string_equal(typed(&r), "Hi, 1!");
}

/* German: QWERTZ, Shift 2 is ", AltGr Q is @, AltGr 8 is [, the ISO key is <. */
static void de_layout(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, &layout_de);
    FEED(&r, 0x15, 0x2c, 0x2a, 0x03, 0xaa, 0xe0, 0x38, 0x10, 0x09, 0xe0, 0xb8, 0x56, 0x0c);
    assert_int_equal(r.nevents, 7);
    assert_memory_equal(typed(&r), "zy\"@[<\xdf", 7);
    assert_int_equal(keyboard_mods(&r.kb), 0);
    assert_non_null(layout_find("de"));
    assert_null(layout_find("xx"));
}

/* Serial: CR, LF and CR LF are one Enter each; DEL is Backspace; arrows; unknown sequences go. */
static void terminal_decoder(void **state)
{
    (void)state;
    static const char bytes[] = "a\r\nb\rc\n\x7f\x1b[A\x1b[3~\x1bOD\x1b[1;5C\x1b[99~d\x03";
    const uint16_t keys[] = {KEY_NONE,  KEY_ENTER,     KEY_NONE, KEY_ENTER,  KEY_NONE,
                             KEY_ENTER, KEY_BACKSPACE, KEY_UP,   KEY_DELETE, KEY_LEFT,
                             KEY_RIGHT, KEY_NONE,      KEY_NONE};
    struct terminal_decoder d = {0};
    struct input_event ev, got[EVENTS_MAX];
    size_t n = 0;
    for (size_t i = 0; i < sizeof(bytes) - 1; i++) {
        if (terminal_feed(&d, (uint8_t)bytes[i], &ev))
            got[n++] = ev;
    }
    assert_int_equal(n, sizeof(keys) / sizeof(keys[0]));
    for (size_t i = 0; i < n; i++)
        assert_int_equal(got[i].key, keys[i]);
    assert_int_equal(got[11].ch, 'd');
    assert_int_equal(got[12].ch, 3);
}

static void queue_full_counts_lost(void **state)
{
    (void)state;
    static struct input_queue q;
    struct input_event ev;
    for (uint32_t i = 0; i < INPUT_QUEUE_SIZE + 5; i++) {
        ev = (struct input_event){KEY_NONE, 0, i};
        assert_int_equal(input_queue_put(&q, &ev), i < INPUT_QUEUE_SIZE);
    }
    assert_int_equal(input_queue_lost(&q), 5);
    for (uint32_t i = 0; i < INPUT_QUEUE_SIZE; i++) {
        assert_true(input_queue_take(&q, &ev));
        assert_int_equal(ev.ch, i);
    }
    assert_false(input_queue_take(&q, &ev));
}

/* The line editor's echo, as a terminal would show it. */
static char screen[256];
static size_t screen_col, screen_len;

static void screen_write(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\b') {
            screen_col--;
        } else if (s[i] != '\n') {
            screen[screen_col++] = s[i];
            if (screen_col > screen_len)
                screen_len = screen_col;
        }
    }
    screen[screen_len] = '\0';
}

static enum line_result type(struct line_editor *ed, const char *text, const uint16_t *keys)
{
    enum line_result result = LINE_EDITING;
    for (; *text; text++)
        result = line_edit_event(ed, &(struct input_event){KEY_NONE, 0, (uint8_t)*text});
    for (; keys && *keys; keys++)
        result = line_edit_event(ed, &(struct input_event){*keys, 0, 0});
    return result;
}

static void line_editor(void **state)
{
    (void)state;
    static struct line_editor ed;
    line_edit_init(&ed, screen_write);
    line_edit_start(&ed);
    /* "helo", Left, insert 'l', End, Backspace, Backspace, "o!", Home, Delete, "H" */
    type(&ed, "helo", (const uint16_t[]){KEY_LEFT, 0});
    type(&ed, "l", (const uint16_t[]){KEY_END, KEY_BACKSPACE, KEY_BACKSPACE, 0});
    type(&ed, "lo!", (const uint16_t[]){KEY_HOME, KEY_DELETE, 0});
    type(&ed, "H", NULL);
    assert_string_equal(ed.line, "Hello!");
    assert_string_equal(screen, "Hello!"); /* what the echo left on the terminal */
    assert_int_equal(type(&ed, "", (const uint16_t[]){KEY_ENTER, 0}), LINE_DONE);
    line_edit_start(&ed);
    type(&ed, "two", (const uint16_t[]){KEY_ENTER, 0});
    line_edit_start(&ed);
    type(&ed, "x", (const uint16_t[]){KEY_UP, KEY_UP, 0});
    assert_string_equal(ed.line, "Hello!");
    type(&ed, "", (const uint16_t[]){KEY_DOWN, KEY_DOWN, 0});
    assert_string_equal(ed.line, "x"); /* back to the draft */
    assert_int_equal(line_edit_event(&ed, &(struct input_event){KEY_C, MOD_CTRL, 3}),
                     LINE_CANCELLED);
}

static void line_is_bounded(void **state)
{
    (void)state;
    static struct line_editor ed;
    char text[LINE_MAX + 20];
    memset(text, 'x', sizeof(text) - 1);
    text[sizeof(text) - 1] = '\0';
    line_edit_init(&ed, screen_write);
    screen_col = screen_len = 0;
    line_edit_start(&ed);
    type(&ed, text, NULL);
    assert_int_equal(strlen(ed.line), LINE_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_make_and_break),
        cmocka_unit_test(extended_keys),
        cmocka_unit_test(fake_shifts_ignored),
        cmocka_unit_test(pause_sequence),
        cmocka_unit_test(broken_sequences),
        cmocka_unit_test(shift_state_machine),
        cmocka_unit_test(caps_lock),
        cmocka_unit_test(num_lock_keypad),
        cmocka_unit_test(ctrl_and_alt),
        cmocka_unit_test(us_layout),
        cmocka_unit_test(de_layout),
        cmocka_unit_test(terminal_decoder),
        cmocka_unit_test(queue_full_counts_lost),
        cmocka_unit_test(line_editor),
        cmocka_unit_test(line_is_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
