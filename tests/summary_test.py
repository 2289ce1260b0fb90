#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The product kernel's boot summary tells the truth: each line it prints after the greeting is
compared with what QEMU was told and what can be read from outside the guest.

  boot: PROTOCOL, loader NAME    the protocol of the boot path used (-kernel: PVH; an ISO:
                                 Multiboot2 from GRUB)
  boot: command line (N bytes) "..."
                                 the command line QEMU was given (-append), or the ISO's
  boot: N MiB usable memory in R regions
                                 the memory map the firmware built, as SeaBIOS prints it on its
                                 debug port (0x402): R entries, N = type-1 bytes / 2^20 (PVH's
                                 map comes from SeaBIOS too, through QEMU's PVH option ROM, and
                                 GRUB passes it on as is); under UEFI this is not visible from
                                 outside and the line is skipped
  screen: the loader reported ...
  screen: using it / VGA text mode assumed ...
                                 QMP screendump's size: 720x400 is VGA text mode (80x25 cells of
                                 9x16 pixels), anything else is a framebuffer of that size
  acpi: RSDP revision N from "OEM"
                                 the RSDP found in the BIOS area (0xE0000-0xFFFFF) of guest memory;
                                 skipped under UEFI, whose RSDP lives elsewhere
  cpu: NX on, WP on, SMEP .., SMAP .., UMIP ..
                                 each flag as the CPU registers hold it (HMP "info registers":
                                 EFER.NXE, CR0.WP, CR4.SMEP/SMAP/UMIP), and "on" exactly when
                                 QEMU's CPU model has the feature (QMP qom-get on the CPU)

