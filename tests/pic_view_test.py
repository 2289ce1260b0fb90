#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The 8259 PICs as QEMU itself sees them once the kernel has greeted: both moved off the exception
vectors (master at 0x20, slave at 0x28) and every input masked (the IOAPIC delivers the monitor's
keyboard and COM1 interrupts). Read over QMP (HMP 'info pic'), not
from the kernel's own report. Prints TAP."""

import argparse
import pathlib
import re
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / 'tools'))
import qemu  # noqa: E402
from tap import Tap  # noqa: E402

# QEMU 7.2's line per PIC: "pic0: irr=01 imr=ff isr=00 hprio=0 irq_base=20 ..." (hex, no 0x)
PIC_LINE = re.compile(r'^(pic[01]): .*\bimr=([0-9a-f]+) .*\birq_base=([0-9a-f]+)')
EXPECTED = {'pic0': 0x20, 'pic1': 0x28}  # VECTOR_PIC_MASTER and VECTOR_PIC_SLAVE (arch/idt.h)
# imr bits: 1 = masked. The IOAPIC delivers the keyboard's and COM1's interrupts: no input is open.
EXPECTED_IMR = {'pic0': 0xff, 'pic1': 0xff}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    qemu.add_arguments(parser)
    parser.add_argument('--kernel', required=True)
    parser.add_argument('--timeout', type=float, default=30.0)
    args = parser.parse_args()

    qemu.require(args)
    tap = Tap(1 + 2 * len(EXPECTED))
    with qemu.Run(args.qemu, qemu.kernel_args(args.kernel), args.memory, args.cpu) as run:
        missing = run.wait_for_serial_line('Hello World!', args.timeout)
        tap.result(missing is None, 'the kernel greets', [missing] if missing else [])
        time.sleep(0.2)  # the boot summary, so that no start-up step is still to come
        view = run.qmp().command('human-monitor-command', **{'command-line': 'info pic'})
        pics = {m.group(1): (int(m.group(2), 16), int(m.group(3), 16))
                for m in map(PIC_LINE.match, view.splitlines()) if m}
        for name, base in EXPECTED.items():
            imr, irq_base = pics.get(name, (None, None))
            tap.result(irq_base == base, f'{name}: vectors start at 0x{base:02x}',
                       [] if irq_base == base else [f'info pic: {view.strip()}'])
            want = EXPECTED_IMR[name]
            tap.result(imr == want, f'{name}: mask register imr={want:02x}',
                       [] if imr == want else [f'info pic: {view.strip()}'])
    return 0


if __name__ == '__main__':
    sys.exit(main())
