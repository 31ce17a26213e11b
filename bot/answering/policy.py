"""The order in which a question is considered: the first rule with an answer wins.

Each rule (:mod:`bot.answering.rules`) is a function of one :class:`~bot.answering.turn.Turn`
that returns an Answer, or None to let the next rule try. The order is the policy: bad input
is refused before anything is analysed, small talk before search, an unknown place or data no
article holds is declined before any entry is ranked, and the best single answer comes last
because it always answers (or asks back, or declines)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.answering import followup
from bot.answering.answer import Answer
from bot.answering.context import Context
from bot.answering.query import Query
from bot.answering.rules import about_base, articles, bad_input, best_answer, comparison, declines, lists, small_talk

if TYPE_CHECKING:
    from bot.answering.snapshot import Snapshot
from bot.answering.turn import Turn

Rule = Callable[[Turn], Answer | None]

RULES: tuple[Rule, ...] = (
    bad_input.refuse_bad_input,
    small_talk.small_talk,
    declines.decline_unknown_place,
    declines.decline_not_a_question,
    declines.decline_unheld,
    declines.decline_uncovered_years,
    declines.decline_ranking_parts,
    about_base.coverage,
    about_base.capabilities,
    about_base.province_of,
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
        if followup.choose(reply, other, context.districts if context else ()) is other:
            reply, asked, leaned_on = other, alone.query, None
    return reply, followup.remember(snapshot, asked, reply, leaned_on)
