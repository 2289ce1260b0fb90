#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boot cyan's ISO in Bochs, on a CPU model QEMU's TCG cannot emulate: x2APIC, TSC-deadline
mode and an invariant TSC. Checks, from COM1, that the kernel took those paths and that the tick
runs on them.

Bochs counts time in emulated instructions: with ips (instructions per emulated second) at 2e8
its TSC runs at 200 MHz, slow but believable, and the HPET and APIC timer keep emulated time
with it, so calibration works as on hardware. Bochs runs
headless with its VNC display (rfb: the first free port from 5900, no client awaited) and its
debugger told to continue; the
test stops it once it has seen enough. Skipped, naming the package, without Bochs.

usage: bochs_test.py --bochs BOCHS --iso ISO [--model M] [--ips N] --expect LINE... [--timeout S]
"""

import argparse
import pathlib
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'tools'))
import qemu  # noqa: E402  (its serial-log reading: escape sequences stripped)
import tap  # noqa: E402

BIOS = '/usr/share/bochs/BIOS-bochs-latest'   # Debian bochsbios
VGA_BIOS = '/usr/share/vgabios/vgabios.bin'  # Debian vgabios

CONFIG = '''megs: 128
cpu: model={model}, count={cpus}, ips={ips}
romimage: file={bios}
vgaromimage: file={vga_bios}
ata0-master: type=cdrom, path={iso}, status=inserted
boot: cdrom
com1: enabled=1, mode=file, dev={serial}
display_library: rfb, options="timeout=0"
sound: waveoutdrv=dummy, waveindrv=dummy, midioutdrv=dummy
speaker: enabled=0
log: {log}
'''


def bochs_said(work):
    """The end of Bochs's own output, for a failure's diagnostics."""
    text = (work / 'bochs.out').read_bytes().decode(errors='replace')
    return [f'bochs: {l}' for l in qemu.ANSI_ESCAPE.sub('', text).splitlines()[-8:]]


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--bochs', required=True)
    parser.add_argument('--iso', required=True)
    parser.add_argument('--model', default='corei7_skylake_x')
    parser.add_argument('--ips', type=int, default=200000000)
    parser.add_argument('--cpus', type=int, default=1, help="Bochs's cpu count (one core each)")
    parser.add_argument('--expect', action='append', required=True,
                        help='a line prefix on COM1, in the order the kernel prints them')
    parser.add_argument('--timeout', type=float, default=150)
    args = parser.parse_args()
    tap.require(args.bochs, 'bochs')
    for path, package in ((BIOS, 'bochsbios'), (VGA_BIOS, 'vgabios')):
        if not pathlib.Path(path).is_file():
            tap.skip_all(tap.missing(path, package))

    results = tap.Tap(len(args.expect))
    with tempfile.TemporaryDirectory(prefix='cyan-bochs-') as tmp:
        work = pathlib.Path(tmp)
        serial = work / 'serial.log'
        (work / 'bochsrc').write_text(CONFIG.format(
            model=args.model, cpus=args.cpus, ips=args.ips, bios=BIOS, vga_bios=VGA_BIOS, iso=pathlib.Path(args.iso).resolve(),
            serial=serial, log=work / 'bochs.log'))
        (work / 'debugger.rc').write_text('c\n')  # Debian's Bochs starts in its debugger
        start = time.monotonic()
        output = open(work / 'bochs.out', 'wb')
        proc = subprocess.Popen([args.bochs, '-q', '-f', str(work / 'bochsrc'),
                                 '-rc', str(work / 'debugger.rc')], cwd=work,
                                stdin=subprocess.DEVNULL, stdout=output, stderr=output)
        try:
            lines = []
            while time.monotonic() - start < args.timeout and proc.poll() is None:
                lines = qemu._lines(serial)
                # the expectations follow boot order: once the last is there, so is what came before
                if any(l.startswith(args.expect[-1]) for l in lines):
                    break
                time.sleep(0.2)
        finally:
            proc.kill()
            proc.wait()
            output.close()
        elapsed = time.monotonic() - start
        for expected in args.expect:
            found = any(l.startswith(expected) for l in lines)
            results.result(found, f'Bochs ({args.model}): {expected!r}',
                           [] if found else [f'after {elapsed:.0f} s'] +
                           [f'serial: {l}' for l in lines[-15:]] + bochs_said(work))
        tap.Tap.diagnostics([f'Bochs ran {elapsed:.1f} s'] + [
            l for l in lines if l.startswith(('acpi:', 'irq:', 'timer:', 'clock:', 'smp:'))])
    return 0


if __name__ == '__main__':
    sys.exit(main())
