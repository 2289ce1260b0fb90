#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boot a kernel in QEMU and check, from outside the guest, what it printed and what is on screen.

Prints TAP. Fails when the expected serial line never comes, when QEMU exits (under -no-reboot a
triple fault makes QEMU exit with status 0), or when the screen does not show the expected text
in the expected colour. The screen is the VGA text buffer, read with QMP pmemsave; or, with
--font (a framebuffer console), QMP screendump's picture, compared pixel by pixel with the text
drawn in that font.
"""

import argparse
import codecs
import os
import pathlib
import shlex
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'tools'))
import psf  # noqa: E402
import qemu  # noqa: E402
from tap import Tap  # noqa: E402

def screen_check(cells, text, attr):
    """Compare the first len(text) cells (row by row) with text in colour attr."""
    shown = cells[: len(text)]
    seen_attrs = sorted({a for _, a in shown})
    row0 = ''.join(c if c.isprintable() else '.' for c, _ in cells[: qemu.VGA_COLS]).rstrip()
    return (''.join(c for c, _ in shown) == text, [f'row 0 reads: {row0!r}'],
            seen_attrs == [attr], ['attributes seen: ' + ', '.join(f'0x{a:02x}' for a in seen_attrs)])


def quantise(rgb, bits):
    """An 8-bit colour at the precision of a framebuffer with bits (red, green, blue) per field:
    each channel rounded to its field, as the kernel scales it."""
    return tuple((v * ((1 << b) - 1) + 127) // 255 for v, b in zip(rgb, bits))


def shown_at(rgb, bits):
    """A screendump pixel at the framebuffer's precision: QEMU widens a narrow field to 8 bits
    (by shifting or by repeating its top bits), so its top bits are the field's value."""
    return tuple(v >> (8 - b) for v, b in zip(rgb, bits))


def transcript_check(cells, serial, first):
    """The whole screen holds what COM1 shows from the line first on, wrapped at the screen's
    width, and every cell below it is blank: nothing from the firmware or GRUB is left."""
    if first not in serial:
        return False, [f'COM1 never showed {first!r}']
    lines = serial[serial.index(first):]
    while lines and not lines[-1]:
        lines.pop()
    want = [line[i:i + qemu.VGA_COLS] for line in lines
            for i in range(0, max(len(line), 1), qemu.VGA_COLS)]
    cols = qemu.VGA_COLS
    rows = [''.join(' ' if c == '\0' else c for c, _ in cells[r * cols:(r + 1) * cols])
            for r in range(qemu.VGA_ROWS)]
    want = want[-qemu.VGA_ROWS:] + [''] * (qemu.VGA_ROWS - len(want))
    wrong = [f'row {i:2}: {row.rstrip()!r}, COM1 says {line!r}'
             for i, (row, line) in enumerate(zip(rows, want)) if row.rstrip() != line.rstrip()]
    return not wrong, wrong


def framebuffer_check(image, font, text, attr, bits=(8, 8, 8)):
    """Compare the top-left cells of the picture with text drawn in font: lit pixels in the
    attribute's foreground colour, the rest in its background, at the framebuffer's precision."""
    fg, bg = (quantise(qemu.VGA_RGB[attr & 0xF], bits),
              quantise(qemu.VGA_RGB[(attr >> 4) & 0x7], bits))
    if image.width < len(text) * font.width or image.height < font.height:
        return False, [f'the screen is only {image.width}x{image.height}']
    wrong, first = 0, None
    for i, char in enumerate(text):
        for y in range(font.height):
            for x in range(font.width):
                want = fg if font.lit(ord(char), x, y) else bg
                got = shown_at(image.pixel(i * font.width + x, y), bits)
                if got != want:
                    wrong += 1
                    first = first or f'first at ({i * font.width + x}, {y}): {got} instead of {want}'
    total = len(text) * font.width * font.height
    return wrong == 0, [f'{wrong} of {total} pixels differ; {first}'] if wrong else []


