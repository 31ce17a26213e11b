"""Greetings, thanks and requests for help: a friendly reply with no fact in it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import lexicon
from ..answer import Answer, not_answered
from . import catalog, texts

if TYPE_CHECKING:
    from .rules import Turn


def small_talk(turn: Turn) -> Answer | None:
    kb = turn.snapshot.kb
    phrase = turn.phrase
    if phrase in lexicon.GREETINGS:
        return not_answered("smalltalk", texts.greeting(catalog.districts_line(kb)), catalog.example_suggestions(kb))
    if phrase in lexicon.HELP:
        return not_answered("smalltalk", texts.intro(catalog.districts_line(kb)), catalog.example_suggestions(kb))
    if phrase in lexicon.THANKS:
        return not_answered("smalltalk", texts.THANKS_REPLY)
    return None
