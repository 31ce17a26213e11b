"""The command line: ``python -m bot [chat|ask|check|eval|run]``."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from .answer import Answer
from .dialogue.engine import Engine
from .dialogue.snapshot import Snapshot
from .knowledge import KnowledgeError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVALS = (
    PROJECT_ROOT / "tests" / "eval" / "questions.yaml",
    PROJECT_ROOT / "tests" / "eval" / "conversations.yaml",
)


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
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    print(f"Cơ sở dữ liệu hợp lệ: {summary['articles']} bài viết, {summary['entries']} mục.")
    for district, kinds in summary["districts"].items():
        total = sum(kinds.values())
        detail = ", ".join(f"{k} {v}" for k, v in kinds.items())
        print(f"  {district:<12} {total:>4} mục  ({detail})")
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
    if args.conversation:
        return _ask_in_conversation(engine, args)
    first = True
    for question in _questions(args):
        started = time.perf_counter()
        answer = engine.ask(question)
        ms = (time.perf_counter() - started) * 1000
        if args.json:
            print(
                json.dumps({"question": question, **answer.public(), "ms": round(ms, 3)}, ensure_ascii=False),
                flush=True,
            )
        else:
            if not first:
                print("\n" + "─" * 40)
            if not args.question:
                print(f"> {question}")
            print(render_plain(answer), flush=True)
        first = False
    return 0


def _ask_in_conversation(engine: Engine, args: argparse.Namespace) -> int:
    """The lines of standard input are the turns of one conversation; an empty line starts another."""
    import asyncio

    from .channels import plain
    from .channels.collecting import CollectingDoor
    from .dialogue.core import Dialogue

    async def run() -> None:
        core = Dialogue(engine)
        conversation, turn = 1, 0
        chat = CollectingDoor(core, door="cli", chat_id="1", user_id="1", is_admin=True)
        lines = [" ".join(args.question)] if args.question else (line.rstrip("\n") for line in sys.stdin)
        for line in lines:
            if not line.strip():
                if turn:
                    conversation, turn = conversation + 1, 0
                    chat = CollectingDoor(core, door="cli", chat_id=str(conversation), user_id="1", is_admin=True)
                continue
            turn += 1
            started = time.perf_counter()
            reply = await chat.say(line)
            ms = round((time.perf_counter() - started) * 1000, 3)
            if args.json:
                data: dict[str, object] = {"conversation": conversation, "turn": turn, "question": line}
                if reply.answer is not None:
                    data |= reply.answer.public()
                else:
                    data |= {"answered": reply.answered, "kind": reply.kind, "text": plain.text(reply)}
                print(json.dumps({**data, "ms": ms}, ensure_ascii=False), flush=True)
            else:
                print(("\n" + "─" * 40 + "\n" if turn > 1 or conversation > 1 else "") + f"> {line}")
                print(plain.text(reply), flush=True)

    asyncio.run(run())
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .chat_evaluation import evaluate_chat_file, format_chat_report, is_chat_set
    from .evaluation import evaluate, format_report, load_items

    engine = _engine(args.knowledge)
    if engine is None:
        return 1
    summaries: dict[str, object] = {}
    for path in args.file or DEFAULT_EVALS:
        try:
            if is_chat_set(path):
                chat_report = evaluate_chat_file(engine, path)
                summary, text = chat_report.summary(), format_chat_report(chat_report, not (args.quiet or args.totals))
                if args.totals:
                    summary = {k: v for k, v in summary.items() if k != "by_kind"}
                    text = "\n".join(text.split("\n")[:3])
            else:
                report = evaluate(engine, load_items(path))
                summary, text = report.summary(), format_report(report, show_failures=not (args.quiet or args.totals))
                if args.totals:
                    summary = {
                        k: v for k, v in summary.items() if k in ("total", "correct", "in_scope", "out_of_scope")
                    }
                    text = "\n".join(text.split("\n")[:3])
        except (OSError, ValueError) as exc:
            print(f"Không đọc được bộ câu hỏi {path}: {exc}", file=sys.stderr)
            return 1
        summaries[str(path)] = summary
        if not args.json:
            print(f"== {path}\n{text}\n")
    if args.json:
        print(
            json.dumps(
                summaries if len(summaries) > 1 else next(iter(summaries.values())), ensure_ascii=False, indent=2
            )
        )
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    from .channels.console import run_console
    from .dialogue.core import Dialogue

    engine = _engine(args.knowledge)
    if engine is None:
        return 1
    return run_console(Dialogue(engine), sys.stdin, sys.stdout)


def cmd_run(args: argparse.Namespace) -> int:
    from .channels.serve import run_from_environment

    return run_from_environment(mode=getattr(args, "mode", None))


def cmd_default(args: argparse.Namespace) -> int:
    """No sub-command: run the bot when a token is configured, else chat here."""
    from .settings import token_configured

    if token_configured():
        return cmd_run(args)
    print("Chưa cấu hình TELEGRAM_BOT_TOKEN hay ZALO_BOT_TOKEN: mở trò chuyện ngay tại terminal.", file=sys.stderr)
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
    p.add_argument(
        "--conversation",
        action="store_true",
        help="các dòng là các lượt của một cuộc trò chuyện (giữ ngữ cảnh); dòng trống bắt đầu cuộc mới",
    )
    p.set_defaults(func=cmd_ask)
    p = sub.add_parser("check", help="kiểm tra cơ sở dữ liệu")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("eval", help="đo độ chính xác trên bộ câu hỏi đánh giá")
    p.add_argument("--file", type=Path, action="append", help="bộ câu hỏi (lặp lại được); mặc định: các bộ phát triển")
    p.add_argument("--json", action="store_true")
    p.add_argument("--quiet", action="store_true", help="không in các câu sai")
    p.add_argument("--totals", action="store_true", help="chỉ in tổng (cho bộ giữ riêng: không xem từng câu)")
    p.set_defaults(func=cmd_eval)
    p = sub.add_parser(
        "run", help="chạy bot trên mọi cửa có token (Telegram, Zalo): polling, hoặc webhook khi có WEBHOOK_URL"
    )
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
