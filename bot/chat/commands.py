"""The chat commands, the same in every door: /start, /help, /huyen, /mohinh, /nguon, /hoi, /id.

A door passes commands through as text; this module reads them and answers. Each handler is
a small async function of the core (as :class:`~bot.chat.desk.Core`), the message and the
command's arguments. The curators' commands come from their own layer, through a desk
(:mod:`bot.curation.desk`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.answering import answer_texts, catalog
from bot.chat import chat_texts, views
from bot.chat.desk import Core, Handler
from bot.chat.messages import Incoming, Reply
from bot.knowledge.schema import KnowledgeBase

# "/mohinh Lai Vung", "/hoi@lam_theo_bac_bot câu hỏi": the name, the bot it is addressed to, the rest
_COMMAND = re.compile(r"/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?:\s+(.*))?", re.DOTALL)


def parse(text: str) -> tuple[str, str] | None:
    """(name, arguments) of a command, or None when the text is not one."""
    match = _COMMAND.fullmatch(text.strip())
    if match is None:
        return None
    return match.group(1).lower(), (match.group(2) or "").strip()


async def start(core: Core, msg: Incoming, args: str) -> Reply:
    return welcome(core.answerer.kb)


def welcome(kb: KnowledgeBase) -> Reply:
    """The greeting: who the bot is, what it knows, and example questions to press."""
    return Reply(
        kind="command",
        title=chat_texts.START_TITLE,
        parts=(answer_texts.intro(catalog.districts_line(kb)),),
        suggestions=catalog.example_suggestions(kb, limit=len(kb.examples)),
        suggestions_heading=chat_texts.START_EXAMPLES,
    )


async def help_(core: Core, msg: Incoming, args: str) -> Reply:
    commands = "\n".join(f"/{name}: {description}" for name, description in chat_texts.COMMANDS)
    return Reply.say(
        "command",
        "\n".join(chat_texts.HELP_LINES),
        f"{chat_texts.HELP_COMMANDS}\n{commands}",
        chat_texts.HELP_GROUPS,
        title=chat_texts.HELP_TITLE,
    )


async def districts(core: Core, msg: Incoming, args: str) -> Reply:
    return views.districts_view(core.answerer.kb)


async def sources(core: Core, msg: Incoming, args: str) -> Reply:
    return views.sources_view(core.answerer.kb)


async def models(core: Core, msg: Incoming, args: str) -> Reply:
    snap = core.answerer.snapshot
    district, recognised = snap.analyzer.district_named(args)
    if not recognised:
        return Reply.say("decline", chat_texts.no_data_about(args, catalog.districts_line(snap.kb)))
    key = catalog.district_key(snap.kb, district) if district else ""
    return views.models_view(snap.kb, key, 0)


async def ask(core: Core, msg: Incoming, args: str) -> Reply:
    if not args:
        return Reply.say("command", chat_texts.ASK_USAGE)
    return await core.question(msg, args)


async def whoami(core: Core, msg: Incoming, args: str) -> Reply:
    """Your own id on this platform: what an admin puts in ADMIN_IDS / ZALO_ADMIN_IDS."""
    return Reply.say("command", chat_texts.your_id(msg.door, msg.user_id))


HANDLERS: dict[str, Handler] = {
    "id": whoami,
    "start": start,
    "help": help_,
    "huyen": districts,
    "mohinh": models,
    "nguon": sources,
    "hoi": ask,
}


async def run(core: Core, msg: Incoming, handlers: Mapping[str, Handler], name: str, args: str) -> Reply:
    handler = handlers.get(name)
    if handler is None:
        # in a group, other bots' commands are none of our business
        return Reply.nothing() if msg.is_group else Reply.say("invalid", chat_texts.UNKNOWN_COMMAND)
    return await handler(core, msg, args)
