"""Command line: python -m bot [check|ask|eval|run|chat]."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
