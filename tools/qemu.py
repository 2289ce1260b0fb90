# SPDX-License-Identifier: MIT
"""QEMU for cyan: the emulated PC every run and test boots, one observed run of it, and a minimal
QMP client.

QMP (the QEMU Machine Protocol) is one JSON object per line over a socket; Debian packages no
client library for it, and the few commands cyan needs fit in the small class below.
"""

import json
import pathlib
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time

import tap

# isa-debug-exit: a guest write of v to port 0xf4 makes QEMU exit with status (v << 1) | 1.
DEBUG_EXIT = ['-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04']
EXIT_PASS, EXIT_FAIL = 0x10 << 1 | 1, 0x11 << 1 | 1  # 33 and 35
EXIT_TRIPLE_FAULT = 0  # what QEMU returns after a guest reset under -no-reboot
FIRMWARE_DEBUG_PORT = 0x402  # SeaBIOS and OVMF write their debug log to this port under QEMU

VGA_TEXT_PHYS = 0xB8000  # colour text buffer: 80x25 cells of (character, attribute)
VGA_COLS, VGA_ROWS = 80, 25
# The 16 text-mode colours (IBM VGA defaults), as the framebuffer console must draw them.
VGA_RGB = [(0x00, 0x00, 0x00), (0x00, 0x00, 0xAA), (0x00, 0xAA, 0x00), (0x00, 0xAA, 0xAA),
           (0xAA, 0x00, 0x00), (0xAA, 0x00, 0xAA), (0xAA, 0x55, 0x00), (0xAA, 0xAA, 0xAA),
           (0x55, 0x55, 0x55), (0x55, 0x55, 0xFF), (0x55, 0xFF, 0x55), (0x55, 0xFF, 0xFF),
           (0xFF, 0x55, 0x55), (0xFF, 0x55, 0xFF), (0xFF, 0xFF, 0x55), (0xFF, 0xFF, 0xFF)]
# (tests/constants_test.py checks the numbers above against the kernel's C headers.)

PACKAGE = 'qemu-system-x86'  # the Debian package of qemu-system-x86_64
OVMF_PACKAGE = 'ovmf'

ANSI_ESCAPE = re.compile(r'\x1b(\[[0-9;?]*[A-Za-z]|[()][A-Za-z0-9]|[A-Za-z=>])')


def add_arguments(parser):
    """The options every test that boots QEMU takes, as tests/meson.build passes them."""
    parser.add_argument('--qemu', required=True, help='qemu-system-x86_64 (skipped if missing)')
    parser.add_argument('--memory', default='128M', help='guest memory (QEMU -m)')
    parser.add_argument('--cpu', help="QEMU CPU model (default: QEMU's qemu64)")


def require(args, uefi=None):
    """Skip the whole test (TAP) unless QEMU, and the UEFI firmware files if given, exist."""
    tap.require(args.qemu, PACKAGE)
    for path in uefi or ():
        if not pathlib.Path(path).is_file():
            tap.skip_all(tap.missing(f'UEFI firmware {path}', OVMF_PACKAGE))


def machine_args(memory, cpu=None, machine='pc'):
    """A PC with software emulation (TCG): deterministic everywhere, no KVM needed.

    -no-reboot turns a triple fault into a QEMU exit (status 0) instead of a silent reboot loop.
    """
    args = ['-machine', machine, '-accel', 'tcg', '-m', memory, '-no-reboot', *DEBUG_EXIT]
    if cpu:
        args += ['-cpu', cpu]
    return args


def iso_args(iso):
    """Boot from the ISO as a CD-ROM, through the firmware and GRUB."""
    return ['-drive', f'file={iso},media=cdrom,format=raw,readonly=on', '-boot', 'd']


def uefi_args(code, vars_copy):
    """UEFI firmware (OVMF): its code read-only, and a writable copy of its variable store, as
    real machines keep both in flash."""
    return ['-drive', f'if=pflash,format=raw,readonly=on,file={code}',
            '-drive', f'if=pflash,format=raw,file={vars_copy}']


def kernel_args(elf, cmdline=''):
    """Boot the kernel ELF directly (PVH entry note), skipping GRUB."""
    return ['-kernel', str(elf), '-append', cmdline]


def serial_args(log, socket_path=None):
    """COM1 into the file log; with socket_path, also a Unix socket a test can type into (the
    guest's output still goes to log, whether or not anyone is connected)."""
    if not socket_path:
        return ['-serial', f'file:{log}']
    return ['-chardev', f'socket,id=com1,path={socket_path},server=on,wait=off,logfile={log}',
            '-serial', 'chardev:com1']


def _drain(sock):
    """Read a socket until it closes, keeping nothing."""
    try:
        while sock.recv(4096):
            pass
    except OSError:
        pass


class QmpError(RuntimeError):
    pass


class Qmp:
    """A QMP connection to a QEMU started with -qmp unix:PATH,server=on,wait=off."""

    def __init__(self, path, timeout=10.0):
        deadline = time.monotonic() + timeout
        while True:
            self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                self._sock.connect(str(path))
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


