#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A panic on an application processor stops every CPU and leaves one report, read from outside.

Boots the crash kernel with crash=ap-panic on several CPUs: all of them print, then CPU 1 panics.
Checked after the panic line, once the guest had time to go on if it were going to: the report
names CPU 1 on COM1 and at the top of the screen (white on red), it is the only report, no CPU
printed after it, the kernel does not say a CPU failed to stop, and QEMU's own view of the
processors (HMP info registers -a) shows every one of them halted.
"""

import argparse
import pathlib
import re
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'tools'))
import qemu  # noqa: E402
from tap import Tap  # noqa: E402

HEADLINE = 'panic on CPU 1: crash kernel: panic on an AP while the other CPUs print'
RUNNING = re.compile(r'crash kernel: CPU \d+ still running')


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    qemu.add_arguments(parser)
    parser.add_argument('--kernel', required=True, help='the crash kernel ELF')
    parser.add_argument('--smp', type=int, default=2, help='CPUs for QEMU to emulate')
    parser.add_argument('--timeout', type=float, default=60.0)
    parser.add_argument('--settle', type=float, default=2.0,
                        help='seconds to wait after the panic line before looking')
    args = parser.parse_args()
    qemu.require(args)

    tap = Tap(7)
    boot = qemu.kernel_args(args.kernel, 'crash=ap-panic')
    with qemu.Run(args.qemu, boot, args.memory, args.cpu, extra=['-smp', str(args.smp)]) as run:
        missing = run.wait_for_serial_line(HEADLINE, args.timeout)
        tap.result(missing is None, f'serial: {HEADLINE!r}',
                   [missing] + [f'serial: {l}' for l in run.serial_lines()[-10:]] if missing else [])
        if missing is None:
            time.sleep(args.settle)
        lines = run.serial_lines()
        after = lines[lines.index(HEADLINE) + 1:] if HEADLINE in lines else []
        reports = [l for l in lines if l.startswith('panic')]
        tap.result(len(reports) == 1, 'one panic report only', [f'serial: {l}' for l in reports])
        late = [l for l in after if RUNNING.match(l)]
        tap.result(not late, f'no CPU printed after the panic ({args.settle:g} s)',
                   [f'serial: {l}' for l in late[:6]])
        unstopped = [l for l in lines if 'did not stop' in l or 'was never stopped' in l]
        tap.result(not unstopped, 'the report names no CPU that did not stop',
                   [f'serial: {l}' for l in unstopped])
        cells = run.vga_text() if run.proc.poll() is None else []
        shown = ''.join(c for c, _ in cells[:len(HEADLINE)])
        attrs = sorted({a for _, a in cells[:len(HEADLINE)]})
        tap.result(shown == HEADLINE and attrs == [0x4f], 'screen: the headline, white on red',
                   [f'row 0 reads {shown!r}', f'attributes {attrs}'])
        text = ''.join(c for c, _ in cells)
        tap.result('cyan: every CPU is halted.' in text, 'screen: "cyan: every CPU is halted."')
        # each CPU's state: "RIP=... RFL=... CPL=0 II=0 A20=1 SMM=0 HLT=1" when halted
        regs = (run.qmp().command('human-monitor-command',
                                  **{'command-line': 'info registers -a'})
                if run.proc.poll() is None else '')
        states = [l.strip() for l in regs.splitlines() if 'HLT=' in l]
        halted = [l for l in states if 'HLT=1' in l]
        tap.result(len(states) == args.smp and len(halted) == args.smp,
                   f'QEMU: all {args.smp} CPUs halted (info registers -a)',
                   [f'info registers: {l}' for l in states])
        if tap.failed:
            tap.diagnostics(f'qemu: {l}' for l in run.stderr().splitlines())
    return 0


if __name__ == '__main__':
    sys.exit(main())
