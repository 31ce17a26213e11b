"""Button actions: what pressing a button (or typing its number) does.

One typed action per thing a button can do (the answers' own suggestions, catalog pages,
ratings), with one encoding that fits Telegram's 64-byte callback data and one defensive
decoder: forged, truncated or stale data decodes to ``None`` (the door then says the button
has expired), never to an exception."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.answering.suggestions import AskExample, ShowEntry, ShowModels, ShowQuote

MAX_BYTES = 64  # Telegram's limit for a button's callback data
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_NUMBER = r"(?:0|[1-9][0-9]{0,3})"  # ASCII digits only: "²".isdigit() is True in Python


@dataclass(frozen=True)
class ShowCatalog:
    """One page of a catalog: "huyen" (the districts) or "nguon" (the sources)."""

    name: Literal["huyen", "nguon"]
    page: int = 0
    turn: bool = False


@dataclass(frozen=True)
class Rate:
    """Feedback on an answer: +1 right, -1 wrong (`question` is the recorded question's id)."""

    question: int
    value: int


@dataclass(frozen=True)
class HandOff:
    """Send the question the bot could not answer to the board (`question`: the recorded question's id)."""

    question: int


Action = ShowEntry | ShowQuote | AskExample | ShowModels | ShowCatalog | Rate | HandOff

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"e:({_SLUG})"), "entry"),
    (re.compile(rf"q:({_SLUG})"), "quote"),
    (re.compile(rf"x:({_NUMBER})"), "example"),
    (re.compile(rf"([mp]):({_SLUG}|\*|)(?::({_NUMBER}))?"), "models"),
    (re.compile(rf"([ct]):(huyen|nguon):({_NUMBER})"), "catalog"),
    (re.compile(r"f:([+-]):([1-9][0-9]{0,17})"), "rate"),
    (re.compile(r"h:([1-9][0-9]{0,17})"), "handoff"),
)


def encode(action: Action) -> str:
    """The action as short ASCII. Entry ids are at most 48 characters (the schema's slug), so
    every action of a valid base fits a button; :func:`fits_button` checks it where it matters."""
    match action:
        case ShowEntry(entry_id):
            data = f"e:{entry_id}"
        case ShowQuote(entry_id):
            data = f"q:{entry_id}"
        case AskExample(number):
            data = f"x:{number}"
        case ShowModels(key, page, turn):
            data = f"{'p' if turn else 'm'}:{key or '*'}:{page}"
        case ShowCatalog(name, page, turn):
            data = f"{'t' if turn else 'c'}:{name}:{page}"
        case Rate(question, value):
            data = f"f:{'+' if value > 0 else '-'}:{question}"
        case HandOff(question):
            data = f"h:{question}"
    return data


def fits_button(data: str) -> bool:
    return len(data.encode("utf-8")) <= MAX_BYTES


def decode(data: str | bytes | None) -> Action | None:
    """The action that `data` encodes, or None for anything else (never raises)."""
    if isinstance(data, bytes):
        try:
            data = data.decode("ascii")
        except UnicodeDecodeError:
            return None
    if not isinstance(data, str) or not data or len(data) > MAX_BYTES or not data.isascii():
        return None
    for pattern, kind in _PATTERNS:
        match = pattern.fullmatch(data)
        if match is None:
            continue
        if kind == "entry":
            return ShowEntry(match.group(1))
        if kind == "quote":
            return ShowQuote(match.group(1))
        if kind == "example":
            return AskExample(int(match.group(1)))
        if kind == "handoff":
            return HandOff(int(match.group(1)))
        if kind == "rate":
            return Rate(int(match.group(2)), 1 if match.group(1) == "+" else -1)
        if kind == "catalog":
            name: Literal["huyen", "nguon"] = "huyen" if match.group(2) == "huyen" else "nguon"
            return ShowCatalog(name, int(match.group(3)), turn=match.group(1) == "t")
        key = match.group(2)
        page = int(match.group(3)) if match.group(3) else 0
        return ShowModels("" if key in ("*", "") else key, page, turn=match.group(1) == "p")
    return None
