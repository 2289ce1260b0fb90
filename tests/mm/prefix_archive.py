#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Merge a static C library's members into one object and prefix every global symbol it defines.

usage: prefix_archive.py --ar AR --prefix-symbols PREFIX_SYMBOLS.py --nm NM --ld LD
                         --objcopy OBJCOPY --prefix P OUTPUT.o ARCHIVE.a

The benchmark links jemalloc beside glibc's malloc this way (malloc -> jemalloc_malloc). Members
compiled from C++ (jemalloc's operator new) are left out: they need the C++ runtime, and the
benchmark calls only the C functions. The renaming is prefix_symbols.py's (tests/libk).
"""

import argparse
import pathlib
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--ar', required=True)
    parser.add_argument('--prefix-symbols', required=True)
    parser.add_argument('--nm', required=True)
    parser.add_argument('--ld', required=True)
    parser.add_argument('--objcopy', required=True)
    parser.add_argument('--prefix', required=True)
    parser.add_argument('output')
    parser.add_argument('archive')
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([args.ar, 'x', str(pathlib.Path(args.archive).resolve())], cwd=tmp,
                       check=True)
        members = sorted(str(m) for m in pathlib.Path(tmp).glob('*.o') if 'cpp' not in m.name)
        if not members:
            print(f'prefix_archive: {args.archive} has no C members', file=sys.stderr)
            return 1
        subprocess.run([sys.executable, args.prefix_symbols, '--nm', args.nm, '--ld', args.ld,
                        '--objcopy', args.objcopy, '--prefix', args.prefix, args.output,
                        *members], check=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
