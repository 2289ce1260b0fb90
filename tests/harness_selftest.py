#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The test harness tests itself: run ktest_runner.py on a kernel that fails on purpose and check
that its TAP would make Meson fail, for the right reason.

Meson's should_fail cannot express this: it turns a failure into a pass but leaves an error (how
Meson 1.0.1 reads "Bail out!", the triple-fault report) an error. So this script reads the
runner's output itself and prints its own TAP.
"""

import argparse
import subprocess
import sys

# For each way of failing: the text the runner's report must contain.
EXPECTED = {
    'assertion': ['not ok 1 - deliberately_failing_assertion', 'assert_fails.c:',
                  'expected: 2 (0x2)', 'actual:   3 (0x3)'],
    'timeout': ['not ok', 'timeout: no result within', 'test 1 never finished'],
    'triple-fault': ['Bail out! triple fault', 'check_exception'],
}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--expect', required=True, choices=sorted(EXPECTED))
    parser.add_argument('runner', nargs=argparse.REMAINDER, help='the runner command line')
    args = parser.parse_args()

    result = subprocess.run(args.runner, capture_output=True, text=True)
    out = result.stdout
    lines = out.splitlines()
    checks = [
        ('the runner exits 0 so that Meson reads its TAP', result.returncode == 0),
        ('no test is reported as passing', not any(l.startswith('ok ') for l in lines)),
        ('the report fails the test (a "not ok" or "Bail out!")',
         any(l.startswith(('not ok', 'Bail out!')) for l in lines)),
    ] + [(f'the report says {text!r}', text in out) for text in EXPECTED[args.expect]]

    print(f'1..{len(checks)}')
    for number, (name, ok) in enumerate(checks, 1):
        print(f"{'ok' if ok else 'not ok'} {number} - {name}")
    if not all(ok for _, ok in checks):
        print('# the runner printed:')
        for line in (out + result.stderr).splitlines():
            print(f'#   {line}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
