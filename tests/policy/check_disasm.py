#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check an ELF's machine code against cyan's code-generation policy, using objdump's disassembly.

Fails on any SSE/AVX/AVX-512/MMX/x87 register or instruction (the kernel never saves that state),
and on any memory access below the stack pointer (the red zone, which interrupts overwrite):
either a negative offset from %rsp, or a negative offset from %rbp deeper than the frame the
function has reserved.
"""

import argparse
import re
import subprocess
import sys

FPU_SIMD_REGISTER = re.compile(r'%(?:[xyz]mm\d+|mm\d|st(?:\(\d\))?|k[0-7])\b')
# x87 instructions all start with "f" (fld, fstp, fnstcw, fxsave...); the rest are SSE/AVX state
# or MMX instructions whose operands need not name a vector register.
FPU_SIMD_MNEMONIC = re.compile(
    r'^(?:f[a-z0-9]*|emms|femms|ldmxcsr|stmxcsr|vldmxcsr|vstmxcsr|xsave\w*|xrstor\w*|movnti)$')
NOT_FPU = {'fs'}  # a segment prefix objdump may print as a word of its own
FUNCTION = re.compile(r'^[0-9a-f]+ <(.+)>:$')
INSTRUCTION = re.compile(r'^\s*([0-9a-f]+):\s+(\S+)\s*(.*)$')
BELOW_RSP = re.compile(r'-0x[0-9a-f]+\(%rsp')
RBP_OFFSET = re.compile(r'-0x([0-9a-f]+)\(%rbp')
SUB_RSP = re.compile(r'^\$0x([0-9a-f]+),%rsp$')


def violations(disassembly):
    function = '?'
    frame = None  # bytes reserved below %rbp once "mov %rsp,%rbp" was seen
    for line in disassembly.splitlines():
        m = FUNCTION.match(line)
        if m:
            function, frame = m.group(1), None
            continue
        m = INSTRUCTION.match(line)
        if not m:
            continue
        address, mnemonic, operands = m.groups()
        where = f'{function} at {address}: {mnemonic} {operands}'.strip()
        if FPU_SIMD_REGISTER.search(operands) or (
                FPU_SIMD_MNEMONIC.match(mnemonic) and mnemonic not in NOT_FPU):
            yield f'FPU/SIMD instruction in {where}'
        if mnemonic != 'lea' and BELOW_RSP.search(operands):
            yield f'access below %rsp (red zone) in {where}'
        if mnemonic == 'mov' and operands == '%rsp,%rbp':
            frame = 0
        elif frame is not None:
            if mnemonic == 'push':
                frame += 8
            elif mnemonic == 'sub' and SUB_RSP.match(operands):
                frame += int(SUB_RSP.match(operands).group(1), 16)
            elif mnemonic != 'lea':
                for offset in RBP_OFFSET.findall(operands):
                    if int(offset, 16) > frame:
                        yield f'access below %rsp (red zone, via %rbp) in {where}'


SECTION_HEADER = re.compile(r'^\s*\d+\s+(\S+)\s')


def disassemble(objdump, elf):
    """Disassembly of every code section, 32-bit boot code (*.text32) decoded as i386."""
    headers = subprocess.run([objdump, '-h', elf], check=True, capture_output=True,
                             text=True).stdout.splitlines()
    out = []
    for i, line in enumerate(headers):
        m = SECTION_HEADER.match(line)
        if not m or i + 1 >= len(headers) or 'CODE' not in headers[i + 1]:
            continue
        section = m.group(1)
        mode = 'i386' if section.endswith('text32') else 'x86-64'
        out.append(subprocess.run([objdump, '-d', '--no-show-raw-insn', '-M', f'att,{mode}',
                                   '-j', section, elf],
                                  check=True, capture_output=True, text=True).stdout)
    return '\n'.join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--objdump', required=True)
    parser.add_argument('elf', nargs='+')
    args = parser.parse_args()

    bad = 0
    for elf in args.elf:
        out = disassemble(args.objdump, elf)
        instructions = sum(1 for line in out.splitlines() if INSTRUCTION.match(line))
        if instructions == 0:
            print(f'{elf}: no instructions disassembled: nothing was checked')
            bad += 1
        for problem in violations(out):
            print(f'{elf}: {problem}')
            bad += 1
        print(f'{elf}: {instructions} instructions checked')
    if bad:
        print(f'FAIL: {bad} policy violation(s)')
        return 1
    print('OK: no FPU/SIMD code, no red-zone access')
    return 0


if __name__ == '__main__':
    sys.exit(main())
