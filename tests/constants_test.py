#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The numbers the Python side copies from the kernel's C sources are still the C sources' numbers.

Tests read the screen, QEMU's exit status and the symbol table from outside the guest, so they
keep their own copies of the VGA text buffer's place and size, the text-mode palette the
framebuffer console draws, the isa-debug-exit port and codes, and the .ksyms table layout. Each
copy is compared here with the C definition it mirrors, read from the source text. Prints TAP.

usage: constants_test.py SOURCE_ROOT
"""

import pathlib
import re
import struct
import sys

TOOLS = pathlib.Path(__file__).resolve().parent.parent / 'tools'
sys.path.insert(0, str(TOOLS))
import ksyms  # noqa: E402
import qemu  # noqa: E402
from tap import Tap  # noqa: E402

# C fixed-width types as struct format characters (the table is little-endian, no padding).
C_TYPES = {'uint8_t': 'B', 'uint16_t': 'H', 'uint32_t': 'I', 'uint64_t': 'Q'}


def c_define(text, name):
    """The integer value of '#define NAME value' (decimal or hex), or None."""
    m = re.search(rf'^\s*#\s*define\s+{name}\s+(0[xX][0-9a-fA-F]+|\d+)\b', text, re.MULTILINE)
    return int(m.group(1), 0) if m else None


def c_struct_format(text, name):
    """struct NAME's fields as a struct-module format ('<' + one letter per field), or None."""
    m = re.search(rf'struct\s+{name}\s*{{(.*?)}};', text, re.DOTALL)
    if not m:
        return None
    body = re.sub(r'/\*.*?\*/', '', m.group(1), flags=re.DOTALL)
    fields = re.findall(r'(\w+)\s+\w+\s*;', body)
    return '<' + ''.join(C_TYPES.get(f, '?') for f in fields)


def c_rgb_table(text, name):
    """The {r, g, b} triples of the array NAME, in order."""
    m = re.search(rf'\b{name}\s*\[[^]]*\]\s*\[3\]\s*=\s*{{(.*?)}};', text, re.DOTALL)
    if not m:
        return None
    return [tuple(int(v, 0) for v in t)
            for t in re.findall(r'{\s*(\w+)\s*,\s*(\w+)\s*,\s*(\w+)\s*}', m.group(1))]


def checks(root):
    """(name, Python's value, C's value, where C has it) for each copied constant."""
    vga_h = (root / 'arch/x86_64/include/arch/pc/vga.h').read_text()
    qemu_h = (root / 'arch/x86_64/include/arch/pc/qemu.h').read_text()
    fbcon_c = (root / 'src/console/fbcon.c').read_text()
    ksyms_c = (root / 'src/ksyms.c').read_text()
    exit_port = int(re.search(r'iobase=(0x[0-9a-f]+)', ' '.join(qemu.DEBUG_EXIT)).group(1), 16)
    success, failure = c_define(qemu_h, 'QEMU_EXIT_SUCCESS'), c_define(qemu_h, 'QEMU_EXIT_FAILURE')
    return [
        ('VGA text buffer address', qemu.VGA_TEXT_PHYS, c_define(vga_h, 'VGA_TEXT_PHYS'),
         'VGA_TEXT_PHYS in arch/x86_64/include/arch/pc/vga.h'),
        ('VGA text columns', qemu.VGA_COLS, c_define(vga_h, 'VGA_COLS'), 'VGA_COLS in arch/pc/vga.h'),
        ('VGA text rows', qemu.VGA_ROWS, c_define(vga_h, 'VGA_ROWS'), 'VGA_ROWS in arch/pc/vga.h'),
        ('VGA palette (framebuffer colours)', [tuple(c) for c in qemu.VGA_RGB],
         c_rgb_table(fbcon_c, 'palette_rgb'), 'palette_rgb in src/console/fbcon.c'),
        ('isa-debug-exit port', exit_port, c_define(qemu_h, 'QEMU_EXIT_PORT'),
         'QEMU_EXIT_PORT in arch/x86_64/include/arch/pc/qemu.h'),
        ('exit status of a passing test kernel', qemu.EXIT_PASS,
         None if success is None else success << 1 | 1, 'QEMU_EXIT_SUCCESS in arch/pc/qemu.h'),
        ('exit status of a failing test kernel', qemu.EXIT_FAIL,
         None if failure is None else failure << 1 | 1, 'QEMU_EXIT_FAILURE in arch/pc/qemu.h'),
        ('ksyms magic', ksyms.MAGIC, c_define(ksyms_c, 'KSYMS_MAGIC'),
         'KSYMS_MAGIC in src/ksyms.c'),
        ('ksyms header layout', ksyms.HEADER.format, c_struct_format(ksyms_c, 'ksyms_header'),
         'struct ksyms_header in src/ksyms.c'),
        ('ksyms entry layout', ksyms.ENTRY.format, c_struct_format(ksyms_c, 'ksym'),
         'struct ksym in src/ksyms.c'),
    ]


def main():
    root = pathlib.Path(sys.argv[1])
    found = checks(root)
    tap = Tap(len(found))
    for name, ours, theirs, where in found:
        if theirs is None:
            tap.result(False, f'{name}: not found in the C sources',
                       [f'expected {where}; if it moved, update tests/constants_test.py'])
            continue
        tap.result(ours == theirs, f'{name} is the same in Python and C',
                   [f'Python: {ours!r}', f'C ({where}): {theirs!r}'] if ours != theirs else [])
    return 0


if __name__ == '__main__':
    sys.exit(main())
