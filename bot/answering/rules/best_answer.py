"""The last rule: the best-ranked entry answers, or the bot asks back, or declines.

With a clear winner, its answer, plus what completes a question in parts
("bao nhiêu tập thể, cá nhân") and, when no district was named, every other
district's entry that fits as well. Close runners-up become suggestions. Too
little evidence, or too many entries alike, asks back instead of guessing.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bot.answering import answer_texts
from bot.answering.answer import Answer, fact_answer, not_answered, suggestion_for
from bot.answering.rules.declines import out_of_scope
from bot.answering.search import Doc, Hit, Index
from bot.answering.tuning import (
    ANSWER_MIN,
    CLOSE_CALL,
    COMPLEMENT,
    MAX_SUGGESTIONS,
    MAX_TIES,
    MIN_EVIDENCE,
    SAME_ANSWER,
    SUGGEST_MIN,
    TIE_SHARE,
)
from bot.language import lexicon

if TYPE_CHECKING:
    from bot.answering.turn import Turn


def best_answer(turn: Turn) -> Answer:
    q = turn.query
    index = turn.snapshot.index
    ranking = index.rank(q, hints=turn.hints)
    hits = ranking.hits
    if not hits or hits[0].score < SUGGEST_MIN:
        return out_of_scope(turn.snapshot.kb)
    best = hits[0]
    parts = _complements(index, q.target_parts, hits) if q.quantity else []
    if not q.districts and not parts:
        parts = _other_districts(hits)
    used = {best.located.id, *(h.located.id for h in parts)}
    runners = distinct(
        [h for h in hits[1:] if h.located.id not in used],
        best,
        lambda h: h.score >= max(CLOSE_CALL * best.score, SUGGEST_MIN),
    )
    if best.score >= ANSWER_MIN and q.when and not best.doc.dated:  # "ngày nào?" with no date
        return not_answered(
            "decline",
            answer_texts.NO_DATE,
            [suggestion_for(best.located)],
            score=best.score,
            heading=answer_texts.NO_DATE_HEADING,
        )
    in_district, everywhere = ranking.ties(TIE_SHARE)
    ties = max(in_district, everywhere // 2)
    if best.score < ANSWER_MIN or best.evidence < MIN_EVIDENCE or ties > MAX_TIES:
        # too little said ("giá"), or said of too many entries alike: ask, don't guess
        options = distinct(hits, None, lambda h: h.score >= SUGGEST_MIN)
        return not_answered(
            "clarify",
            answer_texts.CLARIFY,
            [suggestion_for(h.located) for h in options],
            score=best.score,
            heading=answer_texts.CLARIFY_HEADING,
        )
    return fact_answer(
        [best.located, *(h.located for h in parts)], best.score, [suggestion_for(h.located) for h in runners]
    )


def distinct(hits: Sequence[Hit], best: Hit | None, keep: Callable[[Hit], bool]) -> list[Hit]:
    """Hits while `keep` holds, one per title (none with the best's), at most MAX_SUGGESTIONS."""
    out: list[Hit] = []
    titles = {best.located.entry.title} if best else set()
    for hit in hits:
        if not keep(hit):
            break
        if hit.located.entry.title in titles:
            continue
        titles.add(hit.located.entry.title)
        out.append(hit)
        if len(out) == MAX_SUGGESTIONS:
            break
    return out


def _other_districts(hits: Sequence[Hit]) -> list[Hit]:
    """A question naming no district that several districts answer equally
    well ("ai là Bí thư Huyện ủy?") gets each district's answer."""
    best = hits[0]
    seen = {best.located.district}
    out: list[Hit] = []
    for hit in hits[1:]:
        if hit.score < SAME_ANSWER * best.score:
            break
        if hit.located.district not in seen and hit.doc.kind == best.doc.kind:
            seen.add(hit.located.district)
            out.append(hit)
    return out


def _complements(index: Index, parts: Sequence[list[str]], hits: Sequence[Hit]) -> list[Hit]:
    """A question in parts ("bao nhiêu tập thể, cá nhân"; "bao nhiêu tiền và
    bao nhiêu cây cầu") gets, for each part the best entry does not count,
    the close runner-up from the same article that does."""
    if len(parts) < 2:
        return []
    best = hits[0]
    out: list[Hit] = []
    for part in parts:
        if _counts_part(index, part, best.doc) or any(_counts_part(index, part, h.doc) for h in out):
            continue
        for hit in hits[1:8]:
            if hit.score < COMPLEMENT * best.score:
                break
            if (
                hit.located.article.id == best.located.article.id
                and hit.doc.kind == best.doc.kind
                and hit not in out
                and _counts_part(index, part, hit.doc)
            ):
                out.append(hit)
                break
    return out


def _counts_part(index: Index, part: list[str], doc: Doc) -> bool:
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(part) if f"{a} {b}" in index.idf]
    if pairs:
        return any(index.counts(p, doc, synonyms=False) for p in pairs)
    return any(index.counts(w, doc) for w in part if w not in lexicon.STOPWORDS)
