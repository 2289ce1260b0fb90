#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The monitor, typed at from outside the guest: keys through QMP input-send-event (the PS/2
keyboard), bytes through COM1's socket, and what came back read from VGA memory (pmemsave), a
framebuffer screendump, COM1 and QEMU's own state. Prints TAP.

usage: monitor_test.py --case CASE (--kernel ELF | --iso ISO) [--uefi CODE VARS --font PSF]
cases: keyboard (sentence, Caps Lock, editing keys, LEDs, history, help, unknown command, 200-key
burst), layout-de, serial, reboot, halt, no-8042 (a PC without one), uefi (the sentence on a
framebuffer screendump).
"""

import argparse
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / 'tools'))
import keys  # noqa: E402
import psf  # noqa: E402
import qemu  # noqa: E402
from tap import Tap  # noqa: E402

READY = 'monitor: type help for the commands'  # the monitor's first line (src/monitor/monitor.c)
PROMPT = 'cyan> '
COMMANDS = ['help', 'mem', 'uptime', 'cpu', 'irq', 'ps', 'spin', 'echo', 'reboot', 'halt']
# Capitals, digits and every US punctuation key: 65 characters, so "echo " + it fits one line.
SENTENCE = 'The Quick Brown Fox, 1234567890! @#$%^&*() _+-= []{}|\\;:\'",.<>/?~`'
BURST_LINES = 4  # each "echo " + 44 characters + Enter: 50 keys, 200 in all
BURST_TEXT = 'Burst {}: the quick brown fox jumps over 1234'


def rows(run):
    """The VGA text screen as 25 strings, trailing blanks removed."""
    cells = run.vga_text()
    return [''.join(c for c, _ in cells[r * qemu.VGA_COLS:(r + 1) * qemu.VGA_COLS]).rstrip()
            for r in range(qemu.VGA_ROWS)]


def wait_serial(run, line, timeout=10.0, count=1):
    """True once COM1 has shown line at least count times."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if run.serial_lines().count(line) >= count:
            return True
        if run.proc.poll() is not None:
            return False
        time.sleep(0.02)
    return False


def on_screen(run, *lines):
    """Whether the screen shows lines on consecutive rows; and the screen, for diagnostics."""
    screen = rows(run)
    for r in range(len(screen) - len(lines) + 1):
        if screen[r:r + len(lines)] == list(lines):
            return True, []
    return False, [f'row {i:2}: {row}' for i, row in enumerate(screen)]


def command(run, tap, text, answer, name, count=1):
    """Type a command at the keyboard; check its answer on COM1 and, below it, on screen."""
    keys.type_text(run.qmp(), text + '\n')
    arrived = wait_serial(run, answer, count=count)
    shown, diag = on_screen(run, PROMPT + text, answer) if arrived else (False, [])
    tap.result(arrived and shown, name,
               diag + [f'serial: {l}' for l in run.serial_lines()[-6:]] if not shown else [])


def caps_lock(run, tap):
    """Caps Lock on: letters upper case, Shift+letter lower case, digits unchanged; then off."""
    qmp = run.qmp()
    keys.type_text(qmp, 'echo ')
    keys.press(qmp, 'caps_lock')
    for k in 'hello':
        keys.press(qmp, k)
    keys.press(qmp, 'shift', 'w')
    keys.press(qmp, '7')
    keys.press(qmp, 'caps_lock')
    keys.type_text(qmp, 'x\n')
    ok = wait_serial(run, 'HELLOw7x')
    tap.result(ok and on_screen(run, PROMPT + 'echo HELLOw7x', 'HELLOw7x')[0],
               'Caps Lock: HELLO, Shift undoes it, digits unchanged, off again',
               [] if ok else run.serial_lines()[-4:])


