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
import html
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

from bot.chat.desk import Core
from bot.chat.messages import Attachment, Incoming, Reply
from bot.curation import curator_texts
from bot.curation.drafting.flags import flag_entries
from bot.curation.drafting.review import to_fill, waiting_for_review
from bot.curation.gaps import unanswered_groups
from bot.curation.library import ChangedMeanwhile, DraftedPage, KnowledgeLibrary, UploadError, relative_problems
from bot.curation.reports import failure_lines, report_lines
from bot.knowledge.loading import load
from bot.knowledge.problems import KnowledgeError, Problem
from bot.knowledge.schema import Located
from bot.language.folding import fold
from bot.store.archive import ArchiveError

if TYPE_CHECKING:
    from bot.store import Store

log = logging.getLogger(__name__)

UPLOAD_WAIT = 10 * 60.0  # after /capnhat, how long the next file is taken as the update
MAX_UNANSWERED = 50
UNANSWERED_DAYS = 3650  # every question still kept (the retention setting purges older ones)


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
    """/chuatraloi [n]: the real gaps most often asked, near-duplicates grouped; the refusals on
    purpose (opinions, instructions, general knowledge) only counted, apart."""
    limit = min(int(args), MAX_UNANSWERED) if args.isdigit() and int(args) > 0 else 10
    gaps, refusals = await unanswered_groups(store, days=UNANSWERED_DAYS, shown=0)
    if not gaps and not refusals:
        return Reply.say("command", curator_texts.NOTHING_UNANSWERED, title=curator_texts.UNANSWERED_TITLE)
    lines = [
        curator_texts.unanswered_line(i, g.text, g.count, g.users, len(g.variants))
        for i, g in enumerate(gaps[:limit], 1)
    ] or [curator_texts.NO_REAL_GAPS]
    if refusals:
        lines.append(curator_texts.refusals_line(len(refusals), sum(g.count for g in refusals)))
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
        taken = await library.intake(attachment.name, attachment.data)
    except UploadError as exc:
        return Reply.say("invalid", curator_texts.upload_refused(str(exc)))
    note = curator_texts.uploaded_note(attachment.name)
    return await store_and_serve(core, library, msg, taken.directory, note, drafted=taken.drafted)


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
    return await store_and_serve(core, library, msg, directory, curator_texts.rollback_note(number))


@curator("xuat")
async def export(core: Core, msg: Incoming, args: str, library: KnowledgeLibrary) -> Reply:
    """/xuat: the knowledge being served, as a .zip."""
    number, archive = await library.export()
    name = f"knowledge-v{number}.zip"
    return Reply(kind="command", parts=(curator_texts.exported(name),), attachment=Attachment(name=name, data=archive))


@curator("duyet")
async def accept_drafts(core: Core, msg: Incoming, args: str, library: KnowledgeLibrary) -> Reply:
    """/duyet <mã bài> [trang N | all [force] | mã1,mã2 [force] | bo mã1,mã2]: with the article
    alone (or a page number), its drafts as users would read them, page by page; with `all` or
    ids, accepted (drafts that look wrong only with `force`), as a new version, and served; with
    `bo` and ids, those drafts removed from the facts file, as a new version."""
    words = args.split()
    waiting = _drafts_by_article(core)
    kb = core.answerer.kb
    if not words or (words[0] not in kb.articles and words[0] not in kb.draft_articles):
        return Reply.say("invalid", curator_texts.accept_usage(sorted(waiting)))
    article, rest = words[0], words[1:]
    folded = [fold(w) for w in rest]
    if not rest or (len(rest) == 2 and folded[0] in curator_texts.PAGE_WORDS and rest[1].isdecimal()):
        return _drafts_page(article, waiting.get(article, []), int(rest[1]) if rest else 1, msg.door)
    if folded[0] in curator_texts.REJECT_WORDS:
        ids = _ids(rest[1:])
        if not ids:
            return Reply.say("invalid", curator_texts.reject_usage(article))
        return await _changed(core, library, msg, article, ids, reject=True, force=False)
    force = folded[-1] in curator_texts.FORCE_WORDS
    if force:
        rest, folded = rest[:-1], folded[:-1]
    if len(rest) == 1 and (rest[0].lower() in curator_texts.ACCEPT_ALL or folded[0] in curator_texts.ACCEPT_ALL):
        return await _changed(core, library, msg, article, None, reject=False, force=force)
    ids = _ids(rest)
    if not ids:
        return Reply.say("invalid", curator_texts.accept_usage(sorted(waiting)))
    return await _changed(core, library, msg, article, ids, reject=False, force=force)


def _ids(words: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in re.split(r"[,\s]+", " ".join(words)) if i))


