#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Build a C file that uses float with the kernel's compile and link flags; pass only if the
build fails, and fails because of the floating point.

With SSE and x87 disabled there are no floating-point registers to compute in, return or pass a
float in. GCC stops at compile time ("SSE register return with SSE disabled"). clang compiles the
arithmetic into calls to soft-float helpers (__mulsf3, __floatsisf...) instead, which the
kernel's runtime library (libgcc on x86_64) does not have: there the link fails. Either way the
code cannot get into a kernel. The same function on int, built with the same commands, must
succeed: otherwise the commands are broken and the float failure proves nothing.
usage: float_rejected.py SOURCE --compiler COMPILER... --compile-args FLAGS... --link-args FLAGS...
"""

import pathlib
import re
import subprocess
import sys
import tempfile

CONTROL = 'int scale(int x);\n\nint scale(int x)\n{\n    return x * 3 / 2;\n}\n'
FLOAT_CAUSE = re.compile(r'SSE|x87|float|__\w+[sd]f\d?\b')


def build(source, compiler, compile_args, link_args, tmp):
    """None if source compiles and links, else (stage, the tool's messages)."""
    obj, elf = tmp / (source.stem + '.o'), tmp / (source.stem + '.elf')
    # objects before libraries, as Meson orders them: GNU ld searches -lgcc only for what the
    # objects before it need
    for stage, cmd in (('compile', compiler + compile_args + ['-c', str(source), '-o', str(obj)]),
                       ('link', compiler + [str(obj), '-o', str(elf)] + link_args)):
        print(' '.join(cmd))
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode:
            return stage, (done.stdout + done.stderr).strip()
    return None


def main():
    args = sys.argv[1:]
    markers = ['--compiler', '--compile-args', '--link-args']
    if len(args) < 5 or [a for a in args if a in markers] != markers:
        print(__doc__)
        return 2
    source = pathlib.Path(args[0])
    compiler = args[args.index('--compiler') + 1:args.index('--compile-args')]
    compile_args = args[args.index('--compile-args') + 1:args.index('--link-args')]
    link_args = args[args.index('--link-args') + 1:]

    with tempfile.TemporaryDirectory(prefix='cyan-float-') as tmp:
        tmp = pathlib.Path(tmp)
        control = tmp / 'int_control.c'
        control.write_text(CONTROL)
        control_failure = build(control, compiler, compile_args, link_args, tmp)
        if control_failure:
            stage, messages = control_failure
            print(messages)
            print(f'FAIL: the int version does not {stage} either: the commands are broken')
            return 1
        failure = build(source, compiler, compile_args, link_args, tmp)
    if failure is None:
        print('FAIL: float code compiled and linked with the kernel flags')
        return 1
    stage, messages = failure
    print(messages)
    if not FLOAT_CAUSE.search(messages):
        print(f'FAIL: the {stage} failed, but the messages do not say it is the floating point')
        return 1
    print(f'OK: floating point is rejected at the {stage} step under the kernel flags')
    return 0


if __name__ == '__main__':
    sys.exit(main())
