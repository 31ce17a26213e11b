"""Comparisons across districts: "huyện nào xây nhiều nhà Đại đoàn kết nhất?", "so sánh Lai Vung
và Châu Thành về …".

Each district's own figure is given where the base holds one, and the districts that hold
none are named. No ranking is ever claimed: the reports count different things, over
different years, in different ways, so the bot puts the figures side by side and lets the
reader compare.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot.answering import answer_texts
from bot.answering.answer import Answer, Source, render
from bot.answering.leftover import leftover
from bot.answering.query import Query, find
from bot.answering.search import Hit
from bot.answering.tuning import ANSWER_MIN, AS_GOOD, COMPARED_DISTRICTS, MIN_EVIDENCE, ORG_COMPARED_MIN, PER_DISTRICT
from bot.language import lexicon

if TYPE_CHECKING:
    from bot.answering.turn import Turn


def subject(q: Query) -> Query:
    """The question without its comparing words: what each district is asked about."""
    content = leftover(q.content, lexicon.COMPARISON_PHRASES, drop=_NOT_COMPARED)
    # "nhiều … nhất" asks for an amount even without "bao nhiêu"; what is counted is the counting
    # noun it names ("số tập thể được khen"), or else what it is about
    nouns = [w for a, b in find(content, lexicon.COUNT_NOUNS) for w in content[a:b]]
    return replace(q, content=content, quantity=True, listing=False, target=q.target or nouns or content)


# "huyện nào", "nhiều … nhất": how the question compares, not what
_NOT_COMPARED = frozenset({lexicon.SUPERLATIVE, *lexicon.MEASURE_WORDS}) | lexicon.COMPARISON_FRAME_WORDS


def compare(turn: Turn) -> Answer | None:
    q = turn.query
    if not q.comparing or q.unknown_places:
        return None
    asked = subject(q)
    if not asked.content:
        return None
    found: list[Hit] = []
    missing: list[str] = []
    if len(q.orgs) >= 2 and len(q.districts) <= 1:
        # "Mặt trận hay Hội Nông dân xây nhiều nhà hơn": each organisation's own figures
        for org in q.orgs:
            # what is asked of this one: without the other organisations and the words comparing
            others = [alias for o in q.orgs if o != org for alias in lexicon.ORG_GROUPS[o]]
            frame = {*lexicon.ALTERNATIVE_WORDS, lexicon.COMPARATIVE}
            content = leftover(asked.content, others, drop=frame)
            target = leftover(asked.target, [alias for o in q.orgs for alias in lexicon.ORG_GROUPS[o]], drop=frame)
            own = replace(asked, orgs=[org], content=content, target=target, target_parts=[target])
            hits = _answering(turn, own, org)
            if hits:
                found.extend(hits)
            else:
                missing.append(org)
        heading = answer_texts.COMPARISON_BY_ORG_HEADING
    else:
        districts = q.districts if len(q.districts) >= 2 else _candidates(turn, asked)
        for district in districts:
            hits = _answering(turn, replace(asked, districts=[district]))
            if hits:
                found.extend(hits)
            else:
                missing.append(district)
        heading = answer_texts.COMPARISON_HEADING
    if not found:
        return None
    body = "\n".join(
        [heading]
        + [f"• {h.located.entry.answer}" for h in found]
        + ([answer_texts.comparison_missing(", ".join(missing))] if missing else [])
        + [answer_texts.NO_RANKING]
    )
    quotes = tuple(dict.fromkeys(h.located.entry.quote for h in found))
    sources = tuple(dict.fromkeys(Source.of(h.located.article) for h in found))
    return Answer(
        answered=True,
        kind="fact",
        text=render(body, quotes, sources),
        body=body,
        quotes=quotes,
        sources=sources,
        score=round(min(h.score for h in found), 4),
        entry_ids=tuple(h.located.id for h in found),
    )


def _candidates(turn: Turn, asked: Query) -> list[str]:
    """The districts to compare when the question names none: every district of the base, or, in
    a base of many, those whose entries match the question best (in the order of their best)."""
    every = list(turn.snapshot.kb.districts)
    if len(every) <= COMPARED_DISTRICTS:
        return every
    ranking = turn.snapshot.index.rank(asked, hints=turn.hints)
    best: dict[int, float] = {}
    for code, score in zip(ranking.districts.tolist(), ranking.scores.tolist(), strict=True):
        best[code] = max(score, best.get(code, 0.0))
    names = {code: name for name, code in turn.snapshot.index.district_codes.items()}
    return [names[code] for code in sorted(best, key=lambda code: -best[code])[:COMPARED_DISTRICTS]]


def _answering(turn: Turn, q: Query, org: str | None = None) -> list[Hit]:
    """The district's (or the organisation's) figures that answer clearly enough: the best, and
    those as good. An organisation's are the best of its own, where the question also named the
    others it is compared with (its words count for less of the question's)."""
    hits = [h for h in turn.snapshot.index.rank(q, hints=turn.hints).hits if h.doc.kind == "figure" or h.doc.has_number]
    if org is not None:
        hits = [h for h in hits if org in h.doc.org_groups]
    least = ANSWER_MIN if org is None else ORG_COMPARED_MIN
    if not hits or hits[0].score < least or hits[0].evidence < MIN_EVIDENCE:
        return []
    return [h for h in hits[:PER_DISTRICT] if h.score >= AS_GOOD * hits[0].score]
