# SPDX-License-Identifier: MIT
"""QEMU for cyan: the emulated PC every run and test boots, and a minimal QMP client.

QMP (the QEMU Machine Protocol) is one JSON object per line over a socket; Debian packages no
client library for it, and the few commands cyan needs fit in the small class below.
"""

import json
import socket
import time

# isa-debug-exit: a guest write of v to port 0xf4 makes QEMU exit with status (v << 1) | 1.
DEBUG_EXIT = ['-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04']

VGA_TEXT_PHYS = 0xB8000  # colour text buffer: 80x25 cells of (character, attribute)
VGA_COLS, VGA_ROWS = 80, 25


def machine_args(memory, cpu=None):
    """A PC with software emulation (TCG): deterministic everywhere, no KVM needed.

    -no-reboot turns a triple fault into a QEMU exit (status 0) instead of a silent reboot loop.
    """
    args = ['-machine', 'pc', '-accel', 'tcg', '-m', memory, '-no-reboot', *DEBUG_EXIT]
    if cpu:
        args += ['-cpu', cpu]
    return args


def iso_args(iso):
    """Boot from the ISO as a CD-ROM."""
    return ['-drive', f'file={iso},media=cdrom,format=raw,readonly=on', '-boot', 'd']


class QmpError(RuntimeError):
    pass


class Qmp:
    """A QMP connection to a QEMU started with -qmp unix:PATH,server=on,wait=off."""

    def __init__(self, path, timeout=10.0):
        deadline = time.monotonic() + timeout
        while True:
            try:
                self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self._sock.connect(path)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                self._sock.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.01)
        self._sock.settimeout(timeout)
        self._file = self._sock.makefile('rw', encoding='utf-8')
        self._receive()  # the greeting
        self.command('qmp_capabilities')

    def _receive(self):
        line = self._file.readline()
        if not line:
            raise EOFError('QEMU closed the QMP connection')
        return json.loads(line)

    def command(self, name, **arguments):
        """Run one command and return its result; asynchronous events are skipped."""
        request = {'execute': name}
        if arguments:
            request['arguments'] = arguments
        self._file.write(json.dumps(request) + '\n')
        self._file.flush()
        while True:
            reply = self._receive()
            if 'return' in reply:
                return reply['return']
            if 'error' in reply:
                raise QmpError(f"{name}: {reply['error'].get('desc', reply['error'])}")

    def close(self):
        self._file.close()
        self._sock.close()


def read_vga_text(qmp, path):
    """Save the VGA text buffer from guest memory, as seen from outside the guest.

    Returns a list of (character, attribute) for all 80x25 cells, row by row.
    """
    size = VGA_COLS * VGA_ROWS * 2
    qmp.command('pmemsave', val=VGA_TEXT_PHYS, size=size, filename=str(path))
    data = path.read_bytes()
    return [(chr(data[i]), data[i + 1]) for i in range(0, size, 2)]
