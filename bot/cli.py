"""The command-line interface (temporary: check only)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .knowledge import KnowledgeError, load

DEFAULT_KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


def cmd_check(args: argparse.Namespace) -> int:
    try:
        kb = load(args.knowledge)
    except KnowledgeError as exc:
        print(f"{len(exc.problems)} lỗi trong {args.knowledge}:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print(json.dumps(kb.summary(), ensure_ascii=False, indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot")
    parser.add_argument("--knowledge", type=Path, default=DEFAULT_KNOWLEDGE)
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("check")
    args = parser.parse_args(argv)
    return cmd_check(args)
