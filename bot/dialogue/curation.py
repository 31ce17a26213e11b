"""What curators do from the chat: see what the bot could not answer and how its answers were
rated, update the knowledge base with a file (a copied news page is drafted), accept drafts,
list versions, roll back, export.

Every command here is for admins only (ADMIN_IDS, ZALO_ADMIN_IDS; the terminal's user is
one). An upload is validated with the whole base exactly as /reload validates, stored as
a new version and only then swapped in.
"""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..drafting.review import to_fill
from ..knowledge import KnowledgeError, Located
from ..store.archive import ArchiveError
from . import texts
from .messages import Attachment, Incoming, Reply
from .reload import failure_lines, report_lines
from .versions import UploadError, relative_problems

if TYPE_CHECKING:
    from .core import Dialogue

log = logging.getLogger(__name__)

UPLOAD_WAIT = 10 * 60.0  # after /capnhat, how long the next file is taken as the update
MAX_UNANSWERED = 50


def _refused(core: Dialogue, msg: Incoming, command: str) -> Reply | None:
    if core.is_admin(msg):
        return None
    log.warning("Từ chối /%s của người dùng %s:%s (không phải quản trị viên)", command, msg.door, msg.user_id)
    return Reply.say("refused", texts.ADMINS_ONLY)


def _no_store(core: Dialogue) -> Reply | None:
    return None if core.store is not None else Reply.say("invalid", texts.NO_STORE)


async def unanswered(core: Dialogue, msg: Incoming, args: str) -> Reply:
    """/chuatraloi [n]: the questions most often declined or not answered, near-duplicates grouped."""
    refused = _refused(core, msg, "chuatraloi") or _no_store(core)
    if refused is not None:
        return refused
    assert core.store is not None
    limit = min(int(args), MAX_UNANSWERED) if args.isdigit() and int(args) > 0 else 10
    groups = await core.store.questions.unanswered(limit=limit)
    if not groups:
        return Reply.say("command", texts.NOTHING_UNANSWERED, title=texts.UNANSWERED_TITLE)
    lines = [texts.unanswered_line(i, g.text, g.count, g.users, len(g.variants)) for i, g in enumerate(groups, 1)]
    return Reply.say("command", "\n".join(lines), title=texts.UNANSWERED_TITLE)


async def feedback_report(core: Dialogue, msg: Incoming, args: str) -> Reply:
    """/phanhoi: thumbs up and down, and the answers most often marked wrong."""
    refused = _refused(core, msg, "phanhoi") or _no_store(core)
    if refused is not None:
        return refused
    assert core.store is not None
    report = await core.store.feedback.report()
    parts = [texts.feedback_totals(report.up, report.down)]
    if report.wrong:
        parts.append(
            texts.WRONG_TITLE
            + "\n"
            + "\n".join(texts.wrong_line(", ".join(w.entry_ids) or "—", w.count, w.example) for w in report.wrong)
        )
    if report.comments:
        parts.append(
            texts.COMMENTS_TITLE + "\n" + "\n".join(texts.comment_line(c.question, c.comment) for c in report.comments)
        )
    return Reply.say("command", *parts, title=texts.FEEDBACK_TITLE)


async def update(core: Dialogue, msg: Incoming, args: str) -> Reply:
    """/capnhat: the next file (or the one sent with the command) updates the knowledge base."""
    refused = _refused(core, msg, "capnhat") or _no_store(core)
    if refused is not None:
        return refused
    if msg.attachment is not None:
        return await upload(core, msg)
    if not msg.takes_files:
        return Reply.say("invalid", texts.NO_FILES_HERE)
    await core.state.put(_upload_key(msg), {"waiting": True}, UPLOAD_WAIT)
    if args:  # "/capnhat ten-tep.yaml" with no file attached (in the terminal: no such file)
        return Reply.say("invalid", texts.no_file_named(args))
    return Reply.say("command", texts.SEND_THE_FILE)


async def awaited(core: Dialogue, msg: Incoming) -> bool:
    """Is this conversation's admin expected to send a file?"""
    return await core.state.get(_upload_key(msg)) is not None


async def upload(core: Dialogue, msg: Incoming) -> Reply:
    """Validate the file with the whole base, store it as a new version, swap it in."""
    assert msg.attachment is not None and core.versions is not None
    await core.state.delete(_upload_key(msg))
    versions = core.versions
    attachment = msg.attachment
    log.info("Quản trị viên %s:%s gửi tệp %s (%d byte)", msg.door, msg.user_id, attachment.name, len(attachment.data))
    try:
        candidate = await versions.candidate(attachment.name, attachment.data)
    except UploadError as exc:
        return Reply.say("invalid", texts.upload_refused(str(exc)))
    return await _validated_stored_served(core, msg, candidate, texts.uploaded_note(attachment.name))


