#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Take another C library's mem* objects from its installed archive, for libk's benchmark.

usage: peer_objects.py --ar AR --nm NM --ld LD --objcopy OBJCOPY --objdump OBJDUMP
                       --prefix musl_ --archive libc.a --member memcpy.lo ... [--simd-ok memcpy.o]
                       OUTPUT.o

The members are extracted (ar x), checked, merged into one object and given a prefix on every
global they define, as prefix_symbols.py does for libk (musl's memmove calling __memcpy_fwd then
calls musl___memcpy_fwd). The checks, each a clear error instead of a benchmark that quietly
measures something else:
- a member must need nothing the other members do not define: a reference to the library's
  internals would resolve to glibc's symbol of the same name, or fail to link;
- a member must not use vector registers (xmm, ymm, zmm, mm), unless named with --simd-ok: the
  benchmark compares libk with routines a kernel could use, and shows the others apart.
"""

import argparse
import pathlib
import re
import subprocess
import sys
import tempfile

from prefix_symbols import prefix_symbols

VECTOR_REGISTER = re.compile(r'%[xyz]?mm[0-9]')


def symbols(nm, obj, which):
    out = subprocess.run([nm, which, '--format=posix', obj],
                         check=True, capture_output=True, text=True).stdout
    return {line.split()[0] for line in out.splitlines() if len(line.split()) >= 2}


def uses_vector_registers(objdump, obj):
    out = subprocess.run([objdump, '-d', obj], check=True, capture_output=True, text=True).stdout
    return VECTOR_REGISTER.search(out) is not None


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    for tool in ('--ar', '--nm', '--ld', '--objcopy', '--objdump', '--prefix', '--archive'):
        parser.add_argument(tool, required=True)
    parser.add_argument('--member', action='append', required=True)
    parser.add_argument('--simd-ok', action='append', default=[])
    parser.add_argument('output')
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([args.ar, 'x', str(pathlib.Path(args.archive).resolve()), *args.member],
                       check=True, cwd=tmp)
        objects = [str(pathlib.Path(tmp) / member) for member in args.member]
        defined = set().union(*(symbols(args.nm, o, '--defined-only') for o in objects))
        for member, obj in zip(args.member, objects):
            missing = symbols(args.nm, obj, '--undefined-only') - defined
            if missing:
                print(f'peer_objects: {args.archive}({member}) needs {", ".join(sorted(missing))}, '
                      'which would come from glibc instead: add the member defining it',
                      file=sys.stderr)
                return 1
            if member not in args.simd_ok and uses_vector_registers(args.objdump, obj):
                print(f'peer_objects: {args.archive}({member}) uses vector registers: it is no '
                      'peer for a kernel routine (name it with --simd-ok to show it apart)',
                      file=sys.stderr)
                return 1
        return prefix_symbols(args, objects, args.output)


if __name__ == '__main__':
    sys.exit(main())
