#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check every archive member a link pulled in (libgcc's above all) against the kernel's
code-generation policy.

Debian's libgcc.a is built for user space: many members use the red zone or SSE. The kernel may
link only members that do neither. The linker's map (-Wl,-Map) lists the members it took; each
is extracted with ar and disassembled with the same rules as the kernel (check_disasm.py). A
member that breaks them fails the check, by name.
"""

import argparse
import pathlib
import re
import subprocess
import sys
import tempfile

import check_disasm

# "archive.a(member.o)", as GNU ld writes it at the start of a line ("Archive member included")
# and lld inside its table ("...libgcc.a(_umoddi3.o):(.text)")
MEMBER = re.compile(r'(?:^|\s)(/\S+\.a)\(([^)]+\.o(?:bj)?)\)')


def linked_members(map_path):
    """(archive, member) pairs the link took from prebuilt archives (absolute paths: the
    build's own libraries are named relative to the build directory, and are kernel code,
    checked with the kernel itself)."""
    members = []
    for line in pathlib.Path(map_path).read_text().splitlines():
        for m in MEMBER.finditer(line):
            if m.groups() not in members:
                members.append(m.groups())
    return members


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--objdump', required=True)
    parser.add_argument('--ar', required=True)
    parser.add_argument('--expect-violation', metavar='MEMBER',
                        help='pass only if this member is linked and caught (a negative control)')
    parser.add_argument('map')
    args = parser.parse_args()

    members = linked_members(args.map)
    caught = set()
    with tempfile.TemporaryDirectory() as tmp:
        for archive, member in members:
            obj = pathlib.Path(tmp) / member
            obj.write_bytes(subprocess.run([args.ar, 'p', archive, member], check=True,
                                           capture_output=True).stdout)
            problems = list(check_disasm.violations(
                check_disasm.disassemble(args.objdump, str(obj))))
            name = f'{pathlib.Path(archive).name}({member})'
            print(f'{name}: {len(problems)} violation(s)')
            for problem in problems[:5]:
                print(f'  {problem}')
            if problems:
                caught.add(member)
    print(f'{len(members)} member(s) of prebuilt archives linked (libgcc, compiler runtime)')
    if args.expect_violation:
        ok = args.expect_violation in caught
        print(('OK: caught ' if ok else 'FAIL: did not catch ') + args.expect_violation)
        return 0 if ok else 1
    if caught:
        print('FAIL: linked archive members break the policy: ' + ', '.join(sorted(caught)))
        print('(rewrite the code that needs them, or provide a kernel-safe implementation)')
        return 1
    print('OK: every linked archive member follows the policy')
    return 0


if __name__ == '__main__':
    sys.exit(main())
