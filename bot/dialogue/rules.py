"""The order in which a question is considered: the first rule with an answer wins.

Each rule is a function of one :class:`Turn` that returns an Answer, or None
to let the next rule try. The order is the policy: bad input is refused before
anything is analysed, small talk before search, an unknown place or data no
article holds is declined before any entry is ranked, and the best single
answer comes last because it always answers (or asks back, or declines).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..answer import Answer
from ..query import Query
from ..text import clean
from . import about, articles, best_answer, comparison, declines, followup, input_checks, lists, smalltalk
from .context import Context
from .followup import Resolution, resolve

if TYPE_CHECKING:
    from .snapshot import Snapshot


@dataclass
class Turn:
    """One question against one snapshot (and the conversation so far), analysed only when a rule needs it."""

    snapshot: Snapshot
    text: str  # as cleaned, after the length cap
    length: int  # as typed
    context: Context | None = None

    @classmethod
    def of(cls, snapshot: Snapshot, question: str | None, context: Context | None = None) -> Turn:
        raw = question or ""
        # a 10 MB message must not cost a second of normalising before it is refused
        return cls(snapshot, clean(raw[: input_checks.READ_AT_MOST]), len(raw), context)

    @cached_property
    def analysed(self) -> Query:
        """The question on its own."""
        return self.snapshot.analyzer.analyze(self.text)

    def alone(self) -> Turn:
        """The same question outside the conversation. The analysis already made is reused,
        not redone: no rule changes a Query (they make changed copies with `replace`)."""
        turn = Turn(self.snapshot, self.text, self.length)
        if "analysed" in self.__dict__:
            turn.__dict__["analysed"] = self.analysed
        return turn

    @cached_property
    def resolution(self) -> Resolution:
        if self.context is None:
            return Resolution(self.analysed)
        return resolve(self.analysed, self.context)

    @cached_property
    def query(self) -> Query:
        """The question as meant in the conversation (the same as `analysed` without one)."""
        return self.resolution.query


Rule = Callable[[Turn], Answer | None]

RULES: tuple[Rule, ...] = (
    input_checks.refuse_bad_input,
    smalltalk.small_talk,
    declines.decline_unknown_place,
    declines.decline_not_a_question,
    declines.decline_unheld,
    declines.decline_uncovered_years,
    about.coverage,
    about.capabilities,
    about.province_of,
    articles.article_info,
    comparison.compare,
    lists.answer_list,
    best_answer.best_answer,
)


def respond(turn: Turn, rules: tuple[Rule, ...] = RULES) -> Answer:
    for rule in rules:
        answer = rule(turn)
        if answer is not None:
            return answer
    raise AssertionError("the last rule always answers")


def answer(snapshot: Snapshot, question: str | None) -> Answer:
    return respond(Turn.of(snapshot, question))


def converse(snapshot: Snapshot, question: str | None, context: Context | None) -> tuple[Answer, Context | None]:
    """The answer in a conversation, and what the next turn may lean on (None: keep the context)."""
    turn = Turn.of(snapshot, question, context)
    reply = respond(turn)
    resolved = turn.__dict__.get("resolution")  # None: answered before the question was analysed
    asked: Query | None = turn.query if resolved is not None else None
    leaned_on = context if resolved is not None and resolved.leaned else None
    if resolved is not None and resolved.soft:
        alone = turn.alone()
        other = respond(alone)
        if followup.choose(reply, other) is other:
            reply, asked, leaned_on = other, alone.query, None
    return reply, followup.remember(snapshot, asked, reply, leaned_on)
