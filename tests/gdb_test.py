#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The debugging set-up works: gdb in batch mode, with tools/gdb/cyan.gdb and the commands
"ninja gdb" gives it, attaches to a paused QEMU, stops in kmain, shows the source line, prints a
backtrace that ends cleanly, and detaches, leaving the kernel running.

QEMU boots the kernel directly (PVH), paused (-S), its gdb stub on a Unix socket in a temporary
directory, so the test never collides with a "ninja debug" on the fixed port. The source line is
checked against the source file itself, so it holds whatever kmain says. Prints TAP.
"""

import argparse
import pathlib
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'tools'))
import qemu  # noqa: E402
from tap import Tap, require as tap_require  # noqa: E402

STOP = re.compile(r'^Breakpoint \d+, kmain \([^)]*\)\s+at (\S+):(\d+)$', re.MULTILINE)
FRAME = re.compile(r'^#(\d+)\s+(.*)$', re.MULTILINE)


def source_line(source_root, path, number):
    try:
        return (source_root / path).read_text().splitlines()[number - 1]
    except (OSError, IndexError):
        return None


def run_gdb(cmd, timeout):
    """gdb's exit status (None after a timeout) and everything it printed."""
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        return done.returncode, done.stdout + done.stderr
    except subprocess.TimeoutExpired as e:
        out = b''.join(x for x in (e.stdout, e.stderr) if x)
        return None, out.decode(errors='replace') if isinstance(out, bytes) else out


def wait_for(path, seconds):
    deadline = time.monotonic() + seconds
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.01)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    qemu.add_arguments(parser)
    parser.add_argument('--gdb', required=True)
    parser.add_argument('--script', required=True, help='tools/gdb/cyan.gdb')
    parser.add_argument('--source-root', required=True, type=pathlib.Path)
    parser.add_argument('--timeout', type=float, default=30.0)
    parser.add_argument('kernel')
    args = parser.parse_args()
    qemu.require(args)
    tap_require(args.gdb, 'gdb')

    with tempfile.TemporaryDirectory(prefix='cyan-gdb-') as tmp:
        socket = pathlib.Path(tmp) / 'gdb.sock'
        stub = ['-S', '-gdb', f'unix:{socket},server=on,wait=off']
        with qemu.Run(args.qemu, qemu.kernel_args(args.kernel), args.memory, args.cpu, extra=stub,
                      trace=False) as run:
            wait_for(socket, 10)
            status, out = run_gdb([args.gdb, '-batch', '-nx', '-x', args.script,
                                   '-ex', f'directory {args.source_root}',
                                   '-ex', f'cyan-attach {socket}',
                                   '-ex', 'backtrace', '-ex', 'detach', args.kernel], args.timeout)
            # "detach" rather than "kill": killing makes QEMU exit while gdb still talks to it,
            # and gdb then sometimes fails on the closed connection
            still_running = run.wait(0.3) is None

    stop = STOP.search(out)
    expected_line = stop and source_line(args.source_root, stop.group(1), int(stop.group(2)))
    frames = FRAME.findall(out)
    checks = [
        (status == 0, 'gdb exits with status 0' + (' (timed out)' if status is None else '')),
        (stop is not None, 'gdb stops at the hardware breakpoint in kmain'),
        (bool(expected_line) and f'{stop.group(2)}\t{expected_line}' in out,
         'gdb shows the source line it stopped at, as the source file has it'),
        (bool(frames) and frames[0][0] == '0' and ' kmain (' in f' {frames[0][1]}',
         'the backtrace starts in kmain'),
        (bool(frames) and all('??' not in frame for _, frame in frames),
         'every frame of the backtrace has a name (the unwinder stops at the boot code)'),
        (still_running, 'the kernel runs on after gdb detaches'),
    ]
    tap = Tap(len(checks))
    for ok, name in checks:
        tap.result(ok, name)
    if not all(ok for ok, _ in checks):
        tap.diagnostics(['gdb printed:'] + [f'  {line}' for line in out.splitlines()])
    return 0


if __name__ == '__main__':
    sys.exit(main())
