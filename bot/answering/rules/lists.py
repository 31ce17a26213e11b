"""List questions: "Kiên Lương có những mô hình nào?", "Hội Nông dân Bù Đốp làm được gì?".

A list is the entries of the kinds asked for (models, figures, people,
documents), of the district and organisation named. Words beyond "which
models does X have" narrow it to the entries they point at; a handful of
entries reads better as full answers, and a list too long to read across all
districts asks for a district first.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from bot.answering import answer_texts, catalog
from bot.answering.answer import Answer, fact_answer, list_answer, not_answered
from bot.answering.fit import named_person, names_person, own_text
from bot.answering.leftover import leftover
from bot.answering.query import Query, find
from bot.answering.suggestions import ShowModels, Suggestion
from bot.answering.tuning import (
    LIST_ALL_LIMIT,
    LIST_AS_FACTS,
    LIST_FOREIGN_WORDS,
    LIST_NARROW,
    LIST_NARROW_SHORT,
    LIST_SHORT,
    MAX_DISTRICT_CHOICES,
)
from bot.language import lexicon

if TYPE_CHECKING:
    from bot.answering.turn import Turn


# Words that only say "which models does X have": the cues, the kinds, the organisations…
_FRAME_WORDS = (
    frozenset(
        w
        for groups in (
            lexicon.LIST_CUES,
            *lexicon.KIND_WORDS.values(),
            *lexicon.ORG_GROUPS.values(),
            lexicon.FRAME_PHRASES,
        )
        for phrase in groups
        for w in phrase
    )
    | lexicon.LIST_FRAME_WORDS
)


def residual_terms(q: Query) -> list[str]:
    """What a list question says beyond 'which models does X have'."""
    return leftover(q.content, lexicon.LIST_CUES, drop=_FRAME_WORDS | lexicon.STOPWORDS, keep_short=False)


def answer_list(turn: Turn) -> Answer | None:
    q = turn.query
    if q.quantity or q.who or q.when:
        return None
    residual = residual_terms(q)
    # "mô hình" alone, or "mô hình Kiên Lương": a list without the words of one
    named_kinds = [k for k, words in lexicon.KIND_WORDS.items() if find(q.content, words)]
    bare_kind = not residual and bool(named_kinds)
    if not (q.listing or bare_kind):
        return None
    kinds = set(q.list_kinds or (named_kinds if bare_kind else []))
    return _list(turn, kinds, residual)


def _list(turn: Turn, kinds: set[str], residual: list[str]) -> Answer | None:
    q = turn.query
    index = turn.snapshot.index
    if "figure" in kinds or (q.orgs and not kinds - {"figure"}):
        kinds |= {"figure", "model"}
    if not kinds:
        kinds = {"figure", "model"}
    pool = index.select(kinds, q.districts, q.orgs)
    if not pool.size:
        return None
    if residual:
        # a short list is shown whole unless its extra words point clearly at a few entries
        threshold = LIST_NARROW if pool.size > LIST_SHORT else LIST_NARROW_SHORT
        narrowed = replace(q, content=residual, quantity=False, who=False, when=False)
        matching = index.rank(narrowed, within=pool, hints=turn.hints).at_least(threshold)
        if any(t in lexicon.EXCEPT_WORDS for t in q.toks):  # "ngoài cầu đường, còn mô hình nào": all but those
            rest = np.setdiff1d(pool, matching)
            pool = rest if rest.size else pool
        elif matching.size:
            pool = np.intersect1d(pool, matching)
        elif pool.size > LIST_SHORT or sum(t not in index.idf for t in residual if len(t) > 1) >= LIST_FOREIGN_WORDS:
            return None  # the extra words point at nothing, or at what no article says ("bệnh viện")
    items = [index.docs[i].located for i in pool]
    person = named_person(q.toks, index.name_starts)
    if person:  # "chị Nguyễn Thị Nhẹ có mô hình gì": only what names her
        items = [item for item in items if names_person(own_text(item), person)]
        if not items:
            return None
    if len(items) == 1 or (len(items) <= LIST_AS_FACTS and residual):
        return fact_answer(items, 1.0)  # a few entries on one topic read better in full
    if not q.districts and len(items) > LIST_ALL_LIMIT:
        return _choose_district(turn)
    return list_answer(
        answer_texts.list_heading(frozenset(kinds), q.orgs, [turn.snapshot.kb.named(d) for d in q.districts]),
        items,
        1.0,
    )


def _choose_district(turn: Turn) -> Answer:
    kb = turn.snapshot.kb
    suggestions = [
        Suggestion(label=answer_texts.models_of(d), action=ShowModels(catalog.district_key(kb, d)))
        for d in kb.districts[:MAX_DISTRICT_CHOICES]
    ]
    return not_answered(
        "clarify",
        answer_texts.choose_district(catalog.districts_line(kb)),
        suggestions,
        heading=answer_texts.CHOOSE_DISTRICT_HEADING,
        open_question=True,
    )
