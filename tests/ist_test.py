#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The exceptions that must not run on the interrupted stack have their own, checked from outside.

The crash kernel boots and waits for an NMI. With the guest stopped, the test reads the IDT and the
TSS where the CPU's registers say they are (HMP "info registers": IDT base, TR base) and checks,
for each vector given, that its gate names an IST slot and that the slot holds the top of the
stack named for it (the addresses from the kernel's symbols). Then it injects the NMI, waits for
the panic report, and checks that the CPU, halted in the NMI handler, has its stack pointer inside
the NMI stack. Prints TAP.
"""

import argparse
import pathlib
import re
import struct
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'tools'))
import qemu  # noqa: E402
from tap import Tap  # noqa: E402

GATE_SIZE = 16  # 64-bit IDT gate (Intel SDM vol. 3A 6.14.1)
GATE_IST_BYTE, GATE_IST_MASK = 4, 0x7  # bits 32-34: IST slot, 0 = no stack switch
TSS_IST1 = 0x24  # 64-bit TSS: IST1..IST7, 8 bytes each (SDM vol. 3A 8.7)
TSS_SIZE = 0x68
WAITING = 'crash kernel: waiting for an NMI'
NMI_PANIC = 'panic: non-maskable interrupt (NMI, vector 2)'
NMI_VECTOR = 2


def symbols(nm, elf):
    out = subprocess.run([nm, elf], check=True, capture_output=True, text=True).stdout
    return {f[2]: int(f[0], 16) for f in map(str.split, out.splitlines()) if len(f) == 3}


def registers(run):
    text = run.qmp().command('human-monitor-command', **{'command-line': 'info registers'})
    idt = re.search(r'^IDT=\s*([0-9a-f]+) ([0-9a-f]+)', text, re.MULTILINE)
    tr = re.search(r'^TR =[0-9a-f]+ ([0-9a-f]+) ', text, re.MULTILINE)
    rsp = re.search(r'\bRSP=([0-9a-f]+)', text)
    return (int(idt.group(1), 16), int(idt.group(2), 16) + 1, int(tr.group(1), 16),
            int(rsp.group(1), 16))


def read_virtual(run, address, size):
    """Guest memory at a virtual address, through the CPU's page tables (QMP memsave)."""
    path = run.dir / 'memsave.bin'
    signed = address - (1 << 64) if address >> 63 else address  # QMP integers are int64
    run.qmp().command('memsave', val=signed, size=size, filename=str(path))
    return path.read_bytes()


def check_gates(tap, run, gates, syms):
    idt_base, idt_size, tss_base, _ = registers(run)
    idt = read_virtual(run, idt_base, idt_size)
    tss = read_virtual(run, tss_base, TSS_SIZE)
    for vector, stack in gates:
        start = vector * GATE_SIZE
        slot = idt[start + GATE_IST_BYTE] & GATE_IST_MASK if start < len(idt) else 0
        tap.check(slot != 0, f'vector {vector}: its IDT gate names an IST slot',
                  ['IST field is 0: the CPU stays on the interrupted stack'])
        top = struct.unpack_from('<Q', tss, TSS_IST1 + 8 * (slot - 1))[0] if slot else None
        want = syms.get(f'{stack}_top')
        tap.check(slot != 0 and top == want, f'vector {vector}: IST{slot} is the top of {stack}',
                  [f'TSS IST{slot} = {top:#x}' if top is not None else 'no IST slot',
                   f'{stack}_top = {want:#x}' if want else f'no symbol {stack}_top'])


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    qemu.add_arguments(parser)
    parser.add_argument('--kernel', required=True, help='the crash kernel')
    parser.add_argument('--nm', required=True)
    parser.add_argument('--gate', action='append', default=[], metavar='VECTOR=STACK',
                        help='vector whose gate must switch to the stack of that symbol')
    parser.add_argument('--timeout', type=float, default=30.0)
    args = parser.parse_args()
    qemu.require(args)

    gates = [(int(v), s) for v, s in (g.split('=') for g in args.gate)]
    syms = symbols(args.nm, args.kernel)
    tap = Tap(2 + 2 * len(gates) + 1)
    with qemu.Run(args.qemu, qemu.kernel_args(args.kernel, 'crash=nmi'), args.memory,
                  args.cpu) as run:
        missing = run.wait_for_serial_line(WAITING, args.timeout)
        tap.check(missing is None, f'serial: {WAITING!r}', [missing])
        if missing:
            return 0
        run.qmp().command('stop')
        check_gates(tap, run, gates, syms)
        run.qmp().command('cont')
        run.qmp().command('inject-nmi')
        missing = run.wait_for_serial_line(NMI_PANIC, args.timeout, prefix=True)
        tap.check(missing is None, 'the NMI ends in the panic report', [missing])
        run.qmp().command('stop')
        rsp = registers(run)[3]
        low, high = syms.get('nmi_stack', 0), syms.get('nmi_stack_top', 0)
        tap.check(low <= rsp < high, 'the NMI handler runs on the NMI stack',
                  [f'RSP = {rsp:#x}, nmi_stack = {low:#x}..{high:#x}'])
    return 0


if __name__ == '__main__':
    sys.exit(main())