def serial_is_inert(raw, after):
    """None if COM1's bytes from the line after on are printable ASCII, CR and LF only (nothing
    that can drive a terminal), else which byte is not."""
    start = raw.find(after.encode())
    if start < 0:
        return f'{after!r} not on COM1'
    for offset, byte in enumerate(raw[start:]):
        if not (0x20 <= byte < 0x7F or byte in b'\r\n'):
            context = raw[max(start + offset - 20, 0):start + offset + 20]
            return f'byte 0x{byte:02x} at offset {start + offset}: {context!r}'
    return None


def extra_qemu_args(args):
    """QEMU arguments beyond the boot: --qemu-args, and the video mode for the GRUB menu of
    tests/grub-gfxmode.cfg, which reads it from the SMBIOS system SKU."""
    extra = shlex.split(args.qemu_args)
    if args.gfxmode:
        extra += ['-smbios', f'type=1,sku={args.gfxmode}']
    return extra


def kernel_cmdline(args):
    """--append; or --append-escaped with Python escapes (\\x1b...) turned into the bytes they
    name, so a test can hand the kernel control bytes and UTF-8; or --append-length bytes."""
    if args.append_length is not None:
        return ('pad=' + 'x' * args.append_length)[:args.append_length]
    if args.append_escaped is not None:
        return os.fsdecode(codecs.escape_decode(args.append_escaped.encode())[0])
    return args.append


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    qemu.add_arguments(parser)
    boot = parser.add_mutually_exclusive_group(required=True)
    boot.add_argument('--iso', help='boot this ISO through the firmware and GRUB')
    boot.add_argument('--kernel', help='boot this kernel ELF directly (PVH)')
    parser.add_argument('--append', default='', help='kernel command line (with --kernel)')
    parser.add_argument('--append-escaped', help='kernel command line with Python escapes')
    parser.add_argument('--append-length', type=int,
                        help='kernel command line of this many bytes ("pad=xxx...")')
    parser.add_argument('--qemu-args', default='', help='more QEMU arguments, as a shell would split')
    parser.add_argument('--gfxmode', help='video mode for the GRUB menu (WxHxD, sets SMBIOS SKU)')
    parser.add_argument('--fb-bits', default='8,8,8',
                        type=lambda s: tuple(int(b) for b in s.split(',')),
                        help='bits of red, green and blue of the framebuffer (with --font)')
    parser.add_argument('--serial-contains', action='append', default=[],
                        help='a line on COM1 must start with this (repeatable)')
    parser.add_argument('--serial-inert-after', metavar='LINE',
                        help='COM1 carries only printable ASCII from this line on')
    parser.add_argument('--uefi', nargs=2, metavar=('CODE', 'VARS'),
                        help='boot under UEFI firmware (OVMF); skipped if the files are missing')
    parser.add_argument('--font', help='the console font: check a framebuffer picture')
    parser.add_argument('--serial-line', required=True, help='exact line expected on COM1')
    parser.add_argument('--serial-prefix', action='store_true',
                        help='--serial-line only has to start a line')
    parser.add_argument('--nmi-after', metavar='LINE',
                        help='inject an NMI (QMP inject-nmi) once COM1 shows this line')
    parser.add_argument('--screen-contains', action='append', default=[],
                        help='text that must appear somewhere on screen (repeatable)')
    parser.add_argument('--screen-text', help='text expected from row 0, column 0')
    parser.add_argument('--screen-is-transcript', action='store_true',
                        help='the whole VGA screen must hold COM1\'s lines from --serial-line on, '
                             'and nothing else')
    parser.add_argument('--screen-attr', type=lambda s: int(s, 0))
    parser.add_argument('--timeout', type=float, default=30.0)
    parser.add_argument('--settle', type=float, default=0.5,
                        help='seconds the guest must stay up after the line (no reset, no exit)')
    args = parser.parse_args()

    qemu.require(args, args.uefi)
    screen_tests = (2 + len(args.screen_contains) + args.screen_is_transcript
                    if args.screen_text is not None else 0)
    tap = Tap(2 + len(args.serial_contains) + bool(args.serial_inert_after) + screen_tests)
    boot = (qemu.iso_args(args.iso) if args.iso
            else qemu.kernel_args(args.kernel, kernel_cmdline(args)))
    with qemu.Run(args.qemu, boot, args.memory, args.cpu, extra=extra_qemu_args(args),
                  uefi=args.uefi) as run:
        if args.nmi_after and not run.wait_for_serial_line(args.nmi_after, args.timeout):
            run.qmp().command('inject-nmi')
        missing = run.wait_for_serial_line(args.serial_line, args.timeout, args.serial_prefix)
        tap.result(missing is None, f'serial: line {args.serial_line!r}',
                   [missing] + [f'serial: {l}' for l in run.serial_lines()[-10:]] if missing else [])
        if missing is None:
            time.sleep(args.settle)
        alive = run.proc.poll() is None
        tap.result(alive, f'guest still running {args.settle:g} s later (no reset, no exit)',
                   [] if alive else [qemu.describe_exit(run.proc.returncode)]
                   + run.last_exceptions())
        serial_checks(tap, run, args)
        if screen_tests:
            screen_checks(tap, run, args, alive)
        if tap.failed:
            tap.diagnostics(f'qemu: {l}' for l in run.stderr().splitlines())
    return 0


