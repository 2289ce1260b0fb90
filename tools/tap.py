# SPDX-License-Identifier: MIT
"""Writing TAP (Test Anything Protocol) the way Meson 1.0.1 reads it: plan first, one line per
result, diagnostics as '#' comments. Every Python test prints its TAP through this module.

A test that cannot run (a tool or firmware file is missing) prints the plan "1..0 # SKIP why"
and exits 0: Meson reports it as SKIP. (Exit status 77 means "skipped" only for tests without a
protocol; for a TAP test any non-zero status is an error.)
"""

import os
import re
import shutil
import sys

RESULT = re.compile(r'^(ok|not ok) (\d+)\b')


def missing(what, package):
    """The sentence every skip uses: what is missing and which Debian package provides it."""
    return f'{what} not found: install the Debian package {package} (apt-get install {package})'


def skip_all(reason):
    """Report the whole test as skipped, for reason, and end the program."""
    print(f'1..0 # SKIP {reason}', flush=True)
    sys.exit(0)


def found(program):
    """Whether program (a path, or a bare name Meson passes for a tool it did not find) runs."""
    return bool(shutil.which(program)) or os.access(program, os.X_OK)


def require(program, package):
    """Skip the whole test unless program is installed."""
    if not found(program):
        skip_all(missing(os.path.basename(program), package))


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

    def check(self, ok, name, diagnostics=()):
        """A result whose diagnostics are printed only if it failed."""
        self.result(ok, name, () if ok else diagnostics)

    def skip(self, name, reason):
        """A result that could not be checked: counted by the plan, reported as SKIP."""
        self.result(True, name, directive=f'SKIP {reason}')

    def relay(self, line):
        """Pass on a line of TAP another program wrote (a result keeps its number)."""
        m = RESULT.match(line)
        if m:
            self.number = int(m.group(2))
            self.failed |= m.group(1) == 'not ok'
        print(line)

    @staticmethod
    def diagnostics(lines):
        for line in lines:
            print(f'# {line}')
        sys.stdout.flush()
