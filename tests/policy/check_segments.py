#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check the kernel ELF's program headers: no segment both writable and executable, no executable
stack, and every loadable segment page-aligned, using readelf's view of the file."""

import argparse
import re
import subprocess
import sys

PAGE = 0x1000
# The last column, the alignment, is "0x10" from GNU ld but a plain "0" from lld for GNU_STACK.
SEGMENT = re.compile(
    r'^\s*(\S+)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)'
    r'\s+([RWE ]+?)\s+(0x[0-9a-f]+|0)$')


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--readelf', required=True)
    parser.add_argument('elf')
    args = parser.parse_args()

    out = subprocess.run([args.readelf, '-lW', args.elf], check=True, capture_output=True,
                         text=True).stdout
    problems, loads, stack = [], 0, False
    for line in out.splitlines():
        m = SEGMENT.match(line)
        if not m:
            continue
        kind, _, vaddr, _, _, _, flags, _ = m.groups()
        flags = flags.replace(' ', '')
        print(f'{kind:<12} {vaddr} {flags}')
        if kind == 'GNU_STACK':
            stack = True
            if 'E' in flags:
                problems.append('executable stack (GNU_STACK has E)')
        if kind == 'LOAD':
            loads += 1
            if 'W' in flags and 'E' in flags:
                problems.append(f'LOAD segment at {vaddr} is writable and executable')
            if int(vaddr, 16) % PAGE:
                problems.append(f'LOAD segment at {vaddr} is not page-aligned')
    if not stack:
        problems.append('no GNU_STACK header: the stack counts as executable')
    if loads == 0:
        problems.append('no LOAD segments found: nothing was checked')
    for p in problems:
        print(f'FAIL: {p}')
    if not problems:
        print(f'OK: {loads} LOAD segments, none writable and executable')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
