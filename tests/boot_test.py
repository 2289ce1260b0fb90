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
import pathlib
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


def framebuffer_check(image, font, text, attr):
    """Compare the top-left cells of the picture with text drawn in font: lit pixels in the
    attribute's foreground colour, the rest in its background."""
    fg, bg = qemu.VGA_RGB[attr & 0xF], qemu.VGA_RGB[(attr >> 4) & 0x7]
    if image.width < len(text) * font.width or image.height < font.height:
        return False, [f'the screen is only {image.width}x{image.height}']
    wrong, first = 0, None
    for i, char in enumerate(text):
        for y in range(font.height):
            for x in range(font.width):
                want = fg if font.lit(ord(char), x, y) else bg
                got = image.pixel(i * font.width + x, y)
                if got != want:
                    wrong += 1
                    first = first or f'first at ({i * font.width + x}, {y}): {got} instead of {want}'
    total = len(text) * font.width * font.height
    return wrong == 0, [f'{wrong} of {total} pixels differ; {first}'] if wrong else []


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    qemu.add_arguments(parser)
    boot = parser.add_mutually_exclusive_group(required=True)
    boot.add_argument('--iso', help='boot this ISO through the firmware and GRUB')
    boot.add_argument('--kernel', help='boot this kernel ELF directly (PVH)')
    parser.add_argument('--append', default='', help='kernel command line (with --kernel)')
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
    parser.add_argument('--screen-text', required=True, help='text expected from row 0, column 0')
    parser.add_argument('--screen-attr', required=True, type=lambda s: int(s, 0))
    parser.add_argument('--timeout', type=float, default=30.0)
    parser.add_argument('--settle', type=float, default=0.5,
                        help='seconds the guest must stay up after the line (no reset, no exit)')
    args = parser.parse_args()

    qemu.require(args, args.uefi)
    tap = Tap(4 + len(args.screen_contains))
    boot = qemu.iso_args(args.iso) if args.iso else qemu.kernel_args(args.kernel, args.append)
    with qemu.Run(args.qemu, boot, args.memory, args.cpu, uefi=args.uefi) as run:
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
        cells = []
        if alive and args.font:
            run.qmp().command('stop')
            text_ok, text_diag = framebuffer_check(run.screendump(), psf.load(args.font),
                                                   args.screen_text, args.screen_attr)
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
        for text in args.screen_contains:
            found = text in ''.join(rows)  # a long line wraps into the next row
            tap.result(found, f'screen shows {text!r}',
                       [] if found else [f'row {i:2}: {row.rstrip()}' for i, row in enumerate(rows)])
        if tap.failed:
            tap.diagnostics(f'qemu: {l}' for l in run.stderr().splitlines())
    return 0


if __name__ == '__main__':
    sys.exit(main())
