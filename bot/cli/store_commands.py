"""The command line's work on the store (DATABASE_URL): the terminal chat as a recorded door,
the curators' report, the knowledge versions, and the purge of old questions."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.answering.answerer import Answerer
from bot.cli.problems import print_problems
from bot.curation import curator_texts
from bot.curation.drafting.review import waiting_for_review
from bot.curation.library import DraftedPage, KnowledgeLibrary, UploadError
from bot.hosting import wiring
from bot.hosting.settings import Settings
from bot.knowledge.problems import KnowledgeError
from bot.knowledge.schema import KnowledgeBase
from bot.store import Store
from bot.store.archive import ArchiveError, unpack


def _settings(args: argparse.Namespace) -> Settings | None:
    """The settings from the environment, or None after saying which variable is wrong."""
    from bot.hosting.settings import SettingsError, load_settings

    try:
        return load_settings(knowledge_dir=args.knowledge)
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return None


def _on_store(args: argparse.Namespace, work: Callable[[Settings, Store, KnowledgeLibrary], Awaitable[int]]) -> int:
    """Run `work` with the store of DATABASE_URL open, and its knowledge versions; both closed after.
    Exit 2 on bad settings, 1 when the store cannot be opened (after saying why, without the password)."""
    from bot.store.store import StoreError
    from bot.store.url import DatabaseUrlError

    settings = _settings(args)
    if settings is None:
        return 2

    async def run() -> int:
        try:
            store = await wiring.open_store(settings)
        except (StoreError, DatabaseUrlError) as exc:
            print(exc, file=sys.stderr)
            return 1
        versions = wiring.library(store, settings)
        try:
            return await work(settings, store, versions)
        finally:
            versions.close()
            await store.close()

    return asyncio.run(run())


def cmd_chat(args: argparse.Namespace) -> int:
    """The terminal chat: a door like the others, on the newest stored version, its questions
    recorded. While the database cannot be reached it still answers, from the knowledge directory,
    and says that nothing is recorded."""
    from bot.channels.console import chat
    from bot.chat.chat_texts import CHAT_WITHOUT_STORE
    from bot.store.store import StoreError
    from bot.store.url import DatabaseUrlError

    settings = _settings(args)
    if settings is None:
        return 2

    async def run() -> int:
        try:
            store = await wiring.open_store(settings)
        except DatabaseUrlError as exc:
            print(exc, file=sys.stderr)
            return 1
        except StoreError as exc:
            print(f"{exc}\n{CHAT_WITHOUT_STORE}", file=sys.stderr)
            try:
                answerer = await asyncio.to_thread(Answerer.from_directory, settings.knowledge_dir)
            except KnowledgeError as problems:
                print_problems(settings.knowledge_dir, problems)
                return 1
            return await chat(wiring.dialogue(answerer, settings), sys.stdin, sys.stdout)
        versions = wiring.library(store, settings)
        try:
            try:
                number, snapshot = await versions.build_newest()
            except KnowledgeError as exc:
                print_problems(settings.knowledge_dir, exc)
                return 1
            answerer = Answerer(snapshot)
            versions.serve(answerer, number, snapshot)
            return await chat(wiring.dialogue(answerer, settings, store, versions), sys.stdin, sys.stdout)
        finally:
            versions.close()
            await store.close()

    return asyncio.run(run())


def cmd_report(args: argparse.Namespace) -> int:
    """`report`: what the bot could not answer, and how its answers were rated."""

    async def work(settings: Settings, store: Store, versions: KnowledgeLibrary) -> int:
        if args.html is not None:
            return await _write_overview(args.html, args.days, settings, store, versions)
        since = dt.datetime.now(dt.UTC) - dt.timedelta(days=args.since) if args.since else None
        groups = await store.questions.unanswered(since=since, limit=args.limit)
        feedback = await store.feedback.report(since=since)
        if args.json:
            report = {
                "unanswered": [
                    {"text": g.text, "count": g.count, "users": g.users, "variants": list(g.variants)} for g in groups
                ],
                "feedback": {
                    "up": feedback.up,
                    "down": feedback.down,
                    "wrong": [
                        {"entry_ids": list(w.entry_ids), "count": w.count, "example": w.example} for w in feedback.wrong
                    ],
                    "comments": [{"question": c.question, "comment": c.comment} for c in feedback.comments],
                },
            }
            print(json.dumps(report, ensure_ascii=False, indent=2))
            return 0
        print(curator_texts.UNANSWERED_TITLE)
        for i, g in enumerate(groups, 1):
            print(curator_texts.unanswered_line(i, g.text, g.count, g.users, len(g.variants)))
        if not groups:
            print(curator_texts.NOTHING_UNANSWERED)
        print(f"\n{curator_texts.FEEDBACK_TITLE}: {curator_texts.feedback_totals(feedback.up, feedback.down)}")
        for w in feedback.wrong:
            print(curator_texts.wrong_line(", ".join(w.entry_ids) or "—", w.count, w.example))
        for c in feedback.comments:
            print(curator_texts.comment_line(c.question, c.comment))
        return 0

    return _on_store(args, work)


async def _write_overview(target: Path, days: int, settings: Settings, store: Store, versions: KnowledgeLibrary) -> int:
    """`report --html FILE`: the overview of the last `days` days as one HTML page, named from the
    newest stored version of the base (only read: the local directory is not stored here), or
    from the knowledge directory while the store holds none."""
    from bot.curation.overview import build_overview, charts, report_html
    from bot.knowledge.loading import load

    number = await versions.newest_number()
    directory = await versions.checkout(number) if number is not None else Path(settings.knowledge_dir)
    try:
        kb = await asyncio.to_thread(load, directory)
    except KnowledgeError as exc:
        print_problems(directory, exc)
        return 1
    overview = await build_overview(store, kb, days)
    try:
        target.write_text(report_html(overview, charts(overview)), encoding="utf-8")
    except OSError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(curator_texts.overview_written(str(target), days))
    return 0


def cmd_knowledge(args: argparse.Namespace) -> int:
    """`knowledge push|versions|export|rollback`: the stored versions, for a curator at a terminal,
    the same work as /capnhat, /phienban, /xuat and /khoiphuc in the chat."""

    async def work(settings: Settings, store: Store, versions: KnowledgeLibrary) -> int:
        drafted: DraftedPage | None = None
        source: Path | None = None
        try:
            await versions.store_deployed()  # the deployed knowledge/ is version 1 of an empty store
            if args.action == "versions":
                for v in await versions.history():
                    print(curator_texts.version_line(v.number, v.created_at.strftime("%d/%m/%Y %H:%M"), v.note, False))
                return 0
            if args.action == "export":
                number, archive = await versions.export(args.number)
                target = Path(args.path)
                if target.suffix.lower() == ".zip":
                    target.write_bytes(archive)
                    print(curator_texts.saved_to(f"{target} (phiên bản {number})"))
                else:  # a directory to edit, check and push again
                    unpack(archive, target)
                    print(f"Đã ghi phiên bản {number} vào thư mục {target}.")
                return 0
            if args.action == "rollback":
                directory = await versions.checkout(args.number)
                note = curator_texts.rollback_note(args.number)
            else:
                source = Path(args.path)
                if source.is_dir():
                    directory, note = source, f"đẩy từ thư mục {source}"
                elif source.is_file():
                    taken = await versions.intake(source.name, source.read_bytes())
                    directory, drafted = taken.directory, taken.drafted
                    note = curator_texts.uploaded_note(source.name)
                else:
                    print(f"Không có tệp hay thư mục {source}", file=sys.stderr)
                    return 1
            try:
                info, snapshot = await versions.validate_and_save(directory, door="cli", author=None, note=note)
            except KnowledgeError as exc:
                print_problems(Path(args.path or directory), exc)
                return 1
            print(
                f"{curator_texts.now_serving(info.number)} ({info.note}). "
                "Các bot đang chạy sẽ chuyển sang phiên bản này."
            )
            local = source if source is not None and source.is_dir() else None
            for line in review_after_push(snapshot.kb, info.number, drafted, local):
                print(line)
            return 0
        except (UploadError, LookupError, ArchiveError, OSError) as exc:
            print(exc, file=sys.stderr)
            return 1
        except KnowledgeError as exc:  # the deployed directory itself is broken, and nothing is stored yet
            print_problems(settings.knowledge_dir, exc)
            return 1

    return _on_store(args, work)


def review_after_push(kb: KnowledgeBase, number: int, drafted: DraftedPage | None, local: Path | None) -> list[str]:
    """What the pushed version holds for review: the page drafted (or that nothing was), each
    article's drafts that wait, what must be filled in, and the exact commands to review them:
    in the chat, or here (in ``local``, the directory pushed, or else in the version exported)."""
    lines: list[str] = []
    here = str(local) if local is not None else f"ban-duyet-v{number}"
    if drafted is not None and drafted.entries:
        lines.append(
            f"Trang {drafted.source} được soạn nháp thành bài {drafted.article} "
            f"(huyện {drafted.district}): {drafted.entries} mục nháp."
        )
    elif drafted is not None:
        shown = (
            "bot liệt kê bài trong /huyen, /nguon nhưng chưa có số liệu nào của bài để trả lời"
            if drafted.article in kb.articles
            else "bot chưa dùng bài này"
        )
        lines.append(
            f"Trang {drafted.source} không cho mục nháp nào: chỉ thêm bài viết articles/{drafted.article}.txt, "
            f"chưa có mục nào ({shown})."
        )
        facts = f"{here}/facts/{drafted.article}.yaml"
        lines.append(
            f"Có thể thêm mục bằng tay: python -m bot knowledge export {here}, viết {facts} (article: "
            f"{drafted.article}, rồi entries; xem knowledge/README.md), rồi python -m bot knowledge push {here}"
        )
    review = waiting_for_review(kb)
    for waiting in review:
        flagged = f", {len(waiting.flagged)} mục có dấu hiệu sai ⚠" if waiting.flagged else ""
        lines.append(
            f"Bài {waiting.article.id} có {waiting.count} mục nháp chờ duyệt "
            f"(huyện {waiting.article.district}; bot chưa dùng để trả lời){flagged}."
        )
        if waiting.to_fill:
            lines.append(f"  Cần điền trước khi duyệt: {waiting.to_fill}")
    if not review:
        return lines
    articles = [w.article.id for w in review]
    lines.append("Duyệt trong chat (quản trị viên): " + " · ".join(f"/duyet {a}" for a in articles))
    lines.append("Hoặc tại máy này:")
    if local is None:
        lines.append(f"  python -m bot knowledge export {here}      (phiên bản {number} vào thư mục {here})")
    lines.append(f"  python -m bot --knowledge {here} check --drafts      (các mục nháp, ⚠: có dấu hiệu sai)")
    lines.extend(f"  python -m bot --knowledge {here} draft --accept facts/{a}.yaml --all" for a in articles)
    lines.append(f"  python -m bot knowledge push {here}")
    return lines


def cmd_purge(args: argparse.Namespace) -> int:
    """`purge [--days N]`: delete the questions (and feedback) older than the retention period."""

    async def work(settings: Settings, store: Store, versions: KnowledgeLibrary) -> int:
        removed = await store.purge_questions(args.days)
        print(f"Đã xoá {removed} câu hỏi cũ hơn {args.days or settings.question_retention_days} ngày.")
        return 0

    return _on_store(args, work)
