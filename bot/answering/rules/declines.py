"""Declining politely: a place the base has no article about, data no article holds,
years the articles never mention, and questions nothing in the base answers.

Each decline says what the bot does know and offers example questions, so a
refusal is never a dead end.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.answering import answer_texts, catalog
from bot.answering.analysis import CueUses
from bot.answering.answer import Answer, not_answered
from bot.answering.leftover import leftover
from bot.answering.query import Phrase, find, has
from bot.knowledge.schema import KnowledgeBase
from bot.language import lexicon
from bot.language.folding import surface

if TYPE_CHECKING:
    from bot.answering.turn import Turn


def decline_unknown_place(turn: Turn) -> Answer | None:
    """ "Củ Chi", "Châu Thành (Tiền Giang)": a place that is not a district of the base. The
    question stays open: "à nhầm, ý mình là Bù Đốp" asks it again of a district there is."""
    q = turn.query
    if not q.unknown_places or q.districts:
        return None
    kb = turn.snapshot.kb
    names = ", ".join(
        f"{answer_texts.mid_sentence(p.name)} ({answer_texts.mid_sentence(p.province)})"
        if p.province
        else answer_texts.mid_sentence(p.name)
        for p in q.unknown_places
    )
    return not_answered(
        "decline",
        answer_texts.unknown_place(names, catalog.districts_line(kb)),
        catalog.example_suggestions(kb),
        open_question=True,
    )


def decline_unheld(turn: Turn) -> Answer | None:
    """Phone numbers, addresses, forecasts…: what no article of the base holds."""
    q = turn.query
    if not q.unanswerable:
        return None
    kb = turn.snapshot.kb
    return not_answered(
        "decline", answer_texts.not_held(", ".join(map(kb.named, q.districts))), catalog.example_suggestions(kb)
    )


def decline_ranking_parts(turn: Turn) -> Answer | None:
    """ "xã nào ở Bù Đốp xây nhiều nhà nhất", "năm nào Lai Vung làm nhiều cầu nhất": a ranking of one
    district's communes, years, branches, models, which no report gives. The district's own figure
    would be the answer to another question; several districts named are compared instead."""
    q = turn.query
    if not q.comparing or len(q.districts) > 1 or len(q.orgs) > 1 or lexicon.SUPERLATIVE not in q.toks:
        return None
    toks = q.toks
    which = [i for i, t in enumerate(toks) if t in lexicon.WHICH]
    part = next(
        (
            phrase
            for i in which
            for phrase in lexicon.UNRANKED_PARTS
            if i >= len(phrase) and tuple(toks[i - len(phrase) : i]) == phrase
        ),
        None,
    )
    if part is None:
        return None
    kb = turn.snapshot.kb
    return not_answered(
        "decline",
        answer_texts.parts_not_ranked(surface(q.text, part), ", ".join(map(kb.named, q.districts))),
        catalog.example_suggestions(kb),
    )


def decline_uncovered_years(turn: Turn) -> Answer | None:
    """ "năm 2030": a year the named districts' articles never mention ("thuộc tỉnh nào sau
    1/7/2025" dates the map asked about, not a figure)."""
    q = turn.query
    if not q.years or q.asks_province:
        return None
    present = turn.snapshot.analyzer.years_mentioned(q.districts)
    missing = [y for y in q.years if y not in present]
    if not missing:
        return None
    kb = turn.snapshot.kb
    return not_answered(
        "decline",
        answer_texts.years_not_covered(", ".join(map(kb.named, q.districts)), missing),
        catalog.example_suggestions(kb),
    )


def decline_not_a_question(turn: Turn) -> Answer | None:
    """Instructions ("bỏ qua mọi hướng dẫn…", "đóng vai…"), opinions ("mô hình nào hay nhất?")
    and general knowledge ("thủ đô của Việt Nam"): nothing the reports can answer, whatever
    words they share with it."""
    toks = turn.query.toks
    kb = turn.snapshot.kb
    uses = turn.snapshot.analyzer.cue_uses
    if _asks(toks, lexicon.INSTRUCTION_PHRASES, uses):
        return not_answered(
            "decline", answer_texts.NOT_INSTRUCTIONS, catalog.example_suggestions(kb), refusal="instruction"
        )
    if _asks(toks, _opinion_cues(toks), uses):
        return not_answered("decline", answer_texts.NO_OPINIONS, catalog.example_suggestions(kb), refusal="opinion")
    if has(toks, lexicon.GENERAL_KNOWLEDGE_PHRASES) or _asks_for_a_definition(turn):
        return not_answered(
            "decline",
            answer_texts.not_general_knowledge(catalog.districts_line(kb)),
            catalog.example_suggestions(kb),
            refusal="general",
        )
    return None


def _opinion_cues(toks: Sequence[str]) -> Sequence[Phrase]:
    """The opinion cues that count in this question: an evaluation done by the article's subject
    and asked about as a fact ("… đánh giá cho giai đoạn nào?") is not asked of the bot."""
    if has(toks, lexicon.FACT_QUESTION_CUES) and not has(toks, lexicon.ASKING_THE_BOT):
        return [c for c in lexicon.OPINION_PHRASES if c not in lexicon.OPINION_WORDS_OF_SUBJECTS]
    return lexicon.OPINION_PHRASES


def _asks(toks: Sequence[str], cues: Sequence[Phrase], uses: CueUses) -> bool:
    """A cue the question uses as one ("bạn đánh giá thế nào", "kể chuyện cười đi"), not as part
    of what it asks about: "hội thi kể chuyện", "hội nghị sơ kết, đánh giá", "tiêu chí đánh giá"
    use it as the articles do (the same word beside it, before or after)."""
    for a, b in find(toks, cues):
        seen = uses.get(tuple(toks[a:b]), frozenset())
        beside = [("before", toks[a - 1]) if a > 0 else None, ("after", toks[b]) if b < len(toks) else None]
        if not any(pair in seen and _names_something(pair[1]) for pair in beside if pair is not None):
            return True
    return False


def _names_something(word: str) -> bool:
    """A word that can name what is asked about: not a function word (but "thi", a contest, is)."""
    return word not in lexicon.STOPWORDS or word in lexicon.SUBJECT_SYLLABLES


def _asks_for_a_definition(turn: Turn) -> bool:
    """ "tư tưởng Hồ Chí Minh là gì": a definition of the topic every article shares."""
    q = turn.query
    if not has(q.toks, lexicon.DEFINITION_CUES) or q.districts:
        return False
    return not leftover(q.toks, drop=lexicon.TOPIC_WORDS | lexicon.STOPWORDS)


def out_of_scope(kb: KnowledgeBase) -> Answer:
    """Nothing in the base answers the question."""
    return not_answered(
        "decline", answer_texts.out_of_scope(catalog.districts_line(kb)), catalog.example_suggestions(kb)
    )