# A page of drafts fits one message: Telegram's 4,096 characters (as the HTML it sends), and
# elsewhere Zalo's 2,000 (UTF-16 units; the terminal takes Zalo's pages), with a margin.
PAGE_HTML = {"telegram": 4000}
PAGE_CHARS = 1900
DRAFT_TEXT = 400  # an answer or a quote longer than this is shown cut, with "…"
DRAFT_REASONS = 3  # at most this many reasons shown under a draft


def _drafts_page(article: str, drafts: list[Located], page: int, door: str) -> Reply:
    """One page of an article's drafts: each with its answer and quote, its flags, and the
    commands that accept or reject them; pages turned by /duyet <mã bài> trang N."""
    if not drafts:
        return Reply.say("command", curator_texts.NO_DRAFTS, title=curator_texts.drafts_title(article, 0))
    flags = flag_entries([d.entry for d in drafts], drafts[0].article.text)
    blocks = [_draft_block(d, flags.get(d.id, [])) for d in drafts]
    how = curator_texts.accept_how(article, len(flags))
    intro = [curator_texts.flagged_intro(article, len(flags))] if flags else []
    pages = _paginate(blocks, lambda n, total: _page_frame(article, len(drafts), n, total, intro, how), door)
    page = min(max(page, 1), len(pages))
    title, head, tail = _page_frame(article, len(drafts), page, len(pages), intro, how)
    return Reply.say("command", *head, *pages[page - 1], *tail, title=title)


def _draft_block(located: Located, reasons: list[str]) -> str:
    entry = located.entry
    more = len(reasons) - DRAFT_REASONS
    shown = reasons[:DRAFT_REASONS] + ([curator_texts.more_reasons(more)] if more > 0 else [])
    return curator_texts.draft_block(
        entry.id, entry.kind, entry.title, _cut(entry.answer), _cut(entry.quote), [_cut(r) for r in shown]
    )


