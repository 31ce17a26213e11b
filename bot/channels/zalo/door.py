"""The Zalo door: a Zalo Bot Platform update in, plain-text messages out.

A translation and a renderer, nothing more. Zalo has no buttons, so the
suggestions and page turns come as numbered lines (see :mod:`bot.channels.plain`)
and the user answers with the number; replies are split under Zalo's
2,000-character limit between blocks, then lines.
"""

from __future__ import annotations

import re

from bot.channels import plain
from bot.channels.zalo.api import ZALO_TEXT_LIMIT
from bot.channels.zalo.splitting import split_message, utf16_length
from bot.channels.zalo.updates import ZaloUpdate
from bot.chat.messages import Incoming, Reply
from bot.curation import curator_texts

DOOR = "zalo"


def incoming(update: ZaloUpdate, bot_name: str | None = None) -> Incoming | None:
    """The core's message for an update, or None for what gets no reply (unsupported events)."""
    if update.kind not in ("text", "image", "sticker"):
        return None
    return Incoming(
        door=DOOR,
        chat_id=update.chat_id,
        user_id=update.user_id,
        is_group=update.is_group,
        message_id=update.message_id,
        text=without_mention(update.text or "", bot_name) if update.kind == "text" else None,
        media="image" if update.kind == "image" else ("sticker" if update.kind == "sticker" else None),
    )


def without_mention(text: str, bot_name: str | None) -> str:
    """In a group the bot only gets messages that mention it: the mention is not part of the question."""
    if bot_name:
        text = re.sub(rf"@{re.escape(bot_name)}\b", " ", text, flags=re.IGNORECASE)
    return " ".join(text.split())


def render(reply: Reply) -> list[str]:
    """The messages to send, each within Zalo's limit, split between blocks, then lines, then words."""
    if reply.silent:
        return []
    text = plain.text(reply)
    if reply.attachment is not None:  # Zalo's bots send no files
        text += "\n\n" + curator_texts.NO_FILES_OUT
    return split_message(text, ZALO_TEXT_LIMIT, measure=utf16_length)
