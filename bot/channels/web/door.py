"""The web door: a browser's JSON message in, the Reply as JSON out.

A translation and a renderer, nothing more. The browser keeps a random
conversation id (localStorage) and sends it with every message; it is the
chat id and the user id of the core's message, so context, suggestion numbers,
feedback, recording (hashed, as every chat id) and the per-user rate limit are
the core's and the store's, whichever replica serves the next message. The
reply is plain data: the page renders every text as text, never as HTML.
"""

from __future__ import annotations

import re
from typing import Any

from bot.answering.answer import Source
from bot.chat import chat_texts
from bot.chat.actions import Rate, encode
from bot.chat.messages import Incoming, Reply
from bot.curation import curator_texts

DOOR = "web"
MAX_TEXT = 1000  # characters of a typed message; a question is a line or two
MAX_ACTION = 64  # a button's data, as for Telegram's callback data
_CONVERSATION = re.compile(r"[A-Za-z0-9_-]{16,64}")


class BadMessage(ValueError):
    """What a browser sent is not a message: the reason, for a 400."""


def incoming(data: Any) -> Incoming:
    """The core's message for a posted body {"conversation", "text" | "action"}; BadMessage otherwise."""
    if not isinstance(data, dict):
        raise BadMessage("body must be a JSON object")
    conversation = data.get("conversation")
    if not isinstance(conversation, str) or not _CONVERSATION.fullmatch(conversation):
        raise BadMessage("conversation: 16-64 letters, digits, '-' or '_'")
    text, action = data.get("text"), data.get("action")
    if (text is None) == (action is None):
        raise BadMessage("exactly one of text and action")
    if text is not None and (not isinstance(text, str) or len(text) > MAX_TEXT):
        raise BadMessage(f"text: a string of at most {MAX_TEXT} characters")
    if action is not None and (not isinstance(action, str) or not action or len(action) > MAX_ACTION):
        raise BadMessage(f"action: a string of at most {MAX_ACTION} characters")
    return Incoming(door=DOOR, chat_id=conversation, user_id=conversation, text=text, action=action)


def _source(source: Source) -> dict[str, Any]:
    """The newspaper's title (a link where the article has one), then the places and the date."""
    url = source.url if source.url and source.url.startswith(("https://", "http://")) else None
    return {"title": source.title, "url": url, "about": source.about(), "line": source.line()}


def render(reply: Reply) -> dict[str, Any]:
    """The reply as the page draws it: texts, the short quotes and the whole ones, the sources,
    the buttons (suggestions, page turns, 👍/👎) with the action each sends back."""
    if reply.silent:
        return {"kind": "silent", "silent": True}
    whole = reply.answer.full_quotes if reply.answer is not None and reply.answer.full_quotes else ()
    out: dict[str, Any] = {
        "kind": reply.kind,
        "answered": reply.answered,
        "title": reply.title,
        "parts": list(reply.parts),
        "quotes": list(reply.quotes),
        "whole_quotes": list(whole),
        "sources": [_source(s) for s in reply.sources],
        "suggestions_heading": reply.suggestions_heading,
        "suggestions": [
            {"label": s.label, "action": encode(s.action)} for s in reply.suggestions + reply.handoff_choice
        ],
        "pages": None,
        "feedback": None,
    }
    if reply.page is not None:
        out["pages"] = {
            "number": reply.page.number,
            "total": reply.page.total,
            "previous": encode(reply.page.previous) if reply.page.previous is not None else None,
            "next": encode(reply.page.next) if reply.page.next is not None else None,
            "previous_label": chat_texts.PREVIOUS_PAGE,
            "next_label": chat_texts.NEXT_PAGE,
        }
    if reply.feedback is not None:
        out["feedback"] = {
            "good": {"label": chat_texts.FEEDBACK_GOOD_LABEL, "action": encode(Rate(reply.feedback, 1))},
            "bad": {"label": chat_texts.FEEDBACK_BAD_LABEL, "action": encode(Rate(reply.feedback, -1))},
        }
    if reply.attachment is not None:  # an export: the web door sends no files
        out["parts"].append(curator_texts.NO_FILES_OUT)
    return out
