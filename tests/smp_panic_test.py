#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A panic with several CPUs stops every one of them and leaves one report, read from outside.

Boots the crash kernel on several CPUs, then either (--case ap) crash=ap-panic: all of them
print, then CPU 1 panics; or (--case nmi) crash=irq-nmi and an NMI from outside (QMP inject-nmi
reaches every CPU, so all of them start a panic at once). Checked after the panic line, once the
guest had time to go on if it were going to: the report names its CPU on COM1 and at the top of
the screen (white on red), it is the only report, no CPU printed after it, the kernel does not
say a CPU failed to stop, and QEMU's own view of the processors (HMP info registers -a) shows
every one of them halted.
"""

import argparse
import pathlib
import re
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'tools'))
import qemu  # noqa: E402
from tap import Tap  # noqa: E402

CASES = {
    # crash= word, line after which to inject an NMI, the headline (a prefix for nmi)
    'ap': ('ap-panic', None, 'panic on CPU 1: crash kernel: panic on an AP while the other CPUs print'),
    'nmi': ('irq-nmi', 'crash kernel: ticking, waiting for an NMI',
            'panic on CPU '),
}
NMI_REPORT = 'non-maskable interrupt (NMI, vector 2) at '
RUNNING = re.compile(r'crash kernel: CPU \d+ still running')


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    qemu.add_arguments(parser)
    parser.add_argument('--kernel', required=True, help='the crash kernel ELF')
    parser.add_argument('--smp', type=int, default=2, help='CPUs for QEMU to emulate')
    parser.add_argument('--case', choices=sorted(CASES), default='ap')
    parser.add_argument('--timeout', type=float, default=60.0)
    parser.add_argument('--settle', type=float, default=2.0,
                        help='seconds to wait after the panic line before looking')
    args = parser.parse_args()
    qemu.require(args)

    crash, nmi_after, headline = CASES[args.case]
    tap = Tap(7)
    boot = qemu.kernel_args(args.kernel, f'crash={crash}')
    with qemu.Run(args.qemu, boot, args.memory, args.cpu, extra=['-smp', str(args.smp)]) as run:
        if nmi_after and not run.wait_for_serial_line(nmi_after, args.timeout):
            run.qmp().command('inject-nmi')
        missing = run.wait_for_serial_line(headline, args.timeout, prefix=True)
        tap.result(missing is None, f'serial: a line starting {headline!r}',
                   [missing] + [f'serial: {l}' for l in run.serial_lines()[-10:]] if missing else [])
        if missing is None:
            time.sleep(args.settle)
        lines = run.serial_lines()
        at = next((i for i, l in enumerate(lines) if l.startswith(headline)), len(lines))
        headline = lines[at] if at < len(lines) else headline
        reports = [l for l in lines if l.startswith('panic')]
        tap.result(len(reports) == 1 and (args.case != 'nmi' or NMI_REPORT in headline),
                   'one panic report only', [f'serial: {l}' for l in reports])
        late = [l for l in lines[at + 1:] if RUNNING.match(l)]
        tap.result(not late, f'no CPU printed after the panic ({args.settle:g} s)',
                   [f'serial: {l}' for l in late[:6]])
        unstopped = [l for l in lines if 'did not stop' in l or 'was never stopped' in l]
        tap.result(not unstopped, 'the report names no CPU that did not stop',
                   [f'serial: {l}' for l in unstopped])
        cells = run.vga_text() if run.proc.poll() is None else []
        shown = ''.join(c for c, _ in cells[:len(headline)])
        attrs = sorted({a for _, a in cells[:len(headline)]})
        tap.result(shown == headline and attrs == [0x4f], 'screen: the headline, white on red',
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
