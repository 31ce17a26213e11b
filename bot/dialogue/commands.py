"""The chat commands, the same in every door: /start, /help, /huyen, /mohinh, /nguon, /hoi, /reload.

A door passes commands through as text; this module reads them and answers.
Each handler is a small async function of the core, the message and the
command's arguments.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from ..knowledge import KnowledgeError
from . import catalog, curation, texts
from .messages import Incoming, Reply
from .reload import failure_lines, report_lines

if TYPE_CHECKING:
    from .core import Dialogue

log = logging.getLogger(__name__)

# "/mohinh Lai Vung", "/hoi@lam_theo_bac_bot câu hỏi": the name, the bot it is addressed to, the rest
_COMMAND = re.compile(r"/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?:\s+(.*))?", re.DOTALL)

Handler = curation.Handler


def parse(text: str) -> tuple[str, str] | None:
    """(name, arguments) of a command, or None when the text is not one."""
    match = _COMMAND.fullmatch(text.strip())
    if match is None:
        return None
    return match.group(1).lower(), (match.group(2) or "").strip()


async def start(core: Dialogue, msg: Incoming, args: str) -> Reply:
    kb = core.engine.kb
    return Reply(
        kind="command",
        title=texts.START_TITLE,
        parts=(texts.intro(catalog.districts_line(kb)),),
        suggestions=catalog.example_suggestions(kb, limit=len(kb.examples)),
        suggestions_heading=texts.START_EXAMPLES,
    )


async def help_(core: Dialogue, msg: Incoming, args: str) -> Reply:
    commands = "\n".join(f"/{name}: {description}" for name, description in texts.COMMANDS)
    return Reply.say(
        "command",
        "\n".join(texts.HELP_LINES),
        f"{texts.HELP_COMMANDS}\n{commands}",
        texts.HELP_GROUPS,
        title=texts.HELP_TITLE,
    )


async def districts(core: Dialogue, msg: Incoming, args: str) -> Reply:
    return catalog.districts_view(core.engine.kb)


async def sources(core: Dialogue, msg: Incoming, args: str) -> Reply:
    return catalog.sources_view(core.engine.kb)


async def models(core: Dialogue, msg: Incoming, args: str) -> Reply:
    snap = core.engine.snapshot
    district, recognised = snap.analyzer.district_named(args)
    if not recognised:
        return Reply.say("decline", texts.no_data_about(args, catalog.districts_line(snap.kb)))
    key = catalog.district_key(snap.kb, district) if district else ""
    return catalog.models_view(snap.kb, key, 0)


async def ask(core: Dialogue, msg: Incoming, args: str) -> Reply:
    if not args:
        return Reply.say("command", texts.ASK_USAGE)
    return await core.question(msg, args)


async def reload(core: Dialogue, msg: Incoming, args: str) -> Reply:
    refused = curation.refusal(core, msg, "reload", texts.RELOAD_REFUSED)
    if refused is not None:
        return refused
    log.info("Quản trị viên %s:%s nạp lại dữ liệu", msg.door, msg.user_id)
    try:
        report = await core.reload_knowledge()
    except KnowledgeError as exc:
        log.error("Nạp lại thất bại (%d lỗi); vẫn dùng dữ liệu cũ", len(exc.problems))
        title, lines = failure_lines(exc)
        return Reply.say("command", "\n".join(lines), title=title)
    log.info("Đã nạp lại: %s", report)
    title, lines = report_lines(report)
    return Reply.say("command", "\n".join(lines), title=title)


async def whoami(core: Dialogue, msg: Incoming, args: str) -> Reply:
    """Your own id on this platform: what an admin puts in ADMIN_IDS / ZALO_ADMIN_IDS."""
    return Reply.say("command", texts.your_id(msg.door, msg.user_id))


HANDLERS: dict[str, Handler] = {
    "id": whoami,
    "chuatraloi": curation.unanswered,
    "phanhoi": curation.feedback_report,
    "capnhat": curation.update,
    "duyet": curation.accept_drafts,
    "phienban": curation.versions_list,
    "khoiphuc": curation.rollback,
    "xuat": curation.export,
    "start": start,
    "help": help_,
    "huyen": districts,
    "mohinh": models,
    "nguon": sources,
    "hoi": ask,
    "reload": reload,
}


async def run(core: Dialogue, msg: Incoming, name: str, args: str) -> Reply:
    handler = HANDLERS.get(name)
    if handler is None:
        # in a group, other bots' commands are none of our business
        return Reply.nothing() if msg.is_group else Reply.say("invalid", texts.UNKNOWN_COMMAND)
    return await handler(core, msg, args)
