#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boot a test kernel in QEMU and turn what happened into TAP for Meson.

The kernel prints TAP on the debug console (port 0xe9) and exits through isa-debug-exit. QEMU's
exit status decides what the output means:
  33  the kernel says every test passed: its TAP is passed on, checked against its plan;
  35  the kernel says a test failed: its TAP is passed on (and a failure added if it named none);
  0   a triple fault (a reset, under -no-reboot): "Bail out!" with the last exceptions QEMU saw;
  timeout: a failure naming the test that never finished, with the last lines the kernel wrote.
A missing plan, or fewer results than planned, is a failure too.
"""

import argparse
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'tools'))
import qemu  # noqa: E402
from tap import Tap  # noqa: E402

PLAN = re.compile(r'^1\.\.(\d+)')
RESULT = re.compile(r'^(ok|not ok) (\d+)\b')


def parse(lines):
    """The kernel's plan (or None), its result and diagnostic lines in order, and result count."""
    plan, kept, results, failures = None, [], 0, 0
    for line in lines:
        m = PLAN.match(line)
        if m and plan is None:
            plan = int(m.group(1))
        elif RESULT.match(line):
            results += 1
            failures += line.startswith('not ok')
            kept.append(line)
        elif line.startswith('#'):
            kept.append(line)
        elif line.startswith('Bail out!'):
            kept.append(line)
    return plan, kept, results, failures


def tail(run, count=8):
    lines = [f'debugcon: {l}' for l in run.debugcon_lines() if l][-count:]
    return lines + [f'serial: {l}' for l in run.serial_lines() if l][-count:]


def problems(status, plan, results, failures, run, args):
    """The runner's own findings, as (name, diagnostics) failures, or a bail-out message."""
    found = []
    if status is None:
        found.append((f'timeout: no result within {args.timeout:g} s '
                      f'(test {results + 1} never finished)', tail(run)))
        return found, None
    if status == qemu.EXIT_TRIPLE_FAULT:
        return found, 'triple fault: the guest reset (QEMU exit 0 under -no-reboot)'
    if status not in (qemu.EXIT_PASS, qemu.EXIT_FAIL):
        return found, f'QEMU failed with exit status {status}: {run.stderr()[-300:]}'
    if plan is None:
        found.append(('the kernel printed no TAP plan', tail(run)))
    elif plan == 0:
        found.append((f'the kernel selected no test (ktest.only={args.only or ""})', []))
    elif results < plan:
        found.append((f'the kernel ran {results} of {plan} planned tests', tail(run)))
    if status == qemu.EXIT_FAIL and failures == 0 and not found:
        found.append(('the kernel exited with the failure status but reported no failed test',
                      tail(run)))
    return found, None


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    qemu.add_arguments(parser)
    boot = parser.add_mutually_exclusive_group(required=True)
    boot.add_argument('--kernel', help='test kernel ELF, booted directly (PVH)')
    boot.add_argument('--iso', help='test kernel ISO, booted through the firmware and GRUB')
    parser.add_argument('--only', help='run only the kernel test of this name')
    parser.add_argument('--skip', help='run every kernel test but the one of this name')
    parser.add_argument('--initrd', help='a file QEMU hands the kernel as a PVH module')
    parser.add_argument('--files', help='run only the kernel tests of these source files '
                        '(comma-separated, e.g. smp_test.c)')
    parser.add_argument('--timeout', type=float, default=60.0)
    parser.add_argument('--smp', type=int, help='CPUs (QEMU -smp); default one')
    parser.add_argument('--icount', type=int, metavar='SHIFT',
                        help='guest time counted in instructions, 2^SHIFT ns each (QEMU -icount): '
                             'time the host does not run the guest is not guest time')
    args = parser.parse_args()
    qemu.require(args)

    if args.kernel:
        cmdline = 'ktest.boot=pvh' + (f' ktest.only={args.only}' if args.only else '')
        cmdline += f' ktest.skip={args.skip}' if args.skip else ''
        cmdline += f' ktest.cpus={args.smp}' if args.smp else ''
        cmdline += f' ktest.files={args.files}' if args.files else ''
        boot_args = qemu.kernel_args(args.kernel, cmdline)
        if args.initrd:
            boot_args += ['-initrd', args.initrd]
    elif args.only or args.skip or args.initrd or args.files:
        parser.error('--only, --skip, --files and --initrd work with --kernel: the ISO has a fixed '
                     'menu')
    else:
        boot_args = qemu.iso_args(args.iso)

    extra = ['-smp', str(args.smp)] if args.smp else []
    if args.icount is not None:
        extra += ['-icount', f'shift={args.icount},sleep=on']
    with qemu.Run(args.qemu, boot_args, args.memory, args.cpu, extra=extra) as run:
        status = run.wait(args.timeout)
        plan, kept, results, failures = parse(run.debugcon_lines())
        found, bail = problems(status, plan, results, failures, run, args)
        tap = Tap(results + len(found))
        for line in kept:
            tap.relay(line)
        for name, diagnostics in found:
            tap.result(False, name, diagnostics)
        if bail:
            tap.diagnostics(run.last_exceptions() + tail(run))
            print(f'Bail out! {bail}', flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
