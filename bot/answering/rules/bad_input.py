"""Refusing what is not a question: empty, too long, no letters, another script, a bare number."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.answering import answer_texts, catalog
from bot.answering.answer import Answer, not_answered
from bot.answering.rules.small_talk import is_emoji_only
from bot.answering.tuning import MAX_QUESTION_CHARS, READ_AT_MOST
from bot.language.folding import letter_ratio

if TYPE_CHECKING:
    from bot.answering.turn import Turn

_BARE_NUMBER = re.compile(r"\W*\d{1,4}\W*")


def refuse_bad_input(turn: Turn) -> Answer | None:
    text = turn.text
    kb = turn.snapshot.kb
    if not text:
        return not_answered("invalid", answer_texts.EMPTY_QUESTION)
    if len(text) > MAX_QUESTION_CHARS:
        length = turn.length if turn.length > READ_AT_MOST else len(text)
        return not_answered("invalid", answer_texts.too_long(length, MAX_QUESTION_CHARS))
    latin, other = letter_ratio(text)
    if latin == 0 and other == 0 and not is_emoji_only(text):  # emoji are small talk
        return not_answered("invalid", answer_texts.NO_LETTERS, catalog.example_suggestions(kb))
    if other > latin:
        return not_answered("invalid", answer_texts.OTHER_SCRIPT, catalog.example_suggestions(kb))
    if _BARE_NUMBER.fullmatch(text):
        # a number means a choice; with nothing to choose from, facts sharing it would be noise
        return not_answered("invalid", answer_texts.NOTHING_TO_CHOOSE)
    return None
