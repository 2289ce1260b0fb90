#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Capture the ACPI tables QEMU's firmware builds, for the ACPI parser's host tests.

Boots cyan (directly, or an ISO under UEFI firmware) until the greeting, stops the guest, reads
its low memory through QMP pmemsave, finds the RSDP (16-byte aligned "RSD PTR " with a good
checksum) and follows it to the RSDT, the XSDT and every table they list. The tables are written
as they lie in the guest's physical memory, in the record format tests/acpi/physmem.h reads:

    u64 physical address, u32 length, u32 zero, then length bytes (little-endian);
    the first record is the RSDP.

usage: acpi_capture.py --qemu Q (--kernel ELF | --iso ISO --uefi CODE VARS) --machine pc OUT
"""

import argparse
import pathlib
import struct
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import qemu  # noqa: E402

RSDP_SIGNATURE = b'RSD PTR '
RSDP_V1_LENGTH, RSDP_V2_LENGTH = 20, 36  # ACPI 6.5, 5.2.5.3
SDT_HEADER_LENGTH = 36  # ACPI 6.5, 5.2.6
TABLE_MAX = 1 << 20  # longer than any table QEMU builds: a bigger length is a broken walk


def find_rsdp(memory):
    """The RSDP; a revision 2 one if there is one (GRUB's boot information holds copies of
    both, and an ACPI 1.0 copy of a 2.0 RSDP lacks the XSDT)."""
    found = []
    for offset in range(0, len(memory) - RSDP_V2_LENGTH, 16):
        if memory[offset:offset + 8] == RSDP_SIGNATURE and \
                sum(memory[offset:offset + RSDP_V1_LENGTH]) % 256 == 0:
            v2 = memory[offset + 15] >= 2 and sum(memory[offset:offset + RSDP_V2_LENGTH]) % 256 == 0
            found.append((not v2, offset))
    if not found:
        raise SystemExit('no RSDP in guest memory')
    return min(found)[1]


def table_at(memory, phys):
    if phys + SDT_HEADER_LENGTH > len(memory):
        raise SystemExit(f'table at {phys:#x} lies outside the captured memory')
    length = struct.unpack_from('<I', memory, phys + 4)[0]
    if not SDT_HEADER_LENGTH <= length <= TABLE_MAX:
        raise SystemExit(f'table at {phys:#x} has length {length}')
    return memory[phys:phys + length]


def walk(memory):
    """(phys, bytes) of the RSDP, then the RSDT, the XSDT and their tables."""
    rsdp = find_rsdp(memory)
    revision = memory[rsdp + 15]
    records = [(rsdp, memory[rsdp:rsdp + (RSDP_V2_LENGTH if revision >= 2 else RSDP_V1_LENGTH)])]
    roots = [(struct.unpack_from('<I', memory, rsdp + 16)[0], 4)]
    if revision >= 2:
        roots.append((struct.unpack_from('<Q', memory, rsdp + 24)[0], 8))
    seen = set()
    for root, entry_size in roots:
        if root == 0:
            continue
        table = table_at(memory, root)
        records.append((root, table))
        for offset in range(SDT_HEADER_LENGTH, len(table) - entry_size + 1, entry_size):
            phys = int.from_bytes(table[offset:offset + entry_size], 'little')
            if phys not in seen:
                seen.add(phys)
                records.append((phys, table_at(memory, phys)))
    return records


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--qemu', required=True)
    boot = parser.add_mutually_exclusive_group(required=True)
    boot.add_argument('--kernel')
    boot.add_argument('--iso')
    parser.add_argument('--uefi', nargs=2, metavar=('CODE', 'VARS'))
    parser.add_argument('--machine', default='pc')
    parser.add_argument('--memory', default='128M')
    parser.add_argument('--extra', action='append', default=[], help='another QEMU argument')
    parser.add_argument('out')
    args = parser.parse_args()

    boot = qemu.iso_args(args.iso) if args.iso else qemu.kernel_args(args.kernel)
    extra = ['-machine', args.machine, *args.extra]
    with qemu.Run(args.qemu, boot, args.memory, extra=extra, uefi=args.uefi) as run:
        missing = run.wait_for_serial_line('Hello World!', 60)
        if missing:
            raise SystemExit(f'the kernel did not boot: {missing}')
        run.qmp().command('stop')
        dump = run.dir / 'memory.bin'
        size = int(args.memory.rstrip('M')) << 20
        run.qmp().command('pmemsave', val=0, size=size, filename=str(dump))
        memory = dump.read_bytes()
    with open(args.out, 'wb') as out:
        for phys, data in walk(memory):
            out.write(struct.pack('<QII', phys, len(data), 0))
            out.write(data)
            print(f'{phys:#010x} {data[:4].decode("latin-1")!r} {len(data)} bytes')
    return 0


if __name__ == '__main__':
    sys.exit(main())
