#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check that every C source and header in the repository is formatted by the repo's .clang-format.

usage: check_format.py SOURCE_ROOT CLANG_FORMAT   (exit 77, "skipped", if clang-format is missing)
"""

import pathlib
import shutil
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent.parent / 'tools'))
from tap import missing  # noqa: E402

SKIP_DIRS = {'subprojects', '.git'}


def sources(root):
    for path in sorted(root.rglob('*.[ch]')):
        parts = path.relative_to(root).parts
        if parts[0] in SKIP_DIRS or parts[0].startswith('build'):
            continue
        yield path


def main():
    root = pathlib.Path(sys.argv[1])
    clang_format = shutil.which(sys.argv[2])
    if not clang_format:
        print('SKIP: ' + missing('clang-format', 'clang-format'))
        return 77
    files = list(sources(root))
    result = subprocess.run([clang_format, '--dry-run', '-Werror', *map(str, files)],
                            capture_output=True, text=True)
    print(result.stderr, end='')
    if result.returncode:
        print(f'FAIL: run  clang-format -i  on the files above')
        return 1
    print(f'OK: {len(files)} files formatted')
    return 0


if __name__ == '__main__':
    sys.exit(main())
