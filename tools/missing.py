#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Stand-in for a test or build target that needs a tool this machine lacks: says which Debian
package provides it and exits 77, which Meson reports as a skipped test.

usage: missing.py TOOL PACKAGE [--exit STATUS]   (ninja targets use --exit 1: a failure)
"""

import argparse
import sys

from tap import missing


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('tool')
    parser.add_argument('package')
    parser.add_argument('--exit', type=int, default=77)
    args = parser.parse_args()
    print(('SKIP: ' if args.exit == 77 else '') + missing(args.tool, args.package), flush=True)
    return args.exit


if __name__ == '__main__':
    sys.exit(main())