class Run:
    """One QEMU run, headless, observed from outside: COM1 and the debug console (port 0xe9) go
    to files, exceptions and resets to a log (-d int,cpu_reset), and QMP is available. With
    firmware_log, the firmware's debug port goes to a file too."""

    def __init__(self, qemu, boot, memory='128M', cpu=None, extra=(), trace=True, uefi=None,
                 machine='pc', firmware_log=False, serial_socket=False):
        self._tmp = tempfile.TemporaryDirectory(prefix='cyan-qemu-')
        self.dir = pathlib.Path(self._tmp.name)
        self.serial_path = self.dir / 'serial.log'
        self.debugcon_path = self.dir / 'debugcon.log'
        self.log_path = self.dir / 'qemu.log'
        self.qmp_path = self.dir / 'qmp.sock'
        self.firmware_log_path = self.dir / 'firmware.log'
        if uefi:  # (OVMF code, variable store template): every run gets a fresh store
            code, template = uefi
            shutil.copyfile(template, self.dir / 'ovmf-vars.fd')
            boot = [*boot, *uefi_args(code, self.dir / 'ovmf-vars.fd')]
        self.serial_socket_path = self.dir / 'serial.sock'
        self.cmd = [qemu, *machine_args(memory, cpu, machine), *boot,
                    '-display', 'none', '-monitor', 'none',
                    *serial_args(self.serial_path, self.serial_socket_path if serial_socket else None),
                    '-debugcon', f'file:{self.debugcon_path}',
                    '-qmp', f'unix:{self.qmp_path},server=on,wait=off', *extra]
        if firmware_log:
            self.cmd += ['-chardev', f'file,id=firmware-log,path={self.firmware_log_path}',
                         '-device', f'isa-debugcon,iobase={FIRMWARE_DEBUG_PORT:#x},'
                                    'chardev=firmware-log']
        if trace:  # costs a little time; benchmarks leave it off
            self.cmd += ['-d', 'int,cpu_reset', '-D', str(self.log_path)]
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._qmp = None
        self._serial = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def qmp(self):
        if self._qmp is None:
            self._qmp = Qmp(self.qmp_path)
        return self._qmp

    def wait(self, timeout):
        """QEMU's exit status, or None if it is still running after timeout seconds."""
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def wait_for_serial_line(self, line, timeout, prefix=False):
        """None once COM1 has shown the line (exactly, or as the start of a line with prefix)
        with its newline, so that the whole line is there to read, else why it has not."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            complete = self.serial_lines()[:-1]  # the last one has no newline (yet)
            if any(l == line or (prefix and l.startswith(line)) for l in complete):
                return None
            if self.proc.poll() is not None:
                return describe_exit(self.proc.returncode)
            time.sleep(0.02)
        return f'no such line within {timeout:g} s'

    def serial_send(self, data):
        """Type bytes into COM1 (a Run made with serial_socket=True). One connection for the
        whole run: QEMU takes the bytes only as fast as the guest drains its UART, and what is
        still unread when a connection closes is lost. The guest's output comes back on it too
        (the log file has it): a thread reads it away, or QEMU, and the guest, would wait."""
        if self._serial is None:
            self._serial = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self._serial.connect(str(self.serial_socket_path))
            threading.Thread(target=_drain, args=(self._serial,), daemon=True).start()
        self._serial.sendall(data)

    def serial_lines(self):
        return _lines(self.serial_path)

    def debugcon_lines(self):
        return _lines(self.debugcon_path)

    def last_exceptions(self, count=4):
        """The last exceptions QEMU logged (-d int), newest last, as short text."""
        try:
            log = self.log_path.read_text(errors='replace').splitlines()
        except FileNotFoundError:
            return []
        events = [l.strip() for l in log
                  if re.match(r'\s*\d+: v=', l) or l.startswith(('check_exception', 'Triple'))]
        return [e[:160] for e in events[-count:]]

    def screendump(self):
        """The screen as QEMU displays it (a framebuffer or text mode), as an image.Image."""
        import image  # only screen tests need it
        path = self.dir / 'screen.ppm'
        self.qmp().command('screendump', filename=str(path))
        return image.read_ppm(path)

    def vga_text(self):
        """The 80x25 (character, attribute) cells of the VGA text buffer, read with pmemsave."""
        path = self.dir / 'vga.bin'
        size = VGA_COLS * VGA_ROWS * 2
        self.qmp().command('pmemsave', val=VGA_TEXT_PHYS, size=size, filename=str(path))
        data = path.read_bytes()
        return [(chr(data[i]), data[i + 1]) for i in range(0, size, 2)]

    def stderr(self):
        if self.proc.poll() is None:
            return ''
        return self.proc.stderr.read().decode(errors='replace').strip()

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self._qmp:
            self._qmp.close()
        if self._serial:
            self._serial.close()
        self._tmp.cleanup()


def describe_exit(status):
    if status == EXIT_TRIPLE_FAULT:
        return 'QEMU exited with status 0: the guest triple-faulted (reset under -no-reboot)'
    return f'QEMU exited with status {status}'


def _lines(path):
    try:
        text = path.read_bytes().decode('latin-1')
    except FileNotFoundError:
        return []
    text = ANSI_ESCAPE.sub('', text)
    return [line.replace('\r', '') for line in text.split('\n')]
