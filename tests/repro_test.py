#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Reproducible build check: configure and build the same sources a second time, in a build
directory elsewhere, and compare the images byte for byte with this build's.

The second build uses this build's setup options (cross file, -D options), read from
meson-private/cmd_line.txt, where Meson keeps them for "meson setup --wipe". Its directory has
another name and another depth, so any absolute or build-relative path that leaks into an image
(debug information, __FILE__, dates in the ISO) shows up as a difference. Prints TAP: one line
per image, with both SHA-256 sums and, when they differ, the ELF sections (or the first offset)
that do.
"""

import argparse
import ast
import configparser
import hashlib
import pathlib
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'tools'))
from tap import Tap, found, missing  # noqa: E402

SHT_NOBITS = 8  # a section that takes no room in the file (.bss)


def setup_arguments(build_root):
    """This build's "meson setup" options, as command-line arguments."""
    saved = configparser.ConfigParser(interpolation=None)
    saved.optionxform = str  # option names are case-sensitive
    if not saved.read(build_root / 'meson-private' / 'cmd_line.txt'):
        raise SystemExit('repro: no meson-private/cmd_line.txt: not a Meson build directory?')
    args = [f'-D{name}={value}' for name, value in saved.items('options')]
    for kind in ('cross_file', 'native_file'):
        if saved.has_option('properties', kind):
            for path in ast.literal_eval(saved.get('properties', kind)):
                args += [f'--{kind.replace("_", "-")}', path]
    return args


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def elf_sections(data):
    """{name: bytes} of an ELF64 little-endian file's sections (empty if data is not one)."""
    if data[:6] != b'\x7fELF\x02\x01':
        return {}
    shoff, = struct.unpack_from('<Q', data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 0x3a)
    headers = [struct.unpack_from('<IIQQQQ', data, shoff + i * shentsize) for i in range(shnum)]
    names = headers[shstrndx][4]  # file offset of the section-name string table
    sections = {}
    for name, kind, _, _, offset, size in headers:
        label = data[names + name:data.index(b'\0', names + name)].decode()
        sections[label] = b'' if kind == SHT_NOBITS else data[offset:offset + size]
    return sections


def difference(a, b):
    """What differs between two files: ELF sections by name, else the first differing offset."""
    data_a, data_b = a.read_bytes(), b.read_bytes()
    sections_a, sections_b = elf_sections(data_a), elf_sections(data_b)
    if sections_a:
        names = sorted(set(sections_a) | set(sections_b))
        return 'sections that differ: ' + ', '.join(
            n for n in names if sections_a.get(n) != sections_b.get(n))
    offset = next((i for i, (x, y) in enumerate(zip(data_a, data_b)) if x != y),
                  min(len(data_a), len(data_b)))
    return f'first difference at file offset {offset:#x} (sizes {len(data_a)}, {len(data_b)})'


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--meson', required=True)
    parser.add_argument('--ninja', required=True)
    parser.add_argument('--source-root', required=True, type=pathlib.Path)
    parser.add_argument('--build-root', required=True, type=pathlib.Path)
    parser.add_argument('--faketime', required=True,
                        help='without it ISOs are not reproducible: their comparison is skipped')
    parser.add_argument('image', nargs='+', help='images to compare, relative to the build root')
    args = parser.parse_args()

    build_root = args.build_root.resolve()
    images = [(build_root / p).resolve().relative_to(build_root) for p in args.image]
    tap = Tap(len(images))
    with tempfile.TemporaryDirectory(prefix='cyan-repro-') as tmp:
        other = pathlib.Path(tmp) / 'somewhere' / 'else'
        steps = [[args.meson, 'setup', *setup_arguments(build_root), str(other),
                  str(args.source_root)],
                 [args.ninja, '-C', str(other), *map(str, images)]]
        for step in steps:
            done = subprocess.run(step, capture_output=True, text=True)
            if done.returncode:
                for image in images:
                    tap.result(False, f'{image}: the second build failed',
                               [' '.join(step)] + (done.stdout + done.stderr).splitlines()[-20:])
                return 0
        for image in images:
            if image.suffix == '.iso' and not found(args.faketime):
                tap.skip(f'{image} is byte-identical when built in another directory',
                         missing('faketime', 'faketime') + '; without it the ISO is not '
                         'reproducible')
                continue
            ours, theirs = build_root / image, other / image
            same = sha256(ours) == sha256(theirs)
            diagnostics = [f'{sha256(ours)}  {ours}', f'{sha256(theirs)}  {theirs}']
            if not same:
                diagnostics.append(difference(ours, theirs))
            tap.result(same, f'{image} is byte-identical when built in another directory',
                       diagnostics)
    return 0


if __name__ == '__main__':
    sys.exit(main())
