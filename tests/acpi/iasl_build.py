#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Compile an ACPI table for the host tests with ACPICA's iasl (Debian acpica-tools).

Either an .asl data table source, or iasl's own template for a signature (iasl -T SIG), with
fields set first: --set 'Field Name=VALUE' replaces the value of the first line whose field (or
decoded flag: iasl computes a flags field from its decoded bits) is named that; templates leave
addresses at 0. iasl fills in the length and the checksum.

usage: iasl_build.py --iasl IASL (--template SIG | --source FILE.asl) [--set F=V]... OUT.aml
"""

import argparse
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

# '[0004]   Field Name : VALUE [comment]', or a flag decoded below a field: '   Flag Name : 1'
FIELD = re.compile(r'^(\[\d+\]\s+|\s+)(.*?)(\s+:\s+)(\S+)(.*)$')


def set_fields(text, assignments):
    lines = text.splitlines()
    for assignment in assignments:
        name, value = assignment.split('=', 1)
        for i, line in enumerate(lines):
            m = FIELD.match(line)
            if m and m.group(2) == name:
                lines[i] = m.group(1) + m.group(2) + m.group(3) + value + m.group(5)
                break
        else:
            raise SystemExit(f'no field named {name!r} in the table source')
    return '\n'.join(lines) + '\n'


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--iasl', required=True)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument('--template')
    source.add_argument('--source')
    parser.add_argument('--set', action='append', default=[])
    parser.add_argument('out')
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix='cyan-iasl-') as tmp:
        work = pathlib.Path(tmp)
        if args.template:
            subprocess.run([args.iasl, '-T', args.template], cwd=work, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            asl = work / (args.template.lower() + '.asl')
        else:
            asl = work / 'table.asl'
            shutil.copyfile(args.source, asl)
        asl.write_text(set_fields(asl.read_text(), args.set))
        result = subprocess.run([args.iasl, '-p', str(work / 'table'), str(asl)], cwd=work,
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f'iasl failed:\n{result.stdout}{result.stderr}')
        shutil.copyfile(work / 'table.aml', args.out)
    return 0


if __name__ == '__main__':
    sys.exit(main())
