#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boots in a row, each with a random number of CPUs (-smp 1 to 8) and a random memory size, each
required to bring every CPU online and reach the monitor's prompt without a hang, a fault or a
reset. The seed is printed, so a failing sequence can be replayed with --seed. meson test runs a
few boots; the full robustness run is

    python3 tests/smp_boots_test.py --qemu qemu-system-x86_64 --kernel build/cyan.elf --count 50

and prints, beside each result, how long the boot took and how long bring-up took per AP. Prints
TAP."""

import argparse
import pathlib
import random
import re
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / 'tools'))
import qemu  # noqa: E402
from tap import Tap  # noqa: E402

SMP_LINE = re.compile(r'^smp: (\d+) of (\d+) CPUs online')
AP_TIME = re.compile(r'^smp: \d+ APs? started in \d+ us, (\d+) us each')
PROMPT = 'monitor: type help for the commands'
MEMORY_MIB = (32, 64, 128, 200, 256, 512, 1024, 3072, 4096, 6144)  # below and above the PCI hole


def boot(args, cpus, memory):
    """(None, figures) if the boot came up with every CPU, else (why not, figures)."""
    start = time.monotonic()
    with qemu.Run(args.qemu, qemu.kernel_args(args.kernel), f'{memory}M', args.cpu,
                  extra=['-smp', str(cpus)]) as run:
        missing = run.wait_for_serial_line(PROMPT, args.timeout)
        elapsed = time.monotonic() - start
        lines = run.serial_lines()
        smp = next((m for m in map(SMP_LINE.match, lines) if m), None)
        per_ap = next((int(m.group(1)) for m in map(AP_TIME.match, lines) if m), 0)
        figures = f'{elapsed:.2f} s to the prompt, {per_ap} us per AP'
        if missing:
            return f'{missing}; last lines: {lines[-3:]}; {run.last_exceptions()}', figures
        if not smp or int(smp.group(1)) != cpus:
            return f'smp line: {[l for l in lines if l.startswith("smp")]}', figures
        time.sleep(0.3)  # still up a moment later: no late fault on an AP
        resets = [e for e in run.last_exceptions(8) if 'Triple' in e or 'check_exception' in e]
        if resets or run.proc.poll() is not None:
            return f'faulted after the prompt: {resets} {run.stderr()}', figures
        return None, figures


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    qemu.add_arguments(parser)
    parser.add_argument('--kernel', required=True)
    parser.add_argument('--count', type=int, default=50)
    parser.add_argument('--seed', type=int)
    parser.add_argument('--timeout', type=float, default=60.0)
    args = parser.parse_args()

    qemu.require(args)
    seed = args.seed if args.seed is not None else random.randrange(1 << 32)
    rng = random.Random(seed)
    tap = Tap(args.count)
    tap.diagnostics([f'seed {seed}'])
    for i in range(args.count):
        cpus, memory = rng.randint(1, 8), rng.choice(MEMORY_MIB)
        why, figures = boot(args, cpus, memory)
        tap.result(why is None, f'boot {i + 1}: -smp {cpus} -m {memory}M ({figures})',
                   [why] if why else [])
    return 0


if __name__ == '__main__':
    sys.exit(main())
