"""Greetings, thanks, goodbyes, laughter, "ok", emoji, "bạn là ai": a friendly word, no fact.

A message is small talk when every word of it belongs to a small-talk phrase of the
lexicon (or to the fillers that go with them: "bot", "nhé", "ạ"…), or when it is only
emoji. The first category found decides the reply; none of them states anything from
the base, so small talk is never `answered`.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from bot.answering import answer_texts, catalog
from bot.answering.answer import Answer, not_answered
from bot.answering.query import find
from bot.language import lexicon
from bot.language.expansion import normalize
from bot.language.folding import BREAK

if TYPE_CHECKING:
    from bot.answering.turn import Turn


def is_emoji_only(text: str) -> bool:
    symbols = [ch for ch in text if not ch.isspace() and unicodedata.category(ch) not in ("Mn", "Cf")]
    return bool(symbols) and all(unicodedata.category(ch) == "So" or ch in "!?.…~" for ch in symbols)


def category(text: str) -> str | None:
    """The small-talk category of a message, or None when it says something more."""
    if is_emoji_only(text):
        return "emoji"
    toks = [t for t in normalize(text) if t != BREAK]
    if not toks:
        return None
    covered = [False] * len(toks)
    found: list[str] = []
    for name, phrases in lexicon.SMALL_TALK.items():
        spans = find(toks, phrases)
        if spans:
            found.append(name)
        for a, b in spans:
            for k in range(a, b):
                covered[k] = True
    if not found:
        return None
    if all(c or t in lexicon.SMALL_TALK_FILLERS for c, t in zip(covered, toks, strict=True)):
        return found[0]
    return None


def small_talk(turn: Turn) -> Answer | None:
    kind = category(turn.text)
    if kind is None:
        return None
    kb = turn.snapshot.kb
    if kind == "help":
        return not_answered(
            "smalltalk", answer_texts.intro(catalog.districts_line(kb)), catalog.example_suggestions(kb)
        )
    if kind == "greeting":
        return not_answered("smalltalk", answer_texts.GREETING, catalog.example_suggestions(kb))
    return not_answered("smalltalk", answer_texts.SMALL_TALK[kind])