def _cut(text: str, limit: int = DRAFT_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


_Frame = tuple[str, list[str], list[str]]


def _page_frame(article: str, count: int, page: int, pages: int, intro: list[str], how: str) -> _Frame:
    """(title, the blocks before the drafts, the blocks after them) of one page."""
    tail = [curator_texts.page_turns(article, page, pages), how] if pages > 1 else [how]
    return curator_texts.drafts_title(article, count, page, pages), intro, tail


def _paginate(blocks: list[str], frame: Callable[[int, int], _Frame], door: str) -> list[list[str]]:
    """The blocks in pages that each fit one message of the door with their frame (the frame is
    measured at its longest: the page numbers may need more digits)."""
    title, head, tail = frame(999, 999)
    budget = [title, *head, *tail]
    pages: list[list[str]] = [[]]
    for block in blocks:
        if pages[-1] and not fits_message([*budget, *pages[-1], block], door):
            pages.append([])
        pages[-1].append(block)
    return pages


def fits_message(blocks: list[str], door: str) -> bool:
    """Do these blocks, the first one the title, fit one message of the door?"""
    text = "\n\n".join(blocks)
    if door in PAGE_HTML:
        return len(html.escape(text)) + len("<b></b>") <= PAGE_HTML[door]
    return len(text.encode("utf-16-le")) // 2 <= PAGE_CHARS


async def _changed(
    core: Core,
    library: KnowledgeLibrary,
    msg: Incoming,
    article: str,
    ids: list[str] | None,
    *,
    reject: bool,
    force: bool,
) -> Reply:
    """The article's drafts accepted (ids, or every one: None) or rejected in a working copy of
    the newest version, which is then validated, stored and served; or the reply saying why not."""
    directory = await library.working_copy()
    changed = await _change(directory, article, ids, reject=reject, force=force)
    if isinstance(changed, Reply):
        library.discard(directory)  # nothing to save
        return changed
    note, said = changed
    return await store_and_serve(core, library, msg, directory, note, said)


async def _change(
    directory: Path, article: str, ids: list[str] | None, *, reject: bool, force: bool
) -> Reply | tuple[str, list[str]]:
    """The change made in the working copy: the version's note and what the reply says first;
    or the reply saying why nothing was changed."""
    facts = directory / "facts" / f"{article}.yaml"
    if not facts.is_file():
        return Reply.say("invalid", curator_texts.NO_DRAFTS)
    from bot.curation.drafting.accept import accept
    from bot.curation.drafting.accept import reject as reject_drafts

    if reject:
        assert ids is not None
        # the working copy is validated whole next (build_snapshot reports the same problems) and discarded if it fails
        rejected = await asyncio.to_thread(reject_drafts, facts, ids, validate=False)
        if rejected.unknown:
            return Reply.say("invalid", curator_texts.unknown_drafts(rejected.unknown, article, rejecting=True))
        if rejected.not_drafts:
            return Reply.say("invalid", curator_texts.not_drafts(rejected.not_drafts, article))
        if rejected.problems:
            return _problems_reply(rejected.problems, directory)
        summary = curator_texts.rejected_summary(article, rejected.rejected, rejected.removed_file)
        return curator_texts.rejected_note(article, len(rejected.rejected)), [summary]
    flags = await asyncio.to_thread(_flags_in, directory, article)
    if isinstance(flags, Reply):
        return flags
    drafted, flagged = flags
    said: list[str] = []
    if ids is None:
        chosen = drafted
        if not force and any(i in flagged for i in chosen):
            skipped = [i for i in chosen if i in flagged]
            chosen = [i for i in chosen if i not in flagged]
            lines = [curator_texts.flagged_line(i, flagged[i]) for i in skipped]
            if not chosen:
                return Reply.say(
                    "invalid",
                    curator_texts.all_flagged(article),
                    "\n".join(lines),
                    curator_texts.skipped_how(article, skipped),
                )
            said = [
                curator_texts.skipped_flagged(article, len(skipped)) + "\n" + "\n".join(lines),
                curator_texts.skipped_how(article, skipped),
            ]
        if not chosen:
            return Reply.say("invalid", curator_texts.NO_DRAFTS)
    else:
        chosen = ids
        bad = [i for i in ids if i in flagged]
        if bad and not force:
            lines = [curator_texts.flagged_line(i, flagged[i]) for i in bad]
            return Reply.say("invalid", "\n".join(lines), curator_texts.flagged_refused(article, ids))
    result = await asyncio.to_thread(accept, facts, chosen, validate=False)
    if result.unknown:
        return Reply.say("invalid", curator_texts.unknown_drafts(result.unknown, article))
    if result.problems:
        return _problems_reply(result.problems, directory)
    if not result.accepted:
        return Reply.say("invalid", curator_texts.NO_DRAFTS)
    return curator_texts.accepted_note(article, len(result.accepted)), [
        curator_texts.accepted_summary(article, len(result.accepted)),
        *said,
    ]


def _flags_in(directory: Path, article: str) -> Reply | tuple[list[str], dict[str, list[str]]]:
    """The article's drafts in the working copy, in their order, and the flagged ones with reasons."""
    try:
        kb = load(directory)
    except KnowledgeError as exc:
        return _problems_reply(exc.problems, directory)
    drafts = [d for d in kb.drafts if d.article.id == article]
    flags = flag_entries([d.entry for d in drafts], drafts[0].article.text) if drafts else {}
    return [d.id for d in drafts], flags


def _problems_reply(problems: list[Problem], directory: Path) -> Reply:
    title, lines = failure_lines(relative_problems(KnowledgeError(problems), directory))
    return Reply.say("command", "\n".join(lines), title=title)


def _drafts_by_article(core: Core) -> dict[str, list[Located]]:
    out: dict[str, list[Located]] = {}
    for located in core.answerer.kb.drafts:
        out.setdefault(located.article.id, []).append(located)
    return out


async def store_and_serve(
    core: Core,
    library: KnowledgeLibrary,
    msg: Incoming,
    directory: Path,
    note: str,
    said: Sequence[str] = (),
    drafted: DraftedPage | None = None,
) -> Reply:
    """The whole base built and validated; if it holds, stored as the next version and served,
    the reply saying first ``said``, then what waits for review. Otherwise the problems, by
    file, entry and field, and the current base keeps serving."""
    try:
        info, snapshot = await library.validate_and_save(directory, door=msg.door, author=msg.user_id, note=note)
    except KnowledgeError as exc:
        title, lines = failure_lines(exc)
        return Reply.say("command", "\n".join(lines), title=title)
    except ChangedMeanwhile:
        return Reply.say("invalid", curator_texts.CHANGED_MEANWHILE)
    number = info.number
    report = library.serve(core.answerer, number, snapshot)
    log.info("Phiên bản dữ liệu %d đang được dùng: %s", number, report)
    title, lines = report_lines(report)
    kb = snapshot.kb
    review = await asyncio.to_thread(waiting_for_review, kb)
    page: list[str] = []
    if drafted is not None:
        if drafted.entries:
            page.append(curator_texts.drafted_page(drafted.source, drafted.article, drafted.entries))
        else:
            page.append(curator_texts.nothing_drafted(drafted.source, drafted.article, drafted.article in kb.articles))
    waiting = [curator_texts.drafts_waiting(r.article.id, r.count, r.article.district, len(r.flagged)) for r in review]
    fill = [curator_texts.to_fill(line) for line in to_fill(kb)]
    return Reply.say(
        "command", *said, curator_texts.now_serving(number), *page, "\n".join(lines), *waiting, *fill, title=title
    )


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
