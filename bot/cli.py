"""The command line: ``python -m bot [chat|ask|check|eval|run]``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from .answer import Answer
from .drafting.command import add_arguments as add_draft_arguments
from .drafting.command import cmd_draft
from .drafting.review import drafts_per_file, review_lines
from .engine import Engine, Snapshot
from .knowledge import KnowledgeError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = PROJECT_ROOT / "tests" / "eval" / "questions.yaml"


def default_knowledge() -> Path:
    return Path(os.environ.get("KNOWLEDGE_DIR") or PROJECT_ROOT / "knowledge")


def _print_problems(directory: Path, exc: KnowledgeError) -> None:
    print(f"Cơ sở dữ liệu {directory} có {len(exc.problems)} lỗi:", file=sys.stderr)
    for problem in exc.problems:
        print(f"  - {problem}", file=sys.stderr)


def _engine(directory: Path) -> Engine | None:
    try:
        return Engine.from_directory(directory)
    except KnowledgeError as exc:
        _print_problems(directory, exc)
        return None


def render_plain(answer: Answer) -> str:
    return answer.text


def cmd_check(args: argparse.Namespace) -> int:
    try:
        kb = Snapshot.build(args.knowledge).kb  # the schema, the provenance and the examples
    except KnowledgeError as exc:
        _print_problems(args.knowledge, exc)
        return 1
    summary = kb.summary()
    if args.json:
        print(json.dumps({**summary, "drafts": drafts_per_file(kb)}, ensure_ascii=False, indent=2))
        return 0
    print(f"Cơ sở dữ liệu hợp lệ: {summary['articles']} bài viết, {summary['entries']} mục.")
    for district, kinds in summary["districts"].items():
        total = sum(kinds.values())
        detail = ", ".join(f"{k} {v}" for k, v in kinds.items())
        print(f"  {district:<12} {total:>4} mục  ({detail})")
    for line in review_lines(kb, show_ids=args.drafts):
        print(line)
    return 0


def _questions(args: argparse.Namespace) -> Iterable[str]:
    if args.question:
        yield " ".join(args.question)
        return
    for line in sys.stdin:
        line = line.rstrip("\n")
        if line.strip():
            yield line


def cmd_ask(args: argparse.Namespace) -> int:
    engine = _engine(args.knowledge)
    if engine is None:
        return 1
    first = True
    for question in _questions(args):
        answer = engine.ask(question)
        if args.json:
            print(json.dumps({"question": question, **answer.public()}, ensure_ascii=False), flush=True)
        else:
            if not first:
                print("\n" + "─" * 40)
            if not args.question:
                print(f"> {question}")
            print(render_plain(answer), flush=True)
        first = False
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluation import evaluate, format_report, load_items

    engine = _engine(args.knowledge)
    if engine is None:
        return 1
    try:
        items = load_items(args.file)
    except (OSError, ValueError) as exc:
        print(f"Không đọc được bộ câu hỏi: {exc}", file=sys.stderr)
        return 1
    report = evaluate(engine, items)
    if args.json:
        print(json.dumps(report.summary(), ensure_ascii=False, indent=2))
    else:
        print(format_report(report, show_failures=not args.quiet))
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    from .channels.console import run_console

    engine = _engine(args.knowledge)
    if engine is None:
        return 1
    return run_console(engine, sys.stdin, sys.stdout)


def cmd_run(args: argparse.Namespace) -> int:
    from .channels.serve import run_from_environment

    return run_from_environment(mode=getattr(args, "mode", None))


def cmd_default(args: argparse.Namespace) -> int:
    """No sub-command: run the bot when a token is configured, else chat here."""
    from .settings import token_configured

    if token_configured():
        return cmd_run(args)
    print("Chưa cấu hình TELEGRAM_BOT_TOKEN: mở trò chuyện ngay tại terminal.", file=sys.stderr)
    return cmd_chat(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Chatbot hỏi đáp về kết quả học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    )
    parser.add_argument(
        "--knowledge", type=Path, default=None, help="thư mục cơ sở dữ liệu (mặc định: $KNOWLEDGE_DIR hoặc knowledge/)"
    )
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("chat", help="trò chuyện tại terminal")
    p.set_defaults(func=cmd_chat)
    p = sub.add_parser("ask", help="hỏi một câu (hoặc đọc từng dòng từ stdin)")
    p.add_argument("question", nargs="*", help="câu hỏi; bỏ trống để đọc từ stdin, mỗi dòng một câu")
    p.add_argument("--json", action="store_true", help="in mỗi câu trả lời thành một dòng JSON")
    p.set_defaults(func=cmd_ask)
    p = sub.add_parser("check", help="kiểm tra cơ sở dữ liệu")
    p.add_argument("--json", action="store_true")
    p.add_argument("--drafts", action="store_true", help="liệt kê mã từng mục nháp")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("draft", help="soạn bản nháp dữ kiện cho một bài mới, hoặc duyệt bản nháp (--accept)")
    add_draft_arguments(p)
    p.set_defaults(func=cmd_draft)
    p = sub.add_parser("eval", help="đo độ chính xác trên bộ câu hỏi đánh giá")
    p.add_argument("--file", type=Path, default=DEFAULT_EVAL)
    p.add_argument("--json", action="store_true")
    p.add_argument("--quiet", action="store_true", help="không in các câu sai")
    p.set_defaults(func=cmd_eval)
    p = sub.add_parser("run", help="chạy bot Telegram (polling, hoặc webhook khi có WEBHOOK_URL)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--webhook",
        dest="mode",
        action="store_const",
        const="webhook",
        help="chế độ webhook (cần WEBHOOK_URL, WEBHOOK_SECRET, PORT)",
    )
    mode.add_argument(
        "--polling",
        dest="mode",
        action="store_const",
        const="polling",
        help="chế độ long polling, kể cả khi có WEBHOOK_URL",
    )
    p.set_defaults(func=cmd_run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.knowledge is None:
        args.knowledge = default_knowledge()
    func = getattr(args, "func", cmd_default)
    try:
        return int(func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
