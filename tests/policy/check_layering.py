#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check that the build keeps the layers apart: every compile command Meson wrote for a file under
arch/ has no include directory of the kernel core (src/), and every one for a file under lib/ has
none of the core's or arch's. A header of a higher layer then cannot even be found from below."""

import argparse
import json
import os
import pathlib
import shlex
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / 'tools'))
from tap import Tap  # noqa: E402

# layer (a folder of the source tree) -> folders whose headers it must not see
FORBIDDEN = {'arch': ('src',), 'lib': ('src', 'arch')}


def include_dirs(entry):
    """The -I directories of one compile command, as paths relative to the source root."""
    args = entry['arguments'] if 'arguments' in entry else shlex.split(entry['command'])
    dirs, take_next = [], False
    for arg in args:
        if take_next:
            dirs.append(arg)
            take_next = False
        elif arg == '-I':
            take_next = True
        elif arg.startswith('-I'):
            dirs.append(arg[2:])
    return [os.path.normpath(os.path.join(entry['directory'], d)) for d in dirs]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--source-root', required=True)
    parser.add_argument('--build-root', required=True)
    args = parser.parse_args()
    source = os.path.realpath(args.source_root)
    with open(os.path.join(args.build_root, 'compile_commands.json')) as f:
        commands = json.load(f)

    tap = Tap(len(FORBIDDEN))
    for layer, above in FORBIDDEN.items():
        problems, files = [], 0
        for entry in commands:
            path = os.path.realpath(os.path.join(entry['directory'], entry['file']))
            if os.path.relpath(path, source).split(os.sep)[0] != layer:
                continue
            files += 1
            for d in include_dirs(entry):
                top = os.path.relpath(os.path.realpath(d), source).split(os.sep)[0]
                if top in above:
                    problems.append(f'{os.path.relpath(path, source)} is compiled with -I{d}')
        tap.result(files > 0 and not problems,
                   f'{layer}/ ({files} compile commands) sees no headers of {", ".join(above)}/',
                   sorted(set(problems))[:10] or ([] if files else [f'no file under {layer}/']))
    return 0


if __name__ == '__main__':
    sys.exit(main())
