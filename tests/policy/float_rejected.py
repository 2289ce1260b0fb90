#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Compile a C file that uses float with the kernel's flags; pass only if the compiler refuses it.

With SSE and x87 disabled there are no floating-point registers to return or pass a float in, so
the compiler must stop with an error instead of quietly emitting FPU code.
usage: float_rejected.py SOURCE -- COMPILER [FLAGS...]
"""

import os
import subprocess
import sys


def main():
    if '--' not in sys.argv:
        print(__doc__)
        return 2
    source = sys.argv[1]
    compiler = sys.argv[sys.argv.index('--') + 1:]
    cmd = compiler + ['-c', source, '-o', os.devnull]
    result = subprocess.run(cmd, capture_output=True, text=True)
    print(' '.join(cmd))
    print(result.stderr.strip())
    if result.returncode == 0:
        print('FAIL: float code compiled with the kernel flags; FPU/SIMD registers are reachable')
        return 1
    if 'error' not in result.stderr:
        print('FAIL: the compiler failed without an error message; cannot tell why')
        return 1
    print('OK: the compiler rejects floating point under the kernel flags')
    return 0


if __name__ == '__main__':
    sys.exit(main())
