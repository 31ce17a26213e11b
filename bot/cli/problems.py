"""How the command line reports a knowledge base that does not validate."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.knowledge.problems import KnowledgeError


def print_problems(directory: Path, exc: KnowledgeError) -> None:
    print(f"Cơ sở dữ liệu {directory} có {len(exc.problems)} lỗi:", file=sys.stderr)
    for problem in exc.problems:
        print(f"  - {problem}", file=sys.stderr)
