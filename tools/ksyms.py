#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Fill the kernel's .ksyms section with its own function symbols, after linking.

The panic screen names the function a faulting address belongs to, so the kernel needs a symbol
table in memory. The linker script reserves .ksyms (zeros); this script reads the linked ELF's
function symbols with nm and writes the table into that section with objcopy. The section keeps
its size, so no address in the kernel moves.

Table layout (little-endian), read by src/ksyms.c:
  header   u32 magic "KSYM", u32 count, u32 strings offset, u32 reserved
  entries  count x (u64 address, u32 name offset into strings, u32 size), sorted by address
  strings  NUL-terminated names
"""

import argparse
import struct
import subprocess
import sys
import tempfile

MAGIC = 0x4D59534B  # "KSYM"
HEADER = struct.Struct('<IIII')
ENTRY = struct.Struct('<QII')
FUNCTION_TYPES = set('tTwW')


def function_symbols(nm, elf):
    out = subprocess.run([nm, '--defined-only', '--print-size', '--numeric-sort', elf],
                         check=True, capture_output=True, text=True).stdout
    symbols = []
    for line in out.splitlines():
        fields = line.split()
        # functions only: they have a size (assembly ones from END()); sizeless symbols are
        # markers such as _text_start, which would shadow the function at the same address
        if len(fields) == 4 and fields[2] in FUNCTION_TYPES and int(fields[1], 16) > 0:
            symbols.append((int(fields[0], 16), int(fields[1], 16), fields[3]))
    return sorted(set(symbols))


def section_size(readelf, elf, name):
    out = subprocess.run([readelf, '-SW', elf], check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        fields = line.replace('[ ', '[').split()
        if len(fields) > 5 and fields[1] == name:
            return int(fields[5], 16)
    sys.exit(f'ksyms: {elf} has no {name} section (see the linker script)')


def build_table(symbols, size):
    strings, offsets = bytearray(), []
    for _, _, name in symbols:
        offsets.append(len(strings))
        strings += name.encode() + b'\0'
    strings_offset = HEADER.size + ENTRY.size * len(symbols)
    table = HEADER.pack(MAGIC, len(symbols), strings_offset, 0)
    table += b''.join(ENTRY.pack(addr, off, min(sz, 0xFFFFFFFF))
                      for (addr, sz, _), off in zip(symbols, offsets))
    table += strings
    if len(table) > size:
        sys.exit(f'ksyms: the symbol table needs {len(table)} bytes but .ksyms has {size}: '
                 'raise KSYMS_SIZE in arch/x86_64/include/arch/memlayout.h')
    return table + bytes(size - len(table))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--nm', required=True)
    parser.add_argument('--objcopy', required=True)
    parser.add_argument('--readelf', required=True)
    parser.add_argument('input')
    parser.add_argument('output')
    args = parser.parse_args()

    symbols = function_symbols(args.nm, args.input)
    table = build_table(symbols, section_size(args.readelf, args.input, '.ksyms'))
    with tempfile.NamedTemporaryFile(suffix='.ksyms') as blob:
        blob.write(table)
        blob.flush()
        subprocess.run([args.objcopy, '--update-section', f'.ksyms={blob.name}',
                        args.input, args.output], check=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