def editing_keys(run, tap):
    """With Num Lock on (the keypad types digits, so only the 0xE0 prefix tells the arrows apart
    from keypad 4 and 6): "echo helo", Left, "l", End, "xy", Backspace x2, Home, Delete x5,
    "echo ", End, keypad 1, keypad Enter: "echo hello1"."""
    qmp = run.qmp()
    keys.press(qmp, 'num_lock')
    keys.type_text(qmp, 'echo helo')
    for key in ['left', 'l', 'end', 'x', 'y', 'backspace', 'backspace', 'home'] + ['delete'] * 5:
        keys.press(qmp, key)
    keys.type_text(qmp, 'echo ')
    for key in ['end', 'kp_1', 'kp_enter', 'num_lock']:
        keys.press(qmp, key)
    ok = wait_serial(run, 'hello1')
    shown, diag = on_screen(run, PROMPT + 'echo hello1', 'hello1') if ok else (False, [])
    tap.result(shown, 'Num Lock on: Left, End, Backspace, Home, Delete edit; the keypad types digits',
               [] if shown else diag + run.serial_lines()[-4:])


def leds(run, tap):
    """The LED states QEMU's keyboard was told (its ps2_set_ledstate trace), repeats collapsed:
    Caps Lock on and off (4, 0), then Num Lock on and off (2, 0)."""
    states = [int(l.split()[-1]) for l in run.log_path.read_text(errors='replace').splitlines()
              if l.startswith('ps2_set_ledstate')]
    collapsed = [v for i, v in enumerate(states) if i == 0 or states[i - 1] != v]
    ok = collapsed[-5:] == [0, 4, 0, 2, 0]
    tap.result(ok, 'LEDs follow Caps Lock and Num Lock (command 0xED, from QEMU\'s side)',
               [] if ok else [f'LED states set: {states}'])


def history_and_cancel(run, tap):
    qmp = run.qmp()
    keys.press(qmp, 'up')
    keys.press(qmp, 'ret')
    tap.result(wait_serial(run, 'hello1', count=2), 'Up repeats the last line')
    keys.type_text(qmp, 'echo dropped')
    keys.press(qmp, 'ctrl', 'c')
    ok = wait_serial(run, PROMPT + 'echo dropped^C')
    tap.result(ok and 'dropped' not in run.serial_lines(), 'Ctrl-C cancels the line')


def help_lists_all(run, tap):
    keys.type_text(run.qmp(), 'help\n')
    wait_serial(run, f'  {COMMANDS[-1]:<8} stop every CPU')
    missing = [c for c in COMMANDS if not any(l.startswith(f'  {c:<8} ')
                                              for l in run.serial_lines())]
    screen = '\n'.join(rows(run))
    missing += [c + ' (screen)' for c in COMMANDS if f'  {c:<8} ' not in screen]
    tap.result(not missing, 'help lists every command', [f'missing: {missing}'] if missing else [])


def case_keyboard(run, tap):
    command(run, tap, 'echo ' + SENTENCE, SENTENCE, 'sentence with capitals, digits, punctuation')
    caps_lock(run, tap)
    editing_keys(run, tap)
    leds(run, tap)
    history_and_cancel(run, tap)
    help_lists_all(run, tap)
    command(run, tap, 'frob x', "unknown command 'frob'; type help", 'an unknown command is named')
    burst(run, tap)


def burst(run, tap):
    """200 keys sent without waiting for the guest's echo; then nothing may be lost.

    One QMP command per key, keys.PACE apart: QEMU's PS/2 keyboard model queues only 16 bytes
    (a real keyboard buffers little more) and drops what does not fit, so a whole line in one
    command would lose keys in QEMU before the guest could see them."""
    qmp = run.qmp()
    texts = [BURST_TEXT.format(i) for i in range(BURST_LINES)]
    start = time.monotonic()
    for text in texts:
        keys.type_text(qmp, 'echo ' + text + '\n')
    sent = time.monotonic() - start
    ok = all(wait_serial(run, t) for t in texts)
    elapsed = time.monotonic() - start
    nkeys = sum(len('echo ' + t + '\n') for t in texts)
    tap.result(ok, f'{nkeys}-key burst: every line echoed',
               [f'sent in {sent:.2f} s, all echoed after {elapsed:.2f} s '
                f'({nkeys / elapsed:.0f} keys/s)'] + ([] if ok else run.serial_lines()[-8:]))
    shown, diag = on_screen(run, *[l for t in texts for l in (PROMPT + 'echo ' + t, t)])
    tap.result(shown, 'the burst on screen, in order', diag)
    keys.type_text(qmp, 'irq\n')
    lost_line = 'input: 0 events lost (queue full)'
    ok = wait_serial(run, lost_line) and lost_line in rows(run)
    tap.result(ok, 'irq: keyboard interrupts counted, no event lost',
               [] if ok else run.serial_lines()[-4:])


