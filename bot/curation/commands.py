"""What curators do from the chat: see what the bot could not answer and how its answers were
rated, update the knowledge base with a file (a copied news page is drafted), accept drafts,
list library, roll back, export.

Every command here is for admins only (ADMIN_IDS, ZALO_ADMIN_IDS; the terminal's user is
one). An upload is validated with the whole base exactly as /reload validates, stored as
a new version and only then swapped in.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

from bot.chat.desk import Core
from bot.chat.messages import Attachment, Incoming, Reply
from bot.curation import curator_texts
from bot.curation.drafting.review import to_fill
from bot.curation.library import KnowledgeLibrary, UploadError, relative_problems
from bot.curation.reports import failure_lines, report_lines
from bot.knowledge.problems import KnowledgeError
from bot.knowledge.schema import Located
from bot.store.archive import ArchiveError

if TYPE_CHECKING:
    from bot.store import Store

log = logging.getLogger(__name__)

UPLOAD_WAIT = 10 * 60.0  # after /capnhat, how long the next file is taken as the update
MAX_UNANSWERED = 50


# A curator's command: the chat's handler with the knowledge library (None without a store) first.
CuratorCommand = Callable[[KnowledgeLibrary | None, Core, Incoming, str], Awaitable[Reply]]
_OnStore = Callable[[Core, Incoming, str, "Store"], Awaitable[Reply]]
_OnLibrary = Callable[[Core, Incoming, str, KnowledgeLibrary], Awaitable[Reply]]


def refusal(core: Core, msg: Incoming, command: str, text: str = curator_texts.ADMINS_ONLY) -> Reply | None:
    """None for an admin; for anyone else the refusal (``text``), logged."""
    if core.is_admin(msg):
        return None
    log.warning("Từ chối /%s của người dùng %s:%s (không phải quản trị viên)", command, msg.door, msg.user_id)
    return Reply.say("refused", text)


@overload
def curator(command: str, *, needs_library: Literal[False]) -> Callable[[_OnStore], CuratorCommand]: ...
@overload
def curator(command: str, *, needs_library: Literal[True] = ...) -> Callable[[_OnLibrary], CuratorCommand]: ...
def curator(command: str, *, needs_library: bool = True) -> Callable[[Callable[..., Awaitable[Reply]]], CuratorCommand]:
    """A curator's command: refused to anyone but an admin, and NO_STORE when what it works on is
    missing; otherwise the handler runs with it: the store, or (``needs_library``) the library."""

    def wrap(handler: Callable[..., Awaitable[Reply]]) -> CuratorCommand:
        @functools.wraps(handler)
        async def checked(library: KnowledgeLibrary | None, core: Core, msg: Incoming, args: str) -> Reply:
            refused = refusal(core, msg, command)
            if refused is not None:
                return refused
            needed = library if needs_library else core.store
            if needed is None:
                return Reply.say("invalid", curator_texts.NO_STORE)
            return await handler(core, msg, args, needed)

        return checked

    return wrap


@curator("chuatraloi", needs_library=False)
async def unanswered(core: Core, msg: Incoming, args: str, store: Store) -> Reply:
    """/chuatraloi [n]: the questions most often declined or not answered, near-duplicates grouped."""
    limit = min(int(args), MAX_UNANSWERED) if args.isdigit() and int(args) > 0 else 10
    groups = await store.questions.unanswered(limit=limit)
    if not groups:
        return Reply.say("command", curator_texts.NOTHING_UNANSWERED, title=curator_texts.UNANSWERED_TITLE)
    lines = [
        curator_texts.unanswered_line(i, g.text, g.count, g.users, len(g.variants)) for i, g in enumerate(groups, 1)
    ]
    return Reply.say("command", "\n".join(lines), title=curator_texts.UNANSWERED_TITLE)


@curator("phanhoi", needs_library=False)
async def feedback_report(core: Core, msg: Incoming, args: str, store: Store) -> Reply:
    """/phanhoi: thumbs up and down, and the answers most often marked wrong."""
    report = await store.feedback.report()
    parts = [curator_texts.feedback_totals(report.up, report.down)]
    if report.wrong:
        parts.append(
            curator_texts.WRONG_TITLE
            + "\n"
            + "\n".join(
                curator_texts.wrong_line(", ".join(w.entry_ids) or "—", w.count, w.example) for w in report.wrong
            )
        )
    if report.comments:
        parts.append(
            curator_texts.COMMENTS_TITLE
            + "\n"
            + "\n".join(curator_texts.comment_line(c.question, c.comment) for c in report.comments)
        )
    return Reply.say("command", *parts, title=curator_texts.FEEDBACK_TITLE)


@curator("capnhat")
async def update(core: Core, msg: Incoming, args: str, library: KnowledgeLibrary) -> Reply:
    """/capnhat: the next file (or the one sent with the command) updates the knowledge base."""
    if msg.attachment is not None:
        return await upload(library, core, msg)
    if not msg.takes_files:
        return Reply.say("invalid", curator_texts.NO_FILES_HERE)
    await core.state.put(_upload_key(msg), {"waiting": True}, UPLOAD_WAIT)
    if args:  # "/capnhat ten-tep.yaml" with no file attached (in the terminal: no such file)
        return Reply.say("invalid", curator_texts.no_file_named(args))
    return Reply.say("command", curator_texts.SEND_THE_FILE)


async def awaited(core: Core, msg: Incoming) -> bool:
    """Is this conversation's admin expected to send a file?"""
    return await core.state.get(_upload_key(msg)) is not None


