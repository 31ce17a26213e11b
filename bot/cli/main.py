"""The command line: ``python -m bot [chat|ask|check|eval|run|draft|report|knowledge|purge]``.

The store's commands (report, knowledge, purge, the recorded terminal chat) are in
:mod:`bot.cli.store_commands`; drafting's in :mod:`bot.curation.drafting.command`."""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from bot.answering.answer import Answer
from bot.answering.answerer import Answerer
from bot.answering.building import build_snapshot
from bot.cli.json_output import public
from bot.cli.problems import print_problems
from bot.curation.drafting.command import add_arguments as add_draft_arguments
from bot.curation.drafting.command import cmd_draft
from bot.knowledge.problems import KnowledgeError
from bot.language.folding import whole_characters

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_EVALS = (
    PROJECT_ROOT / "eval" / "questions.yaml",
    PROJECT_ROOT / "eval" / "conversations.yaml",
)


def default_knowledge() -> Path:
    return Path(os.environ.get("KNOWLEDGE_DIR") or PROJECT_ROOT / "knowledge")


def _answerer(directory: Path) -> Answerer | None:
    try:
        return Answerer.from_directory(directory)
    except KnowledgeError as exc:
        print_problems(directory, exc)
        return None


def render_plain(answer: Answer) -> str:
    return answer.text


def cmd_check(args: argparse.Namespace) -> int:
    try:
        kb = build_snapshot(args.knowledge).kb  # the schema, the provenance and the examples
    except KnowledgeError as exc:
        print_problems(args.knowledge, exc)
        return 1
    summary = kb.summary()
    from bot.curation.drafting.flags import flag_drafts
    from bot.curation.drafting.review import drafts_per_file, review_lines

    if args.json:
        data = {**summary, "drafts": drafts_per_file(kb), "flags": flag_drafts(kb)}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"Cơ sở dữ liệu hợp lệ: {summary['articles']} bài viết, {summary['entries']} mục.")
    for district, kinds in summary["districts"].items():
        total = sum(kinds.values())
        detail = ", ".join(f"{k} {v}" for k, v in kinds.items())
        print(f"  {district:<12} {total:>4} mục  ({detail})")
    for line in review_lines(kb, show_ids=args.drafts):
        print(line)
    return 0


def stdin_lines() -> Iterable[str]:
    """Standard input's lines, decoded as UTF-8 whatever the locale: a byte that is not UTF-8
    becomes U+FFFD in its own line only, so no line is lost and output stays valid UTF-8."""
    for raw in sys.stdin.buffer:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


def _questions(args: argparse.Namespace) -> Iterable[str]:
    """The questions; with --json a blank line is kept too (answered as empty) so that output
    line N is the answer to input line N."""
    if args.question:
        yield whole_characters(" ".join(args.question))  # argv's undecodable bytes arrive as surrogates
        return
    for line in stdin_lines():
        if line.strip() or args.json:
            yield line


