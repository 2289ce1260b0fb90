#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The free memory the kernel reports, checked against the RAM QEMU itself maps (HMP 'info mtree
-f': the pc.ram ranges of the system address space) for each machine and memory size given.

The kernel's boot summary says
    memory: F MiB free of R MiB RAM (L MiB below 4 GiB, H MiB above)
Everything above 4 GiB is free for the kernel, so H must equal QEMU's RAM above 4 GiB exactly.
Below 4 GiB the kernel keeps back the low 1 MiB, its own image and the frame allocator's
bookkeeping, and the firmware keeps some for itself (ACPI tables, its own data): L must be at most
QEMU's RAM from 1 MiB to 4 GiB less the kernel image, and at least that less the bookkeeping and
a firmware allowance. Prints TAP."""

import argparse
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / 'tools'))
import qemu  # noqa: E402
import tap  # noqa: E402

MIB = 1 << 20
GIB = 1 << 30
SUMMARY = re.compile(r'^memory: (\d+) MiB free of (\d+) MiB RAM \((\d+) MiB below 4 GiB, '
                     r'(\d+) MiB above\)$')
MTREE_RAM = re.compile(r'^\s*([0-9a-f]+)-([0-9a-f]+) \(prio \d+, (?:ram|rom)\): pc\.ram\b')
# What firmware may keep for itself below 4 GiB: SeaBIOS about 256 KiB; OVMF tens of MiB of
# runtime services, ACPI and its own data.
FIRMWARE_ALLOWANCE = {'bios': 2 * MIB, 'uefi': 96 * MIB}
# The frame allocator's bookkeeping: 9 bytes per 4 KiB frame up to the top of RAM, rounded.
BOOKKEEPING_PER_BYTE = 9 / 4096


def qemu_ram(mtree):
    """QEMU's RAM from 1 MiB up: (bytes below 4 GiB, bytes above, top address), from the first
    flat view that has pc.ram (the system memory's)."""
    low = high = top = 0
    for line in mtree.splitlines():
        if line.startswith('FlatView') and top:
            break
        m = MTREE_RAM.match(line)
        if not m:
            continue
        start, end = int(m.group(1), 16), int(m.group(2), 16) + 1
        start = max(start, MIB)
        if start >= end:
            continue
        low += max(0, min(end, 4 * GIB) - start)
        high += max(0, end - max(start, 4 * GIB))
        top = max(top, end)
    return low, high, top


def check(args, machine, memory, kernel_bytes):
    """(ok, name, diagnostics) for one boot."""
    name = f'{machine}, -m {memory}, {"UEFI" if args.uefi else "BIOS" if args.iso else "PVH"}'
    boot = qemu.iso_args(args.iso) if args.iso else qemu.kernel_args(args.kernel)
    with qemu.Run(args.qemu, boot, memory, uefi=args.uefi, machine=machine, trace=False) as run:
        missing = run.wait_for_serial_line('Hello World!', args.timeout)
        found = None
        if missing is None and run.wait_for_serial_line('memory: ', 5, prefix=True) is None:
            found = next(filter(None, map(SUMMARY.match, run.serial_lines())), None)
        if not found:
            return False, name, [missing or 'no "memory:" line'] + run.serial_lines()[-8:]
        mtree = run.qmp().command('human-monitor-command', **{'command-line': 'info mtree -f'})
    free, ram, below, above = (int(g) * MIB for g in found.groups())
    low, high, top = qemu_ram(mtree)
    firmware = FIRMWARE_ALLOWANCE['uefi' if args.uefi else 'bios']
    floor = low - kernel_bytes - top * BOOKKEEPING_PER_BYTE - firmware
    problems = []
    if above != high // MIB * MIB:
        problems.append(f'above 4 GiB: kernel {above // MIB} MiB, QEMU {high // MIB} MiB')
    if not floor - MIB <= below <= low - kernel_bytes:
        problems.append(f'below 4 GiB: kernel {below // MIB} MiB, QEMU has {low // MIB} MiB '
                        f'above 1 MiB: expected {floor // MIB:.0f}-{(low - kernel_bytes) // MIB} MiB')
    if free != below + above and abs(free - below - above) > MIB:
        problems.append(f'free {free // MIB} MiB is not below + above')
    if ram > low + high + MIB:
        problems.append(f'RAM {ram // MIB} MiB is more than QEMU maps above 1 MiB')
    return not problems, name, problems + [found.group(0)]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    qemu.add_arguments(parser)
    parser.add_argument('--kernel', required=True, help='the kernel ELF (its size, and PVH boots)')
    parser.add_argument('--iso', help='boot this ISO through the firmware and GRUB instead')
    parser.add_argument('--uefi', nargs=2, metavar=('CODE', 'VARS'))
    parser.add_argument('--config', action='append', required=True, metavar='MACHINE:MEMORY',
                        help='e.g. pc:8G (repeatable)')
    parser.add_argument('--timeout', type=float, default=60.0)
    args = parser.parse_args()

    qemu.require(args, args.uefi)
    kernel_bytes = pathlib.Path(args.kernel).stat().st_size  # an upper bound on the image's RAM
    results = tap.Tap(len(args.config))
    for config in args.config:
        machine, memory = config.split(':')
        results.result(*check(args, machine, memory, kernel_bytes))
    return 0


if __name__ == '__main__':
    sys.exit(main())
