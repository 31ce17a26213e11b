"""Refusing what is not a question: empty, too long, no letters, another script, a bare number."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..answer import Answer, not_answered
from ..text import letter_ratio
from . import catalog, texts
from .smalltalk import is_emoji_only

if TYPE_CHECKING:
    from .rules import Turn

MAX_QUESTION_CHARS = 500
READ_AT_MOST = 8 * MAX_QUESTION_CHARS  # characters read of a message before it is judged too long
_BARE_NUMBER = re.compile(r"\W*\d{1,4}\W*")


def refuse_bad_input(turn: Turn) -> Answer | None:
    text = turn.text
    kb = turn.snapshot.kb
    if not text:
        return not_answered("invalid", texts.EMPTY_QUESTION)
    if len(text) > MAX_QUESTION_CHARS:
        length = turn.length if turn.length > READ_AT_MOST else len(text)
        return not_answered("invalid", texts.too_long(length, MAX_QUESTION_CHARS))
    latin, other = letter_ratio(text)
    if latin == 0 and other == 0 and not is_emoji_only(text):  # emoji are small talk
        return not_answered("invalid", texts.NO_LETTERS, catalog.example_suggestions(kb))
    if other > latin:
        return not_answered("invalid", texts.OTHER_SCRIPT, catalog.example_suggestions(kb))
    if _BARE_NUMBER.fullmatch(text):
        # a number means a choice; with nothing to choose from, facts sharing it would be noise
        return not_answered("invalid", texts.NOTHING_TO_CHOOSE)
    return None
