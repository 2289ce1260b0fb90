#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""RAM above 4 GiB through the kernel's direct map, read back from outside the guest: the crash
kernel (probe=high-frame) writes a pattern into a frame the allocator hands it, which with
-m 8G lies above 4 GiB, and names the frame; QMP's xp reads that physical address. Prints TAP."""

import argparse
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / 'tools'))
import qemu  # noqa: E402
from tap import Tap  # noqa: E402

PROBE = re.compile(r'^probe: frame 0x([0-9a-f]+) holds 0x([0-9a-f]{16})$')
XP = re.compile(r'^[0-9a-f]+: 0x([0-9a-f]+)')
FOUR_GIB = 1 << 32


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    qemu.add_arguments(parser)
    parser.add_argument('--kernel', required=True, help='the crash kernel')
    parser.add_argument('--timeout', type=float, default=60.0)
    args = parser.parse_args()

    qemu.require(args)
    tap = Tap(3)
    boot = qemu.kernel_args(args.kernel, 'probe=high-frame')
    with qemu.Run(args.qemu, boot, args.memory, args.cpu) as run:
        missing = run.wait_for_serial_line('probe: ', args.timeout, prefix=True)
        found = next(filter(None, map(PROBE.match, run.serial_lines())), None)
        tap.result(found is not None, 'the kernel names the frame it wrote',
                   [missing or 'no probe line'] + run.serial_lines()[-5:] if not found else [])
        if not found:
            tap.result(False, 'the frame lies above 4 GiB')
            tap.result(False, 'QEMU reads the pattern at that physical address')
            return 0
        frame, value = int(found.group(1), 16), int(found.group(2), 16)
        tap.result(frame >= FOUR_GIB, f'the frame lies above 4 GiB (0x{frame:x})')
        out = run.qmp().command('human-monitor-command', **{'command-line': f'xp /1gx {frame:#x}'})
        m = XP.match(out.strip())
        seen = int(m.group(1), 16) if m else None
        tap.result(seen == value, 'QEMU reads the pattern at that physical address',
                   [] if seen == value else [f'kernel wrote 0x{value:016x}', f'xp: {out.strip()}'])
    return 0


if __name__ == '__main__':
    sys.exit(main())
