"""Command line: python -m bot [check|ask|eval|run|chat]."""

from __future__ import annotations

import sys

from bot.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
