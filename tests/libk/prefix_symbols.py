#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Merge libk's objects into one and give every global symbol they define a prefix.

usage: prefix_symbols.py --nm NM --ld LD --objcopy OBJCOPY --prefix libk_ OUTPUT.o OBJECT...

A host test links libk beside the C library, which defines memcpy, memset, strlen... too. The same
objects the compiler made from lib/*.c are renamed after compilation (memcpy becomes libk_memcpy,
both where it is defined and where libk itself calls it), so the tests call libk's functions by
their new names, the C library keeps its own, and a libk function the compiler turned into a call
to itself still recurses instead of quietly calling the C library. Names come from the objects
themselves, so a function added to lib/ is renamed without a list to keep up to date. One
relocatable object (ld -r) is the output because Meson links a generated object into a native
executable, but not a generated archive.
"""

import argparse
import pathlib
import subprocess
import sys
import tempfile


def defined_globals(nm, objects):
    out = subprocess.run([nm, '--defined-only', '--extern-only', '--format=posix', *objects],
                         check=True, capture_output=True, text=True).stdout
    # posix format: "name type value size"; file headers ("x.o:") and blank lines have no type
    return sorted({line.split()[0] for line in out.splitlines() if len(line.split()) >= 2})


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--nm', required=True)
    parser.add_argument('--objcopy', required=True)
    parser.add_argument('--ld', required=True)
    parser.add_argument('--prefix', required=True)
    parser.add_argument('output')
    parser.add_argument('objects', nargs='+')
    args = parser.parse_args()

    return prefix_symbols(args, args.objects, args.output)


def prefix_symbols(tools, objects, output):
    """Merges objects into output, every global they define renamed to tools.prefix + name.
    tools names the programs (nm, ld, objcopy) and the prefix. Returns the exit status."""
    names = defined_globals(tools.nm, objects)
    if not names:
        print('prefix_symbols: the objects define no global symbol', file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        table = pathlib.Path(tmp) / 'rename.txt'
        table.write_text(''.join(f'{name} {tools.prefix}{name}\n' for name in names))
        merged = str(pathlib.Path(tmp) / 'merged.o')
        subprocess.run([tools.ld, '-r', '-o', merged, *objects], check=True)
        subprocess.run([tools.objcopy, f'--redefine-syms={table}', merged, output], check=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