def case_layout_de(run, tap):
    qmp = run.qmp()
    keys.type_text(qmp, 'echo ')
    # physical keys: Y and Z swap places, Shift+2 is ", AltGr+Q is @, AltGr+8 is [
    for chord in (['y'], ['z'], ['shift', '2'], ['alt_r', 'q'], ['alt_r', '8']):
        keys.press(qmp, *chord)
    keys.press(qmp, 'ret')
    ok = wait_serial(run, 'zy"@[')
    tap.result(ok, 'kbd=de: QWERTZ, Shift+2, AltGr+Q, AltGr+8', [] if ok else run.serial_lines()[-3:])


def case_serial(run, tap):
    checks = [(b'help\r', '  halt     stop every CPU', 'help typed on COM1 answers on COM1'),
              # Left and Right as a terminal sends them (ESC [ D, ESC [ C), DEL as Backspace,
              # CR LF as one Enter
              (b'echo abd\x1b[Dc\x1b[C!x\x7f\r\n', 'abcd!', 'ANSI arrows and DEL edit the line'),
              (b'echo no\x03echo \x1b[99;9Xyes\r', 'yes',
               'Ctrl-C cancels; an unknown escape sequence is swallowed')]
    for data, answer, name in checks:
        run.serial_send(data)
        ok = wait_serial(run, answer) and 'no' not in run.serial_lines()
        tap.result(ok, name, [] if ok else run.serial_lines()[-4:])
    tap.result(wait_serial(run, PROMPT), 'the prompt comes back')


REBOOT_METHODS = {'acpi': 'ACPI reset register', 'kbd': '8042 reset line',
                  'triple': 'triple fault'}  # src/monitor/reboot.c


def reboot_check(run, tap, method):
    """After "reboot": QEMU saw the reset (under -no-reboot it exits), and the method that did it
    was the last one the kernel announced; a triple fault only if that was the method."""
    status = run.wait(15)
    lines = run.serial_lines()
    reset = status == qemu.EXIT_TRIPLE_FAULT
    tap.result(reset, 'QEMU saw the reset (-no-reboot: it exits)',
               [] if reset else [f'exit status {status}'] + lines[-4:])
    tried = [l for l in lines if l.startswith('reboot: ') and l.endswith('...')]
    want = f'reboot: {REBOOT_METHODS[method]}...'
    tripled = any('Triple' in e for e in run.last_exceptions(8))
    ok = tried[-1:] == [want] and tripled == (method == 'triple')
    tap.result(ok, f'the {REBOOT_METHODS[method]} reset it',
               [] if ok else lines[-6:] + [f'triple fault in QEMU\'s log: {tripled}'])


def case_reboot(run, tap, method):
    keys.type_text(run.qmp(), 'reboot\n')
    reboot_check(run, tap, method)


def case_halt(run, tap):
    keys.type_text(run.qmp(), 'halt\n')
    ok = wait_serial(run, 'halt: the CPU stops now; power off or reset the machine')
    tap.result(ok, 'halt says so', [] if ok else run.serial_lines()[-3:])
    time.sleep(0.5)
    tap.result(run.proc.poll() is None, 'QEMU still runs (no reset, no exit)')
    regs = run.qmp().command('human-monitor-command', **{'command-line': 'info registers'})
    tap.result('HLT=1' in regs, 'the CPU is in hlt', [l for l in regs.splitlines() if 'HLT' in l])
    before = len(run.serial_lines())
    keys.type_text(run.qmp(), 'help\n')
    time.sleep(0.5)
    tap.result(len(run.serial_lines()) == before, 'keys no longer answered')


