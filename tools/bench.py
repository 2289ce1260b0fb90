#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""ninja -C build bench: how long booting and testing take, median of N runs each, side by side.

Boot time is from starting QEMU to the "Hello World!" line on COM1 (so it includes QEMU's own
start-up): with the kernel ELF booted directly (PVH), from the ISO through SeaBIOS and GRUB, and
from the ISO through UEFI firmware (OVMF) and GRUB. The suite time is a whole "meson test" run
without rebuilding.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

import qemu
import tap


def time_boot(qemu_bin, boot_args, uefi=None):
    start = time.monotonic()
    with qemu.Run(qemu_bin, boot_args, trace=False, uefi=uefi) as run:
        missing = run.wait_for_serial_line('Hello World!', 60)
        elapsed = time.monotonic() - start
    if missing:
        sys.exit(f'bench: boot failed: {missing}')
    return elapsed


def time_suite(meson, build_dir):
    start = time.monotonic()
    result = subprocess.run([meson, 'test', '-C', build_dir, '--no-rebuild', '--quiet'],
                            capture_output=True, text=True)
    if result.returncode:
        sys.exit('bench: the test suite failed:\n' + result.stdout[-3000:])
    return time.monotonic() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--qemu', required=True)
    parser.add_argument('--kernel', required=True)
    parser.add_argument('--iso', required=True)
    parser.add_argument('--meson', required=True)
    parser.add_argument('--build-dir', required=True)
    parser.add_argument('--uefi', nargs=2, metavar=('CODE', 'VARS'), help='OVMF firmware files')
    parser.add_argument('--runs', type=int, default=5)
    args = parser.parse_args()
    if not tap.found(args.qemu):
        sys.exit('bench: ' + tap.missing(args.qemu, qemu.PACKAGE))
    for path in args.uefi or ():
        if not os.path.isfile(path):
            sys.exit('bench: ' + tap.missing(f'UEFI firmware {path}', qemu.OVMF_PACKAGE))

    rows = {
        'boot, kernel ELF direct (PVH)': lambda: time_boot(args.qemu, qemu.kernel_args(args.kernel)),
        'boot, ISO via SeaBIOS + GRUB': lambda: time_boot(args.qemu, qemu.iso_args(args.iso)),
        'boot, ISO via OVMF (UEFI) + GRUB':
            lambda: time_boot(args.qemu, qemu.iso_args(args.iso), uefi=args.uefi),
        'meson test, whole suite': lambda: time_suite(args.meson, args.build_dir),
    }
    medians = {}
    print(f'median of {args.runs} runs (TCG)')
    for name, measure in rows.items():
        samples = [measure() for _ in range(args.runs)]
        medians[name] = statistics.median(samples)
        spread = f'{min(samples):.3f}-{max(samples):.3f}'
        print(f'  {name:<32} {medians[name]:7.3f} s   (range {spread} s)')
    pvh, iso, uefi, suite = medians.values()
    print(f'  BIOS ISO boot / PVH boot         {iso / pvh:7.2f}x')
    print(f'  UEFI ISO boot / BIOS ISO boot    {uefi / iso:7.2f}x')
    print(f'  suite / PVH boot                 {suite / pvh:7.1f}x')
    return 0


if __name__ == '__main__':
    sys.exit(main())
