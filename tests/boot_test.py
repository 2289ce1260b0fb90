#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boot the ISO in QEMU and check, from outside the guest, what it printed and what is on screen.

Prints TAP. Fails when the expected serial line never comes, when QEMU exits (under -no-reboot a
triple fault makes QEMU exit with status 0), or when the VGA text buffer, read with QMP pmemsave,
does not hold the expected text and colour.
"""

import argparse
import pathlib
import re
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'tools'))
import qemu  # noqa: E402

ANSI_ESCAPE = re.compile(rb'\x1b(\[[0-9;?]*[A-Za-z]|[()][A-Za-z0-9]|[A-Za-z=>])')


class Serial:
    """Collects QEMU's stdout (the guest's COM1) in the background."""

    def __init__(self, stream):
        self.data = b''
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self._thread.start()

    def _pump(self, stream):
        for chunk in iter(lambda: stream.read1(4096), b''):
            with self._lock:
                self.data += chunk

    def lines(self):
        with self._lock:
            text = ANSI_ESCAPE.sub(b'', self.data)
        return [line.rstrip('\r') for line in text.decode('latin-1').split('\n')]


class Tap:
    def __init__(self, plan):
        print(f'1..{plan}', flush=True)
        self.n = 0
        self.failed = False

    def result(self, ok, name, diagnostics=()):
        self.n += 1
        print(f"{'ok' if ok else 'not ok'} {self.n} - {name}")
        for line in diagnostics:
            print(f'# {line}')
        sys.stdout.flush()
        self.failed |= not ok


def describe_exit(status):
    if status == 0:
        return 'QEMU exited with status 0: the guest triple-faulted (reset under -no-reboot)'
    return f'QEMU exited with status {status}'


def wait_for_line(proc, serial, line, timeout):
    """Returns None once the line is seen, or why it was not."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if line in serial.lines():
            return None
        if proc.poll() is not None:
            return describe_exit(proc.returncode)
        time.sleep(0.02)
    return f'no such line within {timeout:g} s'


def screen_check(cells, text, attr):
    """Compare the first len(text) cells (row by row) with text in colour attr."""
    seen_text = ''.join(c for c, _ in cells[: len(text)])
    seen_attrs = sorted({a for _, a in cells[: len(text)]})
    text_ok = seen_text == text
    attr_ok = seen_attrs == [attr]
    row0 = ''.join(c if c.isprintable() else '.' for c, _ in cells[: qemu.VGA_COLS]).rstrip()
    return text_ok, attr_ok, [f'row 0 reads: {row0!r}'], [
        'attributes seen: ' + ', '.join(f'0x{a:02x}' for a in seen_attrs)
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--qemu', required=True)
    parser.add_argument('--iso', required=True)
    parser.add_argument('--memory', default='128M')
    parser.add_argument('--cpu', help='QEMU CPU model, e.g. qemu32 for a CPU without long mode')
    parser.add_argument('--serial-line', required=True, help='exact line expected on COM1')
    parser.add_argument('--screen-text', required=True, help='text expected from row 0, column 0')
    parser.add_argument('--screen-attr', required=True, type=lambda s: int(s, 0))
    parser.add_argument('--timeout', type=float, default=30.0)
    parser.add_argument('--settle', type=float, default=0.5,
                        help='seconds the guest must stay up after the line (no reset, no exit)')
    args = parser.parse_args()

    tap = Tap(4)
    with tempfile.TemporaryDirectory(prefix='cyan-boot-') as tmp:
        tmp = pathlib.Path(tmp)
        qmp_path = tmp / 'qmp.sock'
        cmd = [args.qemu, *qemu.machine_args(args.memory, args.cpu), *qemu.iso_args(args.iso),
               '-display', 'none', '-serial', 'stdio', '-monitor', 'none',
               '-qmp', f'unix:{qmp_path},server=on,wait=off']
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        serial = Serial(proc.stdout)
        try:
            qmp = qemu.Qmp(str(qmp_path))
            missing = wait_for_line(proc, serial, args.serial_line, args.timeout)
            tap.result(missing is None, f'serial: line {args.serial_line!r}',
                       [missing] + [f'serial: {l}' for l in serial.lines()[-10:]] if missing else [])
            if missing is None:
                time.sleep(args.settle)
            alive = proc.poll() is None
            tap.result(alive, f'guest still running {args.settle:g} s later (no reset, no exit)',
                       [] if alive else [describe_exit(proc.returncode)])
            if alive:
                qmp.command('stop')
                cells = qemu.read_vga_text(qmp, tmp / 'vga.bin')
                text_ok, attr_ok, text_diag, attr_diag = screen_check(
                    cells, args.screen_text, args.screen_attr)
            else:
                text_ok = attr_ok = False
                text_diag = attr_diag = ['QEMU is gone: screen not readable']
            tap.result(text_ok, f'screen: {args.screen_text!r} at row 0, column 0',
                       [] if text_ok else text_diag)
            tap.result(attr_ok, f'screen: attribute 0x{args.screen_attr:02x} on those cells',
                       [] if attr_ok else attr_diag)
            if alive:
                qmp.command('quit')
        finally:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            stderr = proc.stderr.read().decode(errors='replace').strip()
            if stderr and tap.failed:
                for line in stderr.splitlines():
                    print(f'# qemu: {line}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