def case_no_8042(run, tap, method):
    """A PC without an 8042 (-machine i8042=off): the kernel says so and goes on with COM1; a
    reboot=kbd reboot falls through to the triple fault."""
    lines = run.serial_lines()
    said = any(l.startswith('input: no PS/2 keyboard (') and l.endswith('; serial input only')
               for l in lines)
    tap.result(said, 'no 8042: reported, serial input only', [] if said else lines[-4:])
    run.serial_send(b'echo still here\r')
    ok = wait_serial(run, 'still here')
    tap.result(ok, 'COM1 still types', [] if ok else run.serial_lines()[-3:])
    run.serial_send(b'reboot\r')
    reboot_check(run, tap, method)


def framebuffer_rows(image, font, text, colors):
    """Rows (in character cells) of the screendump whose first len(text) cells show text."""
    fg, bg = colors
    found = []
    for row in range(image.height // font.height):
        ok = True
        for i, char in enumerate(text):
            for y in range(font.height):
                for x in range(font.width):
                    want = fg if font.lit(ord(char), x, y) else bg
                    if image.pixel(i * font.width + x, row * font.height + y) != want:
                        ok = False
                        break
                if not ok:
                    break
            if not ok:
                break
        if ok:
            found.append(row)
    return found


def case_uefi(run, tap, font_path):
    keys.type_text(run.qmp(), 'echo ' + SENTENCE + '\n')
    ok = wait_serial(run, SENTENCE, timeout=20)
    tap.result(ok, 'the sentence echoed on COM1', [] if ok else run.serial_lines()[-3:])
    run.qmp().command('stop')
    font = psf.load(font_path)
    grey = (qemu.VGA_RGB[7], qemu.VGA_RGB[0])  # the monitor writes light grey on black
    found = framebuffer_rows(run.screendump(), font, SENTENCE, grey)
    tap.result(bool(found), 'the sentence drawn on the framebuffer (screendump)',
               [] if found else ['no row of the screendump shows it'])


CASES = {'keyboard': (11, case_keyboard), 'layout-de': (1, case_layout_de),
         'serial': (4, case_serial), 'reboot': (2, case_reboot), 'halt': (4, case_halt),
         'no-8042': (4, case_no_8042), 'uefi': (2, None)}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    qemu.add_arguments(parser)
    boot = parser.add_mutually_exclusive_group(required=True)
    boot.add_argument('--iso')
    boot.add_argument('--kernel')
    parser.add_argument('--append', default='', help='kernel command line (with --kernel)')
    parser.add_argument('--uefi', nargs=2, metavar=('CODE', 'VARS'))
    parser.add_argument('--font')
    parser.add_argument('--case', required=True, choices=CASES)
    parser.add_argument('--machine', default='pc', help='QEMU machine type and properties')
    parser.add_argument('--reboot-by', choices=REBOOT_METHODS, default='kbd',
                        help='reboot, no-8042: the method expected to reset the machine')
    parser.add_argument('--timeout', type=float, default=30.0)
    args = parser.parse_args()

    qemu.require(args, args.uefi)
    plan, case = CASES[args.case]
    tap = Tap(1 + plan)
    boot = qemu.iso_args(args.iso) if args.iso else qemu.kernel_args(args.kernel, args.append)
    # QEMU traces the LED states its PS/2 keyboard is sent into the log the keyboard case reads
    extra = ['-trace', 'ps2_set_ledstate'] if args.case == 'keyboard' else []
    machine = args.machine + (',i8042=off' if args.case == 'no-8042' else '')
    with qemu.Run(args.qemu, boot, args.memory, args.cpu, extra=extra, uefi=args.uefi,
                  machine=machine, serial_socket=args.case in ('serial', 'no-8042')) as run:
        missing = run.wait_for_serial_line(READY, args.timeout)
        tap.result(missing is None, 'the monitor starts', [missing] if missing else [])
        if missing:
            return 0
        time.sleep(0.1)  # the prompt follows the line
        if args.case == 'uefi':
            case_uefi(run, tap, args.font)
        elif args.case in ('reboot', 'no-8042'):
            case(run, tap, args.reboot_by)
        else:
            case(run, tap)
        if tap.failed:
            tap.diagnostics(f'qemu: {l}' for l in run.stderr().splitlines())
    return 0


if __name__ == '__main__':
    sys.exit(main())
