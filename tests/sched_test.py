#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Threads seen from outside the guest: at the keyboard (QMP input-send-event), "spin 4" starts
four CPU-bound threads; "ps" must list them spread over the CPUs (COM1 and the VGA text screen,
read with pmemsave), and QEMU itself must see every CPU running, never halted (HMP
'info registers -a'); typed text must still echo while they run; "spin 0" stops them, and every
CPU is seen halting again. Prints TAP.

usage: sched_test.py --qemu QEMU --kernel ELF --smp N
"""

import argparse
import pathlib
import re
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / 'tools'))
import keys  # noqa: E402
import qemu  # noqa: E402
from tap import Tap  # noqa: E402

READY = 'monitor: type help for the commands'  # src/monitor/monitor.c
PROMPT = 'cyan> '
SPINNERS = 4
PS_HEADER = '   id  cpu  state       run ms  name'  # src/monitor/threads.c
PS_ROW = re.compile(r'^\s*(\d+)\s+(\d+)\s+(\w+)\s+(\d+)\s+(.*)$')
ECHO_TEXT = 'still echoing while four threads spin'
# Each key is sent once the one before has echoed: QEMU's PS/2 keyboard holds only a few
# keys, and on a loaded two-core host the guest's vCPU may not run for a while, so keys sent
# blind at a fixed pace get lost inside QEMU before the guest can read them.
KEY_ECHO_TIMEOUT = 10.0


def wait_serial(run, predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate(run.serial_lines()):
            return True
        if run.proc.poll() is not None:
            return False
        time.sleep(0.02)
    return False


def screen(run):
    cells = run.vga_text()
    return [''.join(c for c, _ in cells[r * qemu.VGA_COLS:(r + 1) * qemu.VGA_COLS]).rstrip()
            for r in range(qemu.VGA_ROWS)]


def type_line(run, text, answer, timeout, latencies=None):
    """Type text key by key, each once the last has echoed on COM1, then Enter; whether answer
    then appears as a line of COM1 after the echo. Each key's echo time goes into latencies."""
    for i, char in enumerate(text):
        t0 = time.monotonic()
        keys.press(run.qmp(), *keys.chord(char))
        echoed = PROMPT + text[:i + 1]
        if not wait_serial(run, lambda lines: lines and lines[-1] == echoed, KEY_ECHO_TIMEOUT):
            return False
        if latencies is not None:
            latencies.append(time.monotonic() - t0)
    keys.press(run.qmp(), 'ret')
    return wait_serial(run, lambda lines: PROMPT + text in lines and
                       answer in lines[lines.index(PROMPT + text):], timeout)


def ps_rows(lines):
    """The rows of the last complete ps listing on COM1: (id, cpu, state, ms, name) tuples."""
    start = max(i for i, l in enumerate(lines) if l == PS_HEADER)
    rows = []
    for line in lines[start + 1:]:
        m = PS_ROW.match(line)
        if not m:
            break
        rows.append((int(m[1]), int(m[2]), m[3], int(m[4]), m[5]))
    return rows


# QEMU's view of the CPUs sampled this often: a spinning CPU is never seen halted, an idle one
# rarely caught outside hlt (only in its tick's handler).
SAMPLES = 6


def busy_cpus(run, samples=SAMPLES):
    """How many of samples QEMU's own view ('info registers -a') caught each CPU not halted:
    a CPU with a spinning thread never halts, an idle one halts between interrupts."""
    counts = None
    for _ in range(samples):
        text = run.qmp().command('human-monitor-command', **{'command-line': 'info registers -a'})
        halted = re.findall(r'HLT=(\d)', text)
        counts = counts or [0] * len(halted)
        for i, h in enumerate(halted[:len(counts)]):
            counts[i] += h == '0'
        time.sleep(0.15)
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    qemu.add_arguments(parser)
    parser.add_argument('--kernel', required=True)
    parser.add_argument('--smp', type=int, default=1)
    parser.add_argument('--timeout', type=float, default=30.0)
    args = parser.parse_args()
    qemu.require(args)
    tap = Tap(7)
    with qemu.Run(args.qemu, qemu.kernel_args(args.kernel), args.memory, args.cpu,
                  extra=['-smp', str(args.smp)]) as run:
        missing = run.wait_for_serial_line(READY, args.timeout)
        tap.result(missing is None, 'the monitor starts', [missing] if missing else [])
        if missing:
            return 0
        time.sleep(0.1)
        started = f'spin: {SPINNERS} threads spinning (spin 0 stops them)'
        tap.result(type_line(run, f'spin {SPINNERS}', started, args.timeout),
                   f'spin {SPINNERS} starts {SPINNERS} CPU-bound threads', run.serial_lines()[-4:])
        time.sleep(0.5)  # let them run a little
        ok = type_line(run, 'ps', PS_HEADER, args.timeout)
        time.sleep(0.3)  # the rows follow the header
        rows = ps_rows(run.serial_lines()) if ok else []
        spin_cpus = {cpu for _, cpu, _, _, name in rows if name.startswith('spin ')}
        spin_count = sum(name.startswith('spin ') for *_, name in rows)
        expected = min(SPINNERS, args.smp)
        on_vga = any(r.startswith(PS_HEADER.rstrip()) for r in screen(run))
        tap.result(spin_count == SPINNERS and len(spin_cpus) == expected and on_vga,
                   f'ps lists the {SPINNERS} threads on {expected} different CPUs (COM1, screen)',
                   [f'rows: {rows}', f'CPUs of the spinners: {sorted(spin_cpus)}',
                    f'ps header on screen: {on_vga}'])
        busy = busy_cpus(run)
        tap.result(len(busy) == args.smp and all(n >= SAMPLES - 1 for n in busy),
                   "every CPU busy while they spin, as QEMU sees it (info registers: HLT=0)",
                   [f'samples with the CPU running, per CPU (of {SAMPLES}): {busy}'])
        latencies = []
        ok = type_line(run, 'echo ' + ECHO_TEXT, ECHO_TEXT, args.timeout, latencies)
        shown = ok and any(r == PROMPT + 'echo ' + ECHO_TEXT for r in screen(run))
        tap.result(shown, 'typed keys still echo while the threads spin (COM1 and screen)',
                   run.serial_lines()[-4:] if not shown else [])
        if latencies:
            tap.diagnostics([f'echo of a key, by the host clock: median '
                             f'{sorted(latencies)[len(latencies) // 2] * 1000:.0f} ms, '
                             f'slowest {max(latencies) * 1000:.0f} ms'])
        tap.result(type_line(run, 'spin 0', f'spin: {SPINNERS} threads stopped', args.timeout),
                   'spin 0 stops and joins them', run.serial_lines()[-4:])
        time.sleep(0.3)
        busy = busy_cpus(run)
        tap.result(len(busy) == args.smp and all(n <= SAMPLES // 3 for n in busy),
                   'then every CPU idles again, halted between interrupts (info registers: HLT=1)',
                   [f'samples with the CPU running, per CPU (of {SAMPLES}): {busy}'])
    return 0


if __name__ == '__main__':
    sys.exit(main())