Prints TAP, one result per check.
"""

import argparse
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'tools'))
import qemu  # noqa: E402
from tap import Tap  # noqa: E402

MIB = 1 << 20
E820_HEADER = re.compile(r'^e820 map has (\d+) items:')
E820_ENTRY = re.compile(r'^\s*\d+: ([0-9a-f]{16}) - ([0-9a-f]{16}) = (\d+) ')
E820_RAM = 1  # ACPI spec, "Address Range Types": 1 = usable memory

BIOS_AREA, BIOS_AREA_SIZE = 0xE0000, 0x20000  # where a BIOS puts the RSDP (ACPI 6.4, 5.2.5.1)
RSDP_SIGNATURE = b'RSD PTR '
RSDP_V1_LENGTH = 20  # bytes the ACPI 1.0 checksum covers
RSDP_OEM_ID, RSDP_REVISION = slice(9, 15), 15

# Architectural bits (Intel SDM vol. 3A 2.5 and 2.2.1): (summary name, register, bit)
CPU_FLAGS = [('NX', 'EFER', 11), ('WP', 'CR0', 16), ('SMEP', 'CR4', 20), ('SMAP', 'CR4', 21),
             ('UMIP', 'CR4', 11)]
# QEMU's name of the CPUID feature behind each flag; WP is not a feature, every CPU has it
QEMU_FEATURE = {'NX': 'nx', 'SMEP': 'smep', 'SMAP': 'smap', 'UMIP': 'umip'}

VGA_TEXT_SCREEN = (720, 400)  # QEMU draws 80x25 text cells of 9x16 pixels


def seabios_e820(log_path):
    """[(start, end, type)] of the last e820 map SeaBIOS printed, or None."""
    try:
        lines = log_path.read_text(errors='replace').splitlines()
    except FileNotFoundError:
        return None
    entries = None
    for line in lines:
        if E820_HEADER.match(line):
            entries = []
        elif entries is not None:
            m = E820_ENTRY.match(line)
            if not m:
                break
            entries.append((int(m.group(1), 16), int(m.group(2), 16), int(m.group(3))))
    return entries


def find_rsdp(area):
    """(revision, OEM ID) of the first RSDP with a valid checksum in area, or None."""
    for offset in range(0, len(area) - RSDP_V1_LENGTH, 16):  # 16-byte aligned (ACPI 5.2.5.1)
        table = area[offset:offset + RSDP_V1_LENGTH]
        if table.startswith(RSDP_SIGNATURE) and sum(table) % 256 == 0:
            return table[RSDP_REVISION], table[RSDP_OEM_ID].decode('latin-1')
    return None


def registers(run):
    """{name: value} of the general and control registers, from HMP "info registers"."""
    text = run.qmp().command('human-monitor-command', **{'command-line': 'info registers'})
    return {name.strip(): int(value, 16)
            for name, value in re.findall(r'\b([A-Z][A-Z0-9 ]{1,4})=\s*([0-9a-f]+)\b', text)}


def cpu_features(run):
    """{QEMU feature name: bool} of the first CPU, from QMP."""
    path = run.qmp().command('query-cpus-fast')[0]['qom-path']
    return {f: run.qmp().command('qom-get', path=path, property=f) for f in QEMU_FEATURE.values()}


def line_starting(lines, prefix):
    return next((l for l in lines if l.startswith(prefix)), None)


def check_loader(tap, lines, args):
    want = 'boot: PVH, loader unnamed' if args.kernel else 'boot: Multiboot2, loader "GRUB '
    line = line_starting(lines, 'boot: ') or ''
    tap.check(line.startswith(want), f'loader line starts {want!r}', [f'kernel: {line!r}'])
    cmdline = args.append if args.kernel else args.iso_cmdline
    want = f'boot: command line ({len(cmdline.encode())} bytes) "{cmdline}"'
    line = line_starting(lines, 'boot: command line')
    tap.check(line == want, f'command line line is {want!r}', [f'kernel: {line!r}'])


def check_memory(tap, lines, run, args):
    name = 'memory line matches the firmware\'s e820 map (MiB = 2^20 bytes)'
    if args.uefi:
        tap.skip(name, 'the UEFI memory map is not visible from outside')
        return
    e820 = seabios_e820(run.firmware_log_path)
    if not e820:
        tap.check(False, name, ['SeaBIOS printed no e820 map on its debug port'])
        return
    usable = sum(end - start for start, end, kind in e820 if kind == E820_RAM)
    want = f'boot: {usable // MIB} MiB usable memory in {len(e820)} regions'
    line = next((l for l in lines if re.match(r'boot: \d+ MiB usable', l)), None)
    tap.check(line == want, name, [f'expected: {want!r} (QEMU -m {args.memory})',
                                    f'kernel:   {line!r}'])


def check_screen(tap, lines, run):
    """The two screen lines (what the loader reported, what the kernel uses) against the size
    of what QEMU displays."""
    image = run.screendump()
    size = (image.width, image.height)
    if size == VGA_TEXT_SCREEN:
        reported = ['screen: the loader reported VGA text mode 80x25',
                    'screen: the loader reported none']
        chosen = ['screen: using it, 80x25 characters', 'screen: VGA text mode assumed, 80x25']
    else:
        reported = [f'screen: the loader reported a framebuffer {image.width}x{image.height}, ']
        chosen = ['screen: using it, ']
    shown = [l for l in lines if l.startswith('screen: ')][:2] + ['', '']
    ok = (any(shown[0] == w or (w.endswith(', ') and shown[0].startswith(w)) for w in reported)
          and any(shown[1] == w or (w.endswith(', ') and shown[1].startswith(w)) for w in chosen))
    tap.check(ok, 'screen lines match what QEMU displays',
              [f'QEMU shows {image.width}x{image.height}: expected one of {reported} then '
               f'one of {chosen}', f'kernel: {shown[:2]!r}'])


def check_acpi(tap, lines, run, args):
    name = 'acpi line matches the RSDP in guest memory'
    if args.uefi:
        tap.skip(name, 'under UEFI the RSDP is not in the BIOS area')
        return
    path = run.dir / 'bios-area.bin'
    run.qmp().command('pmemsave', val=BIOS_AREA, size=BIOS_AREA_SIZE, filename=str(path))
    rsdp = find_rsdp(path.read_bytes())
    want = rsdp and f'acpi: RSDP revision {rsdp[0]} from "{rsdp[1]}"'
    line = line_starting(lines, 'acpi: ')
    tap.check(rsdp is not None and line == want, name,
               [f'expected: {want!r}' if rsdp else 'no RSDP in the BIOS area', f'kernel: {line!r}'])


def check_cpu(tap, lines, run):
    regs, features = registers(run), cpu_features(run)
    line = line_starting(lines, 'cpu: ') or ''
    said = dict(re.findall(r'(\w+) (on|off)', line))
    for flag, register, bit in CPU_FLAGS:
        held = bool(regs.get(register, 0) >> bit & 1)
        tap.check(said.get(flag) == ('on' if held else 'off'),
                   f'cpu line: {flag} as {register} bit {bit} holds it',
                   [f'{register}={regs.get(register, 0):#x}', f'kernel: {line!r}'])
        available = features[QEMU_FEATURE[flag]] if flag in QEMU_FEATURE else True
        tap.check(held == available,
                   f'{flag} is {"on" if available else "off"}: the CPU model '
                   f'{"has" if available else "lacks"} it',
                   [f'QEMU feature {QEMU_FEATURE.get(flag, flag)}: {available}',
                    f'{register}={regs.get(register, 0):#x}'])


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    qemu.add_arguments(parser)
    boot = parser.add_mutually_exclusive_group(required=True)
    boot.add_argument('--iso', help='boot this ISO through the firmware and GRUB')
    boot.add_argument('--kernel', help='boot this kernel ELF directly (PVH)')
    parser.add_argument('--append', default='', help='kernel command line (with --kernel)')
    parser.add_argument('--iso-cmdline', default='', help='the command line in the ISO\'s grub.cfg')
    parser.add_argument('--uefi', nargs=2, metavar=('CODE', 'VARS'), help='boot under OVMF')
    parser.add_argument('--timeout', type=float, default=60.0)
    args = parser.parse_args()
    qemu.require(args, args.uefi)

    boot = qemu.iso_args(args.iso) if args.iso else qemu.kernel_args(args.kernel, args.append)
    tap = Tap(6 + 2 * len(CPU_FLAGS))
    with qemu.Run(args.qemu, boot, args.memory, args.cpu, uefi=args.uefi,
                  firmware_log=True) as run:
        missing = run.wait_for_serial_line('cpu: ', args.timeout, prefix=True)
        lines = run.serial_lines()
        lines = lines[lines.index('Hello World!'):] if 'Hello World!' in lines else []
        tap.check(missing is None and bool(lines), 'the kernel printed its summary',
                   [missing or ''] + [f'serial: {l}' for l in run.serial_lines()[-10:]])
        if missing:
            return 0
        run.qmp().command('stop')
        check_loader(tap, lines, args)
        check_memory(tap, lines, run, args)
        check_screen(tap, lines, run)
        check_acpi(tap, lines, run, args)
        check_cpu(tap, lines, run)
    return 0


if __name__ == '__main__':
    sys.exit(main())
