#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Bounded libFuzzer run for meson test (libk's and the boot information parser's fuzzers): the
repository's corpus, then a fixed number of inputs.

usage: run_fuzz.py FUZZER --corpus DIR --work DIR --runs N

Inputs the run finds go to WORK/new, never into the repository's corpus; a crashing input is
saved as WORK/crash-*. The seed is fixed so a failure repeats. libFuzzer exits with 77 on a
crash by default, which meson test would call "skipped": any failure exits 1 here.
"""

import argparse
import pathlib
import re
import shutil
import subprocess
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('fuzzer')
    parser.add_argument('--corpus', required=True)
    parser.add_argument('--work', required=True)
    parser.add_argument('--runs', type=int, required=True)
    args = parser.parse_args()

    work = pathlib.Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    (work / 'new').mkdir(parents=True)
    command = [args.fuzzer, f'-runs={args.runs}', '-seed=1', '-error_exitcode=1',
               '-timeout_exitcode=1', '-print_final_stats=1', f'-artifact_prefix={work}/',
               str(work / 'new'), args.corpus]
    print(' '.join(command), flush=True)
    start = time.monotonic()
    result = subprocess.run(command, stderr=subprocess.PIPE, text=True)
    elapsed = time.monotonic() - start
    sys.stdout.write(result.stderr)
    executed = re.search(r'stat::number_of_executed_units:\s*(\d+)', result.stderr)
    if result.returncode != 0 or not executed:
        print(f'FAIL: fuzzer exited with {result.returncode}; inputs that crashed are in {work}')
        return 1
    print(f'OK: {executed.group(1)} inputs executed in {elapsed:.1f} s, no difference found')
    return 0


if __name__ == '__main__':
    sys.exit(main())