async def versions_list(core: Dialogue, msg: Incoming, args: str) -> Reply:
    """/phienban: the stored versions, newest first."""
    refused = _refused(core, msg, "phienban") or _no_store(core)
    if refused is not None:
        return refused
    assert core.versions is not None
    history = await core.versions.history()
    lines = [
        texts.version_line(v.number, v.created_at.strftime("%d/%m/%Y %H:%M"), v.note, v.number == core.versions.loaded)
        for v in history[:30]
    ]
    return Reply.say("command", "\n".join(lines) or texts.NO_VERSIONS, title=texts.VERSIONS_TITLE)


async def rollback(core: Dialogue, msg: Incoming, args: str) -> Reply:
    """/khoiphuc N: version N, stored again as the newest (so that every replica and restart serves it)."""
    refused = _refused(core, msg, "khoiphuc") or _no_store(core)
    if refused is not None:
        return refused
    assert core.versions is not None
    if not re.fullmatch(r"[1-9][0-9]{0,8}", args):
        return Reply.say("invalid", texts.ROLLBACK_USAGE)
    number = int(args)
    try:
        directory = await core.versions.checkout(number)
    except (LookupError, ArchiveError):
        return Reply.say("invalid", texts.no_such_version(number))
    return await _validated_stored_served(core, msg, directory, texts.rollback_note(number))


async def export(core: Dialogue, msg: Incoming, args: str) -> Reply:
    """/xuat: the knowledge being served, as a .zip."""
    refused = _refused(core, msg, "xuat") or _no_store(core)
    if refused is not None:
        return refused
    assert core.versions is not None
    number, archive = await core.versions.export()
    name = f"knowledge-v{number}.zip"
    return Reply(kind="command", parts=(texts.exported(name),), attachment=Attachment(name=name, data=archive))


async def accept_drafts(core: Dialogue, msg: Incoming, args: str) -> Reply:
    """/duyet <mã bài> [all | mã1,mã2]: drafted entries accepted, as a new version, and served;
    with the article alone, its drafts listed for review."""
    refused = _refused(core, msg, "duyet") or _no_store(core)
    if refused is not None:
        return refused
    assert core.versions is not None
    words = args.split()
    waiting = _drafts_by_article(core)
    kb = core.engine.kb
    if not words or len(words) > 2 or (words[0] not in kb.articles and words[0] not in kb.draft_articles):
        return Reply.say("invalid", texts.accept_usage(sorted(waiting)))
    article = words[0]
    if len(words) == 1:
        drafts = waiting.get(article, [])
        listed = "\n".join(texts.draft_line(d.id, d.entry.title) for d in drafts) or texts.NO_DRAFTS
        return Reply.say("command", listed, texts.accept_how(article), title=texts.drafts_title(article, len(drafts)))
    ids = None if words[1].lower() in texts.ACCEPT_ALL else [i for i in words[1].split(",") if i]
    directory = await core.versions.working_copy()
    accepted = await _accept(directory, article, ids)
    if isinstance(accepted, Reply):
        core.versions.discard(directory)  # nothing to save
        return accepted
    return await _validated_stored_served(core, msg, directory, texts.accepted_note(article, accepted))


async def _accept(directory: Path, article: str, ids: list[str] | None) -> Reply | int:
    """The article's drafts accepted in the working copy: how many, or the reply saying why none were."""
    facts = directory / "facts" / f"{article}.yaml"
    if not facts.is_file():
        return Reply.say("invalid", texts.NO_DRAFTS)
    from ..drafting.accept import accept  # ruamel.yaml loads only for this

    result = await asyncio.to_thread(accept, facts, ids)
    if result.unknown:
        return Reply.say("invalid", texts.unknown_drafts(result.unknown, article))
    if result.problems:
        title, lines = failure_lines(relative_problems(KnowledgeError(result.problems), directory))
        return Reply.say("command", "\n".join(lines), title=title)
    if not result.accepted:
        return Reply.say("invalid", texts.NO_DRAFTS)
    return len(result.accepted)


def _drafts_by_article(core: Dialogue) -> dict[str, list[Located]]:
    out: dict[str, list[Located]] = {}
    for located in core.engine.kb.drafts:
        out.setdefault(located.article.id, []).append(located)
    return out


async def _validated_stored_served(core: Dialogue, msg: Incoming, directory: Path, note: str) -> Reply:
    """The whole base built and validated; if it holds, stored as the next version and served.
    Otherwise the problems, by file, entry and field, and the current base keeps serving."""
    assert core.versions is not None
    try:
        info, snapshot = await core.versions.validate_and_save(directory, door=msg.door, author=msg.user_id, note=note)
    except KnowledgeError as exc:
        title, lines = failure_lines(exc)
        return Reply.say("command", "\n".join(lines), title=title)
    number = info.number
    report = core.versions.serve(core.engine, number, snapshot)
    log.info("Phiên bản dữ liệu %d đang được dùng: %s", number, report)
    title, lines = report_lines(report)
    drafts = _drafts_by_article(core)
    waiting = [texts.drafts_waiting(article, len(found)) for article, found in sorted(drafts.items())]
    fill = [texts.to_fill(line) for line in to_fill(snapshot.kb)]
    return Reply.say("command", texts.now_serving(number), "\n".join(lines), *waiting, *fill, title=title)


def _upload_key(msg: Incoming) -> str:
    return f"upload:{msg.conversation}"
