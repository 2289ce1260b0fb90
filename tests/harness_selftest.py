#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The test harness tests itself: run ktest_runner.py on a kernel that fails on purpose and check
that its TAP would make Meson fail, for the right reason.

Meson's should_fail cannot express this: it turns a failure into a pass but leaves an error (how
Meson 1.0.1 reads "Bail out!", the triple-fault report) an error. So this script reads the
runner's output itself and prints its own TAP.
"""

import argparse
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'tools'))
from tap import Tap, skip_all  # noqa: E402

# For each way of failing: the text the runner's report must contain.
EXPECTED = {
    'assertion': ['not ok 1 - deliberately_failing_assertion', 'assert_fails.c:',
                  'KT_ASSERT_EQ(2, 1 + 2) failed', 'expected: 2 (0x2)', 'actual:   3 (0x3)',
                  'not ok 2 - deliberately_failing_kt_assert', 'KT_ASSERT(three == 2) failed',
                  'not ok 3 - deliberately_failing_kt_assert_streq',
                  'expected: "expected text"', 'actual:   "actual text"'],
    'panic-mismatch': ['not ok 1 - panics_with_parts_out_of_order',
                       '# unexpected panic: first part, then second part',
                       '#   expected a panic matching: second part*first part',
                       'not ok 2 - panics_with_another_message',
                       '# unexpected panic: some other message',
                       'not ok 3 - panics_with_part_of_the_message',
                       'not ok 4 - returns_without_panicking',
                       'returned without the expected panic matching: never printed'],
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
    if lines and lines[0].startswith('1..0 # SKIP'):
        skip_all(lines[0].split('# SKIP ', 1)[1])  # the runner could not run (no QEMU)
    checks = [
        ('the runner exits 0 so that Meson reads its TAP', result.returncode == 0),
        ('no test is reported as passing', not any(l.startswith('ok ') for l in lines)),
        ('the report fails the test (a "not ok" or "Bail out!")',
         any(l.startswith(('not ok', 'Bail out!')) for l in lines)),
    ] + [(f'the report says {text!r}', text in out) for text in EXPECTED[args.expect]]

    tap = Tap(len(checks))
    for name, ok in checks:
        tap.result(ok, name)
    if tap.failed:
        printed = (out + result.stderr).splitlines()
        tap.diagnostics(['the runner printed:'] + [f'  {line}' for line in printed])
    return 0


if __name__ == '__main__':
    sys.exit(main())
