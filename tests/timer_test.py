#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boot cyan and check its tick from outside: the rate against the host's clock, the sources it
says it chose, and its interrupt routing against QEMU's own view of the APICs.

The kernel's command line asks for a serial line "tick N" every --stamp ticks; the host notes
when each arrives. Under TCG the guest's clocks follow the host's, so ticks per host second is
the tick rate (a least-squares fit over every stamp); a loaded host delivers some ticks late and
notices some stamps late, hence a tolerance and a measurement over seconds, not milliseconds. The measured error is printed either way (TAP diagnostics).

--routing checks, with HMP "info pic" and "info lapic" over QMP, that each line the kernel
printed as "irq: ISA IRQ n -> GSI g: IOAPIC i pin p, vector 0xv, edge, active high" is what the
IOAPIC holds (that pin unmasked with that vector, trigger and polarity; every other pin masked),
and that the local APIC's timer, spurious and error vectors are the ones the kernel uses.
"""

import argparse
import pathlib
import re
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'tools'))
import qemu  # noqa: E402
from tap import Tap  # noqa: E402

STAMP = re.compile(r'^tick (\d+)$')
ROUTE = re.compile(r'^irq: ISA IRQ (\d+) -> GSI (\d+): IOAPIC (\d+) pin (\d+), vector 0x([0-9a-f]+),'
                   r' (edge|level), active (high|low)$')
PIN = re.compile(r'^\s*pin (\d+)\s+0x[0-9a-f]+ dest=\d+ vec=(\d+)\s+active-(hi|lo)\s+(edge|level)'
                 r'\s+(masked)?')
VECTOR_TIMER, VECTOR_ERROR, VECTOR_SPURIOUS = 0xef, 0xfe, 0xff  # arch/x86_64/include/arch/idt.h


def stamps(run, count, timeout):
    """(host time, tick count) of the next `count` stamp lines, timed as they appear."""
    seen, found = len(run.serial_lines()), []
    deadline = time.monotonic() + timeout
    while len(found) < count and time.monotonic() < deadline and run.proc.poll() is None:
        lines = run.serial_lines()
        now = time.monotonic()
        for line in lines[seen:len(lines) - 1]:  # the last one may still be half written
            m = STAMP.match(line)
            if m:
                found.append((now, int(m.group(1))))
        seen = max(seen, len(lines) - 1)
        time.sleep(0.002)
    return found


def fitted_rate(points):
    """Ticks per second: the least-squares slope of tick count against arrival time, so that one
    stamp the host noticed late (a busy host schedules this script late too) moves the result
    less than it would move a rate taken from the first and last stamp alone."""
    n = len(points)
    mean_t = sum(t for t, _ in points) / n
    mean_k = sum(k for _, k in points) / n
    covariance = sum((t - mean_t) * (k - mean_k) for t, k in points)
    variance = sum((t - mean_t) ** 2 for t, _ in points)
    return covariance / variance


def check_rate(tap, run, args):
    booted = run.wait_for_serial_line('Hello World!', args.boot_timeout)  # UEFI takes seconds
    got = [] if booted else stamps(run, args.stamps + 1, args.stamps * args.stamp / args.hz * 3 + 10)
    if len(got) < 3:
        tap.result(False, 'tick stamps arrive on COM1',
                   [f'serial: {line}' for line in run.serial_lines()[-12:]])
        return
    (t0, n0), (t1, n1) = got[0], got[-1]
    rate = fitted_rate(got)
    error = rate / args.hz - 1
    tap.result(abs(error) <= args.tolerance,
               f'tick rate {rate:.1f} Hz against {args.hz} Hz by the host clock: {error:+.2%} '
               f'(tolerance {args.tolerance:.0%}, {n1 - n0} ticks over {t1 - t0:.2f} s)')


def hmp(run, command):
    return run.qmp().command('human-monitor-command', **{'command-line': command})


def check_routing(tap, run):
    routes = [ROUTE.match(line) for line in run.serial_lines()]
    routes = [m for m in routes if m]
    pins = {int(m.group(1)): m for m in map(PIN.match, hmp(run, 'info pic').splitlines()) if m}
    problems = []
    for route in routes:
        pin = pins.get(int(route.group(4)))
        want = (int(route.group(5), 16), route.group(6), 'lo' if route.group(7) == 'low' else 'hi')
        if not pin or pin.group(5) or (int(pin.group(2)), pin.group(4), pin.group(3)) != want:
            problems.append(f'kernel: {route.group(0)}; QEMU: {pin.group(0) if pin else "no pin"}')
    routed = {int(r.group(4)) for r in routes}
    problems += [f'pin {p} is unmasked but the kernel routed nothing there'
                 for p, m in pins.items() if p not in routed and not m.group(5)]
    tap.result(bool(pins) and not problems,
               f'QEMU\'s IOAPIC holds the {len(routes)} route(s) the kernel printed, nothing else',
               problems + ([] if pins else ['no IOAPIC pins in "info pic"']))
    lapic = hmp(run, 'info lapic')
    wanted = [f'spurious vec {VECTOR_SPURIOUS}', f'LVTERR\t 0x{VECTOR_ERROR:08x}']
    if args_timer_is_lapic(run):
        wanted.append(f'Fixed  (vec {VECTOR_TIMER})')
    missing = [w for w in wanted if w not in lapic]
    tap.result(not missing, 'QEMU\'s local APIC has the kernel\'s spurious, error and timer vectors',
               missing + (lapic.splitlines() if missing else []))


def check_isa_pins(tap, run, wanted):
    """What the kernel routed against how QEMU wires it (a fact of the machine, stated here)."""
    routes = {int(m.group(1)): m for m in map(ROUTE.match, run.serial_lines()) if m}
    for irq_pin in wanted:
        irq, pin = map(int, irq_pin.split(':'))
        route = routes.get(irq)
        ok = route is not None and int(route.group(4)) == pin
        tap.result(ok, f'ISA IRQ {irq} is routed to IOAPIC pin {pin}, where the machine wires it',
                   [] if ok else [f'kernel: {route.group(0) if route else "no route printed"}'])


def args_timer_is_lapic(run):
    return any(line.startswith('timer: local APIC timer') for line in run.serial_lines())


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    qemu.add_arguments(parser)
    boot = parser.add_mutually_exclusive_group(required=True)
    boot.add_argument('--kernel', help='boot this kernel ELF directly (PVH)')
    boot.add_argument('--iso', help='boot this ISO (its GRUB menu must pass the stamp options)')
    parser.add_argument('--uefi', nargs=2, metavar=('CODE', 'VARS'))
    parser.add_argument('--machine', default='pc')
    parser.add_argument('--no-hpet', action='store_true')
    parser.add_argument('--append', default='', help='more kernel command line')
    parser.add_argument('--hz', type=int, default=1000)
    parser.add_argument('--stamp', type=int, default=250, help='ticks between stamps')
    parser.add_argument('--stamps', type=int, default=12, help='stamp intervals measured')
    parser.add_argument('--tolerance', type=float, default=0.1)
    parser.add_argument('--boot-timeout', type=float, default=60)
    parser.add_argument('--expect', action='append', default=[],
                        help='a line the kernel must print (a prefix of it)')
    parser.add_argument('--routing', action='store_true')
    parser.add_argument('--isa-pin', metavar='IRQ:PIN', action='append', default=[],
                        help='(with --routing) the IOAPIC pin an ISA IRQ must arrive at, as '
                             'the machine wires it')
    args = parser.parse_args()
    qemu.require(args, args.uefi)

    tap = Tap(1 + len(args.expect) + (2 + len(args.isa_pin) if args.routing else 0))
    cmdline = f'tick_stamp={args.stamp} timer_hz={args.hz} {args.append}'.strip()
    boot = qemu.iso_args(args.iso) if args.iso else qemu.kernel_args(args.kernel, cmdline)
    extra = ['-machine', args.machine] + (['-no-hpet'] if args.no_hpet else [])
    with qemu.Run(args.qemu, boot, args.memory, args.cpu, extra=extra, uefi=args.uefi) as run:
        check_rate(tap, run, args)
        for line in args.expect:
            found = any(l.startswith(line) for l in run.serial_lines())
            tap.result(found, f'the kernel says {line!r}',
                       [] if found else [f'serial: {l}' for l in run.serial_lines()
                                         if l.startswith(('acpi:', 'irq:', 'timer:', 'clock:'))])
        if args.routing:
            check_routing(tap, run)
            check_isa_pins(tap, run, args.isa_pin)
        if tap.failed:
            tap.diagnostics(f'qemu: {l}' for l in run.stderr().splitlines())
    return 0


if __name__ == '__main__':
    sys.exit(main())
