#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""ninja run: boot the cyan ISO in QEMU for a person to watch.
ninja debug: the same, paused at the first instruction until gdb attaches."""

import argparse
import os
import shutil
import subprocess
import sys
import time

import qemu
import tap


def available_displays(qemu_bin):
    out = subprocess.run([qemu_bin, '-display', 'help'], capture_output=True, text=True).stdout
    return {line.strip() for line in out.splitlines()[1:]}


def choose_display(requested, qemu_bin):
    if requested != 'auto':
        return requested
    graphical = os.environ.get('DISPLAY') or os.environ.get('WAYLAND_DISPLAY')
    if graphical and 'gtk' in available_displays(qemu_bin):
        return 'gtk'
    if graphical:
        print('run: no QEMU window support (install qemu-system-gui); using the terminal')
    return 'curses'


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--qemu', required=True)
    parser.add_argument('--iso', required=True)
    parser.add_argument('--display', default='auto', choices=['auto', 'gtk', 'curses', 'none'])
    parser.add_argument('--memory', default='128M')
    parser.add_argument('--cpus', type=int, default=1, help='virtual CPUs (QEMU -smp)')
    parser.add_argument('--uefi', nargs=3, metavar=('CODE', 'VARS', 'VARS_COPY'),
                        help='boot under UEFI: OVMF code, its variable store template, and '
                             'where to keep a writable copy of it')
    parser.add_argument('--gdb-port', type=int,
                        help='start paused, gdb stub on this localhost port (ninja debug)')
    parser.add_argument('extra', nargs='*', help='more QEMU arguments')
    args = parser.parse_args()

    if not tap.found(args.qemu):
        sys.exit('run: ' + tap.missing(args.qemu, qemu.PACKAGE))
    display = choose_display(args.display, args.qemu)
    cmd = [args.qemu, *qemu.machine_args(args.memory), '-smp', str(args.cpus),
           *qemu.iso_args(args.iso)]
    if args.uefi:
        code, template, copy = args.uefi
        for path in (code, template):
            if not os.path.exists(path):
                sys.exit('run: ' + tap.missing(f'UEFI firmware {path}', qemu.OVMF_PACKAGE))
        if not os.path.exists(copy):
            shutil.copyfile(template, copy)  # UEFI variables persist between runs, as on a PC
        cmd += qemu.uefi_args(code, copy)
        print('Firmware: UEFI (OVMF); the boot takes a few seconds longer than BIOS.')
        if display == 'curses':
            # UEFI leaves a graphical framebuffer, which a terminal cannot draw
            print('run: a terminal shows text modes only, not the UEFI framebuffer; showing the '
                  'serial console instead')
            display = 'none'

    if args.gdb_port:
        # -S: no instruction runs before gdb says "continue". The stub listens on the loopback
        # interface only: whoever connects controls the whole guest.
        cmd += ['-S', '-gdb', f'tcp:127.0.0.1:{args.gdb_port}']
        print(f'QEMU is paused, its gdb stub waits on localhost:{args.gdb_port}: run  ninja gdb  '
              'in this build directory from another terminal.')
    if display == 'curses':
        # The terminal shows the VGA screen, so serial output goes to a file next to the ISO.
        log = os.path.join(os.path.dirname(os.path.abspath(args.iso)), 'serial.log')
        cmd += ['-display', 'curses', '-serial', f'file:{log}']
        print('Booting cyan in this terminal (QEMU curses display).')
        print('To quit: press Esc, then 2 (QEMU monitor), type "quit" and Enter.')
        print(f'Serial output is written to {log}')
        if sys.stdin.isatty():
            time.sleep(2)  # the screen is about to be taken over: leave time to read the above
    else:
        cmd += ['-display', display, '-serial', 'stdio']
        if display == 'gtk':
            print('Booting cyan in a QEMU window; serial output appears below.')
            print('To quit: close the window, or press Ctrl+C here.')
        else:
            print('Booting cyan without a screen; serial output appears below.')
            print('To quit: press Ctrl+C.')
    cmd += args.extra
    sys.stdout.flush()
    try:
        return subprocess.run(cmd).returncode
    except KeyboardInterrupt:
        return 0


if __name__ == '__main__':
    sys.exit(main())
