"""``python -m bot``: the command line (:mod:`bot.cli.main`); with no command and no token, the terminal chat."""

from __future__ import annotations

import sys

from bot.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