async def upload(library: KnowledgeLibrary, core: Core, msg: Incoming) -> Reply:
    """Validate the file with the whole base, store it as a new version, swap it in."""
    assert msg.attachment is not None
    await core.state.delete(_upload_key(msg))
    attachment = msg.attachment
    log.info("Quản trị viên %s:%s gửi tệp %s (%d byte)", msg.door, msg.user_id, attachment.name, len(attachment.data))
    try:
        candidate = await library.candidate(attachment.name, attachment.data)
    except UploadError as exc:
        return Reply.say("invalid", curator_texts.upload_refused(str(exc)))
    return await _validated_stored_served(core, library, msg, candidate, curator_texts.uploaded_note(attachment.name))


@curator("phienban")
async def versions_list(core: Core, msg: Incoming, args: str, library: KnowledgeLibrary) -> Reply:
    """/phienban: the stored library, newest first."""
    history = await library.history()
    lines = [
        curator_texts.version_line(
            v.number, v.created_at.strftime("%d/%m/%Y %H:%M"), v.note, v.number == library.loaded
        )
        for v in history[:30]
    ]
    return Reply.say("command", "\n".join(lines) or curator_texts.NO_VERSIONS, title=curator_texts.VERSIONS_TITLE)


@curator("khoiphuc")
async def rollback(core: Core, msg: Incoming, args: str, library: KnowledgeLibrary) -> Reply:
    """/khoiphuc N: version N, stored again as the newest (so that every replica and restart serves it)."""
    if not re.fullmatch(r"[1-9][0-9]{0,8}", args):
        return Reply.say("invalid", curator_texts.ROLLBACK_USAGE)
    number = int(args)
    try:
        directory = await library.checkout(number)
    except (LookupError, ArchiveError):
        return Reply.say("invalid", curator_texts.no_such_version(number))
    return await _validated_stored_served(core, library, msg, directory, curator_texts.rollback_note(number))


@curator("xuat")
async def export(core: Core, msg: Incoming, args: str, library: KnowledgeLibrary) -> Reply:
    """/xuat: the knowledge being served, as a .zip."""
    number, archive = await library.export()
    name = f"knowledge-v{number}.zip"
    return Reply(kind="command", parts=(curator_texts.exported(name),), attachment=Attachment(name=name, data=archive))


@curator("duyet")
async def accept_drafts(core: Core, msg: Incoming, args: str, library: KnowledgeLibrary) -> Reply:
    """/duyet <mã bài> [all | mã1,mã2]: drafted entries accepted, as a new version, and served;
    with the article alone, its drafts listed for review."""
    words = args.split()
    waiting = _drafts_by_article(core)
    kb = core.answerer.kb
    if not words or len(words) > 2 or (words[0] not in kb.articles and words[0] not in kb.draft_articles):
        return Reply.say("invalid", curator_texts.accept_usage(sorted(waiting)))
    article = words[0]
    if len(words) == 1:
        drafts = waiting.get(article, [])
        listed = "\n".join(curator_texts.draft_line(d.id, d.entry.title) for d in drafts) or curator_texts.NO_DRAFTS
        return Reply.say(
            "command", listed, curator_texts.accept_how(article), title=curator_texts.drafts_title(article, len(drafts))
        )
    ids = None if words[1].lower() in curator_texts.ACCEPT_ALL else [i for i in words[1].split(",") if i]
    directory = await library.working_copy()
    accepted = await _accept(directory, article, ids)
    if isinstance(accepted, Reply):
        library.discard(directory)  # nothing to save
        return accepted
    return await _validated_stored_served(core, library, msg, directory, curator_texts.accepted_note(article, accepted))


