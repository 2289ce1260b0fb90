#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Every CPU QEMU has, brought up, checked from outside: for each -smp configuration the kernel's
'smp:' line names exactly the CPUs QEMU lists (QMP query-cpus-fast, each CPU's apic-id property),
counts the ones the MADT lists as disabled (maxcpus beyond the present ones), and QEMU's own view
of each CPU shows what bring-up promises: its local APIC software-enabled with the spurious vector,
its timer periodic on the timer vector at the BSP's count (HMP 'info lapic <id>'), its own TSS and
GS base, and its stack in a slot of its own (HMP 'info registers -a'). Then the monitor's 'cpu'
command, typed on the keyboard, must list every CPU with ticks from its own timer, and 'halt'
must leave every CPU halted with interrupts masked. Prints TAP."""

import argparse
import pathlib
import re
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / 'tools'))
import keys  # noqa: E402
import qemu  # noqa: E402
from tap import Tap  # noqa: E402

SMP_LINE = re.compile(r'^smp: (\d+) of (\d+) CPUs online \(APIC IDs ([0-9 ]+)\)$')
DISABLED_LINE = re.compile(r'^smp: (\d+) more listed in the MADT as disabled')
CPU_LINE = re.compile(r'^cpu (\d+): APIC ID (\d+), .*?, (\d+) ticks')
# Stated here, not read from the sources: VECTOR_APIC_SPURIOUS, VECTOR_APIC_TIMER and
# VECTOR_APIC_ERROR (arch/idt.h), and where run-time stacks live (KSTACK_REGION_BASE and
# KSTACK_SLOT_SIZE, arch/memlayout.h).
SPURIOUS, TIMER, ERROR = 0xff, 0xef, 0xfe
KSTACK_REGION, KSTACK_SLOT = 0xffffc00000000000, 0x10000
CHECKS_PER_CONFIG = 10


def hmp(run, line):
    return run.qmp().command('human-monitor-command', **{'command-line': line})


def qemu_apic_ids(run):
    """The APIC IDs of the CPUs QEMU has (present ones: query-cpus-fast), by CPU index."""
    cpus = sorted(run.qmp().command('query-cpus-fast'), key=lambda c: c['cpu-index'])
    return [run.qmp().command('qom-get', path=c['qom-path'], property='apic-id') for c in cpus]


def lapic_state(run, apic_id):
    """(SPIV, LVTT, timer initial count, LVTERR) from 'info lapic', or None if unreadable."""
    text = hmp(run, f'info lapic {apic_id}')
    regs = dict(re.findall(r'^(SPIV|LVTT|LVTERR)\s+0x([0-9a-f]+)', text, re.M))
    count = re.search(r'initial_count = (\d+)', text)
    if len(regs) != 3 or not count:
        return None
    return int(regs['SPIV'], 16), int(regs['LVTT'], 16), int(count.group(1)), int(regs['LVTERR'], 16)


def registers(run):
    """Per CPU (in QEMU's order): (TR base, GS base, RSP), from 'info registers -a'."""
    text = hmp(run, 'info registers -a')
    out = []
    for block in re.split(r'^CPU#\d+', text, flags=re.M)[1:]:
        tr = re.search(r'^TR =\w+ ([0-9a-f]+)', block, re.M)
        gs = re.search(r'^GS =\w+ ([0-9a-f]+)', block, re.M)
        rsp = re.search(r'RSP=([0-9a-f]+)', block)
        out.append(tuple(int(m.group(1), 16) if m else None for m in (tr, gs, rsp)))
    return out


def lapic_ok(state, bsp_count):
    spiv, lvtt, count, lvterr = state
    return (spiv & 0x1ff == 0x100 | SPURIOUS  # bit 8: APIC software enable
            and lvtt & 0xff == TIMER and not lvtt & (1 << 16)  # vector, not masked
            and (lvtt >> 17) & 3 == 1 and count == bsp_count  # periodic mode, the BSP's count
            and lvterr & 0x100ff == ERROR)


def typed_cpu_listing(run, cpus, timeout):
    """The monitor's answer to 'cpu' typed on the PS/2 keyboard: {index: (apic id, ticks)}.
    (Typed there, not on a COM1 socket, whose backend QEMU lets stall under SMP load.)"""
    before = max(len(run.serial_lines()) - 1, 0)  # the prompt's line, still open
    keys.type_text(run.qmp(), 'cpu\n')
    run.wait_for_serial_line(f'cpu {cpus - 1}: ', timeout, prefix=True)
    found = [CPU_LINE.match(l) for l in run.serial_lines()[before:]]
    return {int(m.group(1)): (int(m.group(2)), int(m.group(3))) for m in found if m}


def halt_stops_every_cpu(run, cpus, timeout):
    """Type halt; then every CPU must be halted with IF clear (idle CPUs halt with IF set)."""
    keys.type_text(run.qmp(), 'halt\n')
    run.wait_for_serial_line('halt: ', timeout, prefix=True)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        text = hmp(run, 'info registers -a')
        states = re.findall(r'RFL=([0-9a-f]+) .*HLT=(\d)', text)
        if len(states) == cpus and all(h == '1' and not int(f, 16) & (1 << 9) for f, h in states):
            return True
        time.sleep(0.2)
    return False


def check_config(tap, args, smp):
    boot = qemu.kernel_args(args.kernel) if args.kernel else qemu.iso_args(args.iso)
    present = int(smp.split(',')[0])
    maxcpus = re.search(r'maxcpus=(\d+)', smp)
    disabled = int(maxcpus.group(1)) - present if maxcpus else 0
    name = f'-smp {smp}'
    with qemu.Run(args.qemu, boot, args.memory, args.cpu, extra=['-smp', smp],
                  uefi=args.uefi) as run:
        missing = run.wait_for_serial_line('smp: ', args.timeout, prefix=True)
        tap.check(missing is None, f'{name}: the kernel prints its smp: line',
                  [missing, *run.serial_lines()[-5:], run.stderr()])
        if missing:  # nothing else can be checked; the plan still counts every check
            for _ in range(CHECKS_PER_CONFIG - 1):
                tap.check(False, f'{name}: not checked, the kernel did not get this far')
            return
        time.sleep(0.5)  # the rest of the summary, and the monitor's prompt
        lines = run.serial_lines()
        smp_line = next((m for m in map(SMP_LINE.match, lines) if m), None)
        ids = qemu_apic_ids(run)
        kernel_ids = [int(i) for i in smp_line.group(3).split()] if smp_line else []
        tap.check(smp_line is not None and int(smp_line.group(1)) == present ==
                  int(smp_line.group(2)), f'{name}: {present} of {present} CPUs online',
                  [l for l in lines if l.startswith('smp')] or ['no smp: line'])
        tap.check(kernel_ids == ids, f"{name}: the APIC IDs are QEMU's, BSP first",
                  [f'kernel: {kernel_ids}', f'QEMU (qom-get apic-id): {ids}'])
        said = next((int(m.group(1)) for m in map(DISABLED_LINE.match, lines) if m), 0)
        tap.check(said == disabled, f'{name}: {disabled} disabled CPUs in the MADT reported',
                  [l for l in lines if l.startswith('smp')])
        states = {i: lapic_state(run, i) for i in ids}
        bsp = states.get(ids[0])
        bad = [i for i, s in states.items() if not s or not bsp or not lapic_ok(s, bsp[2])]
        tap.check(not bad, f"{name}: every local APIC enabled, its timer periodic at the BSP's count",
                  [f'APIC ID {i}: {hmp(run, f"info lapic {i}").strip()}' for i in bad[:2]])
        regs = registers(run)
        trs, gss = {r[0] for r in regs}, {r[1] for r in regs}
        tap.check(len(regs) == present and len(trs) == present and len(gss) == present and
                  0 not in gss, f'{name}: each CPU has its own TSS and GS base',
                  [f'TR, GS, RSP per CPU: {[tuple(map(hex, r)) for r in regs]}'])
        ap_slots = [(r[2] - KSTACK_REGION) // KSTACK_SLOT for r in regs[1:] if r[2]]
        tap.check(len(set(ap_slots)) == present - 1 and
                  all(0 <= s for s in ap_slots), f'{name}: each AP on a stack of its own',
                  [f'RSP per CPU: {[hex(r[2]) for r in regs]}'])
        listing = typed_cpu_listing(run, present, args.timeout)
        tap.check(sorted(listing) == list(range(present)) and
                  [listing[i][0] for i in sorted(listing)] == ids and
                  all(t > 0 for _, t in listing.values()),
                  f"{name}: the monitor's cpu command lists every CPU with ticks of its own",
                  [f'listing: {listing}'])
        resets = [e for e in run.last_exceptions(8) if 'Triple' in e or 'check_exception' in e]
        tap.check(not resets and run.proc.poll() is None, f'{name}: no CPU faulted or reset',
                  resets + [run.stderr()])
        tap.check(halt_stops_every_cpu(run, present, args.timeout),
                  f"{name}: the monitor's halt stops every CPU (halted, interrupts masked)",
                  [hmp(run, 'info registers -a')[:600]])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    qemu.add_arguments(parser)
    parser.add_argument('--kernel')
    parser.add_argument('--iso')
    parser.add_argument('--uefi', nargs=2, metavar=('CODE', 'VARS'))
    parser.add_argument('--smp', action='append', required=True, help="QEMU's -smp (repeatable)")
    parser.add_argument('--timeout', type=float, default=60.0)
    args = parser.parse_args()

    qemu.require(args, args.uefi)
    tap = Tap(CHECKS_PER_CONFIG * len(args.smp))
    for smp in args.smp:
        check_config(tap, args, smp)
    return 0


if __name__ == '__main__':
    sys.exit(main())
