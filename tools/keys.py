# SPDX-License-Identifier: MIT
"""Typing at the guest from outside: text and named keys as QMP input-send-event key events, the
way a US keyboard would send them (Shift chords for capitals and symbols).

input-send-event delivers its events in order, press and release apart, so a chord never
overlaps the next key (send-key releases after a hold time, which lets a held Shift leak into the
next character).
"""

import time

# QEMU's QKeyCode names for the characters a US keyboard types without Shift, and with it.
PLAIN = {' ': 'spc', '-': 'minus', '=': 'equal', '[': 'bracket_left', ']': 'bracket_right',
         '\\': 'backslash', ';': 'semicolon', "'": 'apostrophe', '`': 'grave_accent',
         ',': 'comma', '.': 'dot', '/': 'slash', '\n': 'ret', '\t': 'tab'}
SHIFTED = {'!': '1', '@': '2', '#': '3', '$': '4', '%': '5', '^': '6', '&': '7', '*': '8',
           '(': '9', ')': '0', '_': 'minus', '+': 'equal', '{': 'bracket_left',
           '}': 'bracket_right', '|': 'backslash', ':': 'semicolon', '"': 'apostrophe',
           '~': 'grave_accent', '<': 'comma', '>': 'dot', '?': 'slash'}


def chord(char):
    """The keys (QKeyCodes) that type char on a US keyboard: [key] or ['shift', key]."""
    if char.isascii() and (char.islower() or char.isdigit()):
        return [char]
    if char.isascii() and char.isupper():
        return ['shift', char.lower()]
    if char in PLAIN:
        return [PLAIN[char]]
    if char in SHIFTED:
        return ['shift', SHIFTED[char]]
    raise ValueError(f'no US key types {char!r}')


def events(keys):
    """Press keys in order, then release them in reverse: one chord."""
    def event(key, down):
        return {'type': 'key', 'data': {'down': down, 'key': {'type': 'qcode', 'data': key}}}
    return [event(k, True) for k in keys] + [event(k, False) for k in reversed(keys)]


def press(qmp, *keys):
    """Type one chord of named keys, e.g. press(qmp, 'ctrl', 'c') or press(qmp, 'left')."""
    qmp.command('input-send-event', events=events(list(keys)))
    time.sleep(PACE)


# Seconds between chords. QEMU's PS/2 keyboard model queues 16 bytes and drops the rest, so a
# host too busy to run the guest for a while would lose keys in QEMU, not in the guest: 3 ms
# between keys (about 300 a second, ten times the fastest typematic rate) leaves the guest room.
PACE = 0.003


def type_text(qmp, text, pace=PACE):
    """Type text, one chord per character, each its own QMP command."""
    for char in text:
        qmp.command('input-send-event', events=events(chord(char)))
        time.sleep(pace)
