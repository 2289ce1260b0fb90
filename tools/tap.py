# SPDX-License-Identifier: MIT
"""Writing TAP (Test Anything Protocol) the way Meson 1.0.1 reads it: plan first, one line per
result, diagnostics as '#' comments."""

import sys


class Tap:
    def __init__(self, plan):
        print(f'1..{plan}', flush=True)
        self.number = 0
        self.failed = False

    def result(self, ok, name, diagnostics=(), directive=''):
        self.number += 1
        suffix = f' # {directive}' if directive else ''
        name = name.replace('#', '')  # '#' would start a TAP directive
        print(f"{'ok' if ok else 'not ok'} {self.number} - {name}{suffix}")
        self.diagnostics(diagnostics)
        self.failed |= not ok

    @staticmethod
    def diagnostics(lines):
        for line in lines:
            print(f'# {line}')
        sys.stdout.flush()
