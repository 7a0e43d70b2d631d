#!/usr/bin/env python3
"""Check the 1+X certificate catalogue and build its website. See README.md."""

import sys

from xcat.cli import main

if __name__ == "__main__":
    sys.exit(main())