def cmd_ask(args: argparse.Namespace) -> int:
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")  # JSON lines are UTF-8 whatever the locale
    answerer = _answerer(args.knowledge)
    if answerer is None:
        return 1
    if args.conversation:
        return _ask_in_conversation(answerer, args)
    first = True
    for question in _questions(args):
        if not question.strip():  # only with --json: the line's place is kept
            print(json.dumps({"question": question, "answered": False, "kind": "empty"}), flush=True)
            continue
        started = time.perf_counter()
        answer = answerer.ask(question)
        ms = (time.perf_counter() - started) * 1000
        if args.json:
            print(
                json.dumps({"question": question, **public(answer), "ms": round(ms, 3)}, ensure_ascii=False),
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


def _ask_in_conversation(answerer: Answerer, args: argparse.Namespace) -> int:
    """The lines of standard input are the turns of one conversation; an empty line starts another."""

    from bot.channels import plain
    from bot.channels.collecting import CollectingDoor
    from bot.chat.core import Dialogue
    from bot.curation.desk import CuratorDesk

    async def run() -> None:
        core = Dialogue(answerer, desks=[CuratorDesk()])
        conversation, turn = 1, 0
        chat = CollectingDoor(core, door="cli", chat_id="1", user_id="1", is_admin=True)
        lines = [" ".join(args.question)] if args.question else stdin_lines()
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
                    data |= public(reply.answer)
                else:
                    data |= {"answered": reply.answered, "kind": reply.kind, "text": plain.text(reply)}
                print(json.dumps({**data, "ms": ms}, ensure_ascii=False), flush=True)
            else:
                print(("\n" + "─" * 40 + "\n" if turn > 1 or conversation > 1 else "") + f"> {line}")
                print(plain.text(reply), flush=True)

    asyncio.run(run())
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from bot.evaluation.chat_sets import evaluate_chat_file, format_chat_report, is_chat_set
    from bot.evaluation.fact_sets import evaluate, format_report, load_items

    if args.page is not None:
        return _eval_page(args)

    answerer = _answerer(args.knowledge)
    if answerer is None:
        return 1
    summaries: dict[str, object] = {}
    for path in args.file or DEFAULT_EVALS:
        try:
            if is_chat_set(path):
                chat_report = evaluate_chat_file(answerer, path)
                summary, text = chat_report.summary(), format_chat_report(chat_report, not (args.quiet or args.totals))
                if args.totals:
                    summary = {k: v for k, v in summary.items() if k != "by_kind"}
                    text = "\n".join(text.split("\n")[:4])
            else:
                report = evaluate(answerer, load_items(path))
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


def _eval_page(args: argparse.Namespace) -> int:
    """A new district's page through the curator's path, measured (bot.evaluation.page_runs)."""
    from bot.evaluation.page_runs import format_page_run, run_page

    page: Path = args.page
    questions = args.file[0] if args.file else None
    for path in (page, questions, args.gold):
        if path is not None and not path.is_file():
            print(f"Không tìm thấy tệp: {path}", file=sys.stderr)
            return 1
    try:
        run = asyncio.run(
            run_page(
                args.knowledge,
                page,
                questions,
                args.gold,
                district=args.district,
                province=args.province,
                unflagged_only=args.unflagged,
            )
        )
    except (OSError, ValueError) as exc:
        print(f"Không chạy được trang {page}: {exc}", file=sys.stderr)
        return 1
    text, summary = format_page_run(run, show_failures=not (args.quiet or args.totals))
    print(json.dumps(summary, ensure_ascii=False, indent=2) if args.json else text)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from bot.hosting.serve import run_from_environment

    return run_from_environment(mode=getattr(args, "mode", None))


def cmd_default(args: argparse.Namespace) -> int:
    """No sub-command: run the bot when a token is configured, else chat here."""
    from bot.hosting.settings import token_configured

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
    p.add_argument("--drafts", action="store_true", help="liệt kê mã từng mục nháp, và dấu hiệu sai (⚠) của chúng")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("draft", help="soạn bản nháp dữ kiện cho một bài mới, hoặc duyệt bản nháp (--accept)")
    add_draft_arguments(p)
    p.set_defaults(func=cmd_draft)
    p = sub.add_parser("eval", help="đo độ chính xác trên bộ câu hỏi đánh giá")
    p.add_argument("--file", type=Path, action="append", help="bộ câu hỏi (lặp lại được); mặc định: các bộ phát triển")
    p.add_argument("--json", action="store_true")
    p.add_argument("--quiet", action="store_true", help="không in các câu sai")
    p.add_argument("--totals", action="store_true", help="chỉ in tổng (cho bộ giữ riêng: không xem từng câu)")
    p.add_argument(
        "--page",
        type=Path,
        help="một trang bài mới: soạn nháp vào bản sao dữ liệu, duyệt, rồi hỏi các câu của --file",
    )
    p.add_argument("--gold", type=Path, help="với --page: danh sách số liệu, mô hình đúng của trang (so với bản nháp)")
    p.add_argument("--district", help="với --page: tên huyện, khi trang không nêu (người biên tập điền)")
    p.add_argument("--province", help="với --page: tên tỉnh, khi trang không nêu (người biên tập điền)")
    p.add_argument("--unflagged", action="store_true", help="với --page: chỉ duyệt các mục nháp không bị đánh dấu ⚠")
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
    p = sub.add_parser("report", help="các câu bot chưa trả lời được và góp ý 👍/👎 (từ DATABASE_URL)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--since", type=_positive_int, metavar="DAYS", help="chỉ tính DAYS ngày gần đây")
    p.add_argument("--limit", type=_positive_int, default=20, help="số nhóm câu hỏi tối đa (mặc định 20)")
    p.add_argument(
        "--html", type=Path, metavar="FILE", help="ghi báo cáo tổng quan (biểu đồ, bảng số liệu) vào tệp HTML FILE"
    )
    p.add_argument("--days", type=int, choices=(30, 90), default=30, help="với --html: 30 hay 90 ngày (mặc định 30)")
    p.set_defaults(func=cmd_report)
    p = sub.add_parser("knowledge", help="các phiên bản dữ liệu trong DATABASE_URL: push, versions, export, rollback")
    actions = p.add_subparsers(dest="action", required=True)
    push = actions.add_parser("push", help="kiểm tra rồi lưu một thư mục, tệp .yaml/.txt/.zip thành phiên bản mới")
    push.add_argument("path", type=Path)
    actions.add_parser("versions", help="liệt kê các phiên bản, mới nhất trước")
    export = actions.add_parser("export", help="ghi một phiên bản (mặc định: mới nhất) ra tệp .zip")
    export.add_argument("path", type=Path)
    export.add_argument("--number", type=_positive_int, default=None)
    rollback = actions.add_parser("rollback", help="lưu lại phiên bản N thành phiên bản mới nhất")
    rollback.add_argument("number", type=_positive_int)
    p.set_defaults(func=cmd_knowledge, path=None, number=None)
    p = sub.add_parser("purge", help="xoá các câu hỏi (và góp ý) cũ hơn thời hạn lưu")
    p.add_argument("--days", type=_positive_int, default=None, help="mặc định: QUESTION_RETENTION_DAYS (180)")
    p.set_defaults(func=cmd_purge)
    return parser


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"cần một số nguyên dương, không phải {value!r}")
    return int(value)


def _store_command(name: str) -> Callable[[argparse.Namespace], int]:
    """A command of bot.cli.store_commands, imported when it runs: the store (SQLAlchemy,
    Alembic) costs a third of a second to import, which `ask` and `check` need not pay."""

    def run(args: argparse.Namespace) -> int:
        from bot.cli import store_commands

        command: Callable[[argparse.Namespace], int] = getattr(store_commands, name)
        return command(args)

    return run


cmd_chat = _store_command("cmd_chat")
cmd_report = _store_command("cmd_report")
cmd_knowledge = _store_command("cmd_knowledge")
cmd_purge = _store_command("cmd_purge")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.knowledge_given = args.knowledge is not None  # commands printed for the curator repeat it
    if args.knowledge is None:
        args.knowledge = default_knowledge()
    func = getattr(args, "func", cmd_default)
    try:
        return int(func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