async def _accept(directory: Path, article: str, ids: list[str] | None) -> Reply | int:
    """The article's drafts accepted in the working copy: how many, or the reply saying why none were."""
    facts = directory / "facts" / f"{article}.yaml"
    if not facts.is_file():
        return Reply.say("invalid", curator_texts.NO_DRAFTS)
    from bot.curation.drafting.accept import accept

    # the working copy is validated whole next (build_snapshot reports the same problems) and discarded if it fails
    result = await asyncio.to_thread(accept, facts, ids, validate=False)
    if result.unknown:
        return Reply.say("invalid", curator_texts.unknown_drafts(result.unknown, article))
    if result.problems:
        title, lines = failure_lines(relative_problems(KnowledgeError(result.problems), directory))
        return Reply.say("command", "\n".join(lines), title=title)
    if not result.accepted:
        return Reply.say("invalid", curator_texts.NO_DRAFTS)
    return len(result.accepted)


def _drafts_by_article(core: Core) -> dict[str, list[Located]]:
    out: dict[str, list[Located]] = {}
    for located in core.answerer.kb.drafts:
        out.setdefault(located.article.id, []).append(located)
    return out


async def _validated_stored_served(
    core: Core, library: KnowledgeLibrary, msg: Incoming, directory: Path, note: str
) -> Reply:
    """The whole base built and validated; if it holds, stored as the next version and served.
    Otherwise the problems, by file, entry and field, and the current base keeps serving."""
    try:
        info, snapshot = await library.validate_and_save(directory, door=msg.door, author=msg.user_id, note=note)
    except KnowledgeError as exc:
        title, lines = failure_lines(exc)
        return Reply.say("command", "\n".join(lines), title=title)
    number = info.number
    report = library.serve(core.answerer, number, snapshot)
    log.info("Phiên bản dữ liệu %d đang được dùng: %s", number, report)
    title, lines = report_lines(report)
    drafts = _drafts_by_article(core)
    waiting = [curator_texts.drafts_waiting(article, len(found)) for article, found in sorted(drafts.items())]
    fill = [curator_texts.to_fill(line) for line in to_fill(snapshot.kb)]
    return Reply.say("command", curator_texts.now_serving(number), "\n".join(lines), *waiting, *fill, title=title)


def _upload_key(msg: Incoming) -> str:
    return f"upload:{msg.conversation}"


async def reload(library: KnowledgeLibrary | None, core: Core, msg: Incoming, args: str) -> Reply:
    """/reload: with a store, the newest version (files edited here become one first); without,
    the knowledge directory again. On problems the current base keeps serving and they are listed."""
    refused = refusal(core, msg, "reload", curator_texts.RELOAD_REFUSED)
    if refused is not None:
        return refused
    log.info("Quản trị viên %s:%s nạp lại dữ liệu", msg.door, msg.user_id)
    try:
        if library is None:
            report = await asyncio.to_thread(core.answerer.reload)
        else:
            report = await library.serve_newest(core.answerer)
    except KnowledgeError as exc:
        log.error("Nạp lại thất bại (%d lỗi); vẫn dùng dữ liệu cũ", len(exc.problems))
        title, lines = failure_lines(exc)
        return Reply.say("command", "\n".join(lines), title=title)
    log.info("Đã nạp lại: %s", report)
    title, lines = report_lines(report)
    return Reply.say("command", "\n".join(lines), title=title)


COMMANDS: dict[str, CuratorCommand] = {
    "chuatraloi": unanswered,
    "phanhoi": feedback_report,
    "capnhat": update,
    "duyet": accept_drafts,
    "phienban": versions_list,
    "khoiphuc": rollback,
    "xuat": export,
    "reload": reload,
}