def serial_checks(tap, run, args):
    """--serial-contains and --serial-inert-after, on what COM1 carried up to now."""
    lines = run.serial_lines()
    for text in args.serial_contains:
        found = any(l.startswith(text) for l in lines)
        tap.result(found, f'serial: a line starts with {text!r}',
                   [] if found else [f'serial: {l}' for l in lines[-12:]])
    if args.serial_inert_after:
        raw = run.serial_path.read_bytes()
        why = serial_is_inert(raw, args.serial_inert_after)
        tap.result(why is None, f'serial: only printable ASCII from {args.serial_inert_after!r} on',
                   [why] if why else [])


def screen_checks(tap, run, args, alive):
    """--screen-text in --screen-attr at the top left, and --screen-contains anywhere."""
    cells = []
    if alive and args.font:
        run.qmp().command('stop')
        text_ok, text_diag = framebuffer_check(run.screendump(), psf.load(args.font),
                                               args.screen_text, args.screen_attr, args.fb_bits)
        attr_ok, attr_diag = text_ok, text_diag  # one comparison covers shape and colour
    elif alive:
        run.qmp().command('stop')
        cells = run.vga_text()
        text_ok, text_diag, attr_ok, attr_diag = screen_check(
            cells, args.screen_text, args.screen_attr)
    else:
        text_ok = attr_ok = False
        text_diag = attr_diag = ['QEMU is gone: screen not readable']
    tap.result(text_ok, f'screen: {args.screen_text!r} at row 0, column 0',
               [] if text_ok else text_diag)
    tap.result(attr_ok, f'screen: attribute 0x{args.screen_attr:02x} on those cells',
               [] if attr_ok else attr_diag)
    rows = [''.join(c for c, _ in cells[r * qemu.VGA_COLS:(r + 1) * qemu.VGA_COLS])
            for r in range(qemu.VGA_ROWS)] if cells else []
    if args.screen_is_transcript:
        ok, diagnostics = transcript_check(cells, run.serial_lines(), args.serial_line) \
            if cells else (False, ['no VGA text screen to read'])
        tap.result(ok, 'screen: COM1\'s lines from the greeting on, the rest blank', diagnostics)
    for text in args.screen_contains:
        found = text in ''.join(rows)  # a long line wraps into the next row
        tap.result(found, f'screen shows {text!r}',
                   [] if found else [f'row {i:2}: {row.rstrip()}' for i, row in enumerate(rows)])


if __name__ == '__main__':
    sys.exit(main())
