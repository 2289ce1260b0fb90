#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Editors understand the cross build: "clangd --check" reports no error for any C file that
this build's compile_commands.json lists, with the repository's .clangd in force.

clangd parses each file with the command Meson wrote (the cross file's flags included), so an
error here is what an editor would underline: an unknown GCC-only flag, a header it cannot find,
code clang reads differently. Each file must also really be parsed with its command from the
database, not with clangd's generic fallback, which would prove nothing.

"--check" also tries every refactoring clangd offers at every token, and clangd 14 counts a
refactoring it fails to compute among the errors (tests/kernel/runner.c meets one: "DefineInline"
on ktest_fail_strings, declared in ktest.h). Those are failures of clangd's own code actions, not
diagnostics about the code: they are reported as notes and not counted. Prints TAP.
"""

import argparse
import json
import pathlib
import re
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'tools'))
from tap import Tap, require  # noqa: E402

SUMMARY = re.compile(r'All checks completed, (\d+) errors')
TWEAK_FAILURE = re.compile(r'tweak: (\S+) ==> FAIL')
ERROR_LINE = re.compile(r'^E\[[^\]]*\] (.*)$')


def c_sources(build_root, source_root):
    """Every C file the compilation database lists inside the source tree, once, sorted."""
    entries = json.loads((build_root / 'compile_commands.json').read_text())
    files = {(pathlib.Path(e['directory']) / e['file']).resolve() for e in entries}
    return sorted(f for f in files
                  if f.suffix == '.c' and f.is_relative_to(source_root.resolve()))


def check(clangd, build_root, source):
    """(ok, diagnostics) for one file."""
    done = subprocess.run([clangd, f'--compile-commands-dir={build_root}', f'--check={source}'],
                          capture_output=True, text=True)
    log = done.stderr
    summary = SUMMARY.search(log)
    tweaks = TWEAK_FAILURE.findall(log)
    errors = [m.group(1) for m in map(ERROR_LINE.match, log.splitlines())
              if m and not TWEAK_FAILURE.search(m.group(1))]
    notes = [f'note: clangd failed to compute its own "{t}" refactoring (not counted)'
             for t in tweaks]
    if 'Compile command from CDB is' not in log:
        return False, ['clangd did not take the command from compile_commands.json'] + errors
    if not summary:
        return False, ['clangd did not finish its check'] + log.splitlines()[-10:]
    counted = int(summary.group(1)) - len(tweaks)
    return counted == 0 and not errors, errors + notes


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--clangd', required=True)
    parser.add_argument('--source-root', required=True, type=pathlib.Path)
    parser.add_argument('--build-root', required=True, type=pathlib.Path)
    args = parser.parse_args()
    require(args.clangd, 'clangd')

    sources = c_sources(args.build_root, args.source_root)
    tap = Tap(max(len(sources), 1))
    if not sources:
        tap.result(False, 'compile_commands.json lists no C file: nothing was checked')
    for source in sources:
        ok, diagnostics = check(args.clangd, args.build_root, source)
        tap.result(ok, str(source.relative_to(args.source_root.resolve())), diagnostics)
    return 0


if __name__ == '__main__':
    sys.exit(main())
