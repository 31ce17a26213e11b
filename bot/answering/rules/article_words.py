"""The article's own words, for what no curated entry answers: "Bài viết về … ghi: «…»".

A passage (bot.answering.passages) answers only where the curated entries found nothing clear
(the best-answer rule asks this rule then), and only when one passage clearly matches the
question: scored high, well ahead of the next one, on words of the question that say
something, and held to the same checks of meaning as entries (bot.answering.fit). Declines of
the rules before it (an unknown place, what no article holds, a year no article covers, an
entry that answers another question) stand.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import TYPE_CHECKING

from bot.answering import answer_texts
from bot.answering.answer import Answer, Source, render
from bot.answering.fit import misfit
from bot.answering.search import Hit
from bot.answering.tuning import PASSAGE_EVIDENCE, PASSAGE_MARGIN, PASSAGE_MIN, PASSAGE_OWN_WORDS, RARE_AS_TYPED
from bot.language.folding import fold, tokens
from bot.language.lexicon import STOPWORDS
from bot.language.sentences import UPPER

if TYPE_CHECKING:
    from bot.answering.turn import Turn
    from bot.knowledge.schema import KnowledgeBase

# a name: two capitalised syllables or more ("Nguyễn Văn Tới", "Hội Nông dân", "Ban Tuyên giáo")
_NAMED = re.compile(rf"[{UPPER}]\w*\s+[{UPPER}]\w*")
_WORD = re.compile(r"\w+")


def from_the_article(turn: Turn) -> Answer | None:
    """The one passage that clearly answers the question, in the article's words; None when
    none does, or the tier is off."""
    index = turn.snapshot.passage_index()
    if index is None:
        return None
    q = turn.query
    hits = index.rank(q, hints=turn.hints).hits
    if not hits:
        return None
    asked_here = frozenset(turn.analysed.toks) if turn.resolution.leaned else None
    fitting = [h for h in hits if misfit(index, q, h.doc, asked_here) is None]
    if not fitting or fitting[0] is not hits[0]:
        return None  # the best passage says something else than what is asked
    best = hits[0]
    runner = next((h for h in hits[1:] if h.located.entry.answer != best.located.entry.answer), None)
    if best.score < PASSAGE_MIN or best.evidence < PASSAGE_EVIDENCE:
        return None
    if runner is not None and best.score < PASSAGE_MARGIN * runner.score:
        return None  # two passages match alike: the question does not pick one
    if q.districts and best.located.district not in q.districts:
        return None
    if (q.when and not best.doc.dated) or (q.quantity and not best.doc.has_number):
        return None  # "ngày nào?", "bao nhiêu?": a sentence with no date, or no number, does not say
    said = set(tokens(best.located.entry.answer))
    if q.who and (not _NAMED.search(best.located.entry.answer[1:]) or not set(_after_who(q.toks)) <= said):
        return None  # "ai chủ trì?": a sentence that names no one, or not as chairing, does not say who
    if _asks_year(q.toks) and not any(t.isdigit() and len(t) == 4 for t in said):
        return None  # "năm nào?": a sentence with a day and a month does not say the year
    if misread(q.text, best.located.entry.answer):
        return None  # "xây cầu" typed with its marks: the sentence's "Câu lạc bộ" is another word
    if turn.resolution.leaned and len(_own_words_in(turn, best)) < PASSAGE_OWN_WORDS:
        return None  # a follow-up: the sentence must match what the turn itself says, not only the context
    source = Source.of(best.located.article)
    body = answer_texts.article_says(best.located.entry.answer, turn.snapshot.kb.named(best.located.district))
    return Answer(
        answered=True,
        kind="fact",
        text=render(body, (), (source,)),
        body=body,
        sources=(source,),
        score=best.score,
    )


def marked_words(text: str) -> set[str]:
    """A text's words as printed, with their marks (lower case, NFC)."""
    return set(_WORD.findall(unicodedata.normalize("NFC", text.lower())))


_MARKED_COUNTS: dict[int, tuple[object, dict[str, int]]] = {}


def marked_counts(kb: KnowledgeBase) -> dict[str, int]:
    """Each word the base's entries print, with its marks, → how many entries print it (kept per base)."""
    kept = _MARKED_COUNTS.get(id(kb))
    if kept is not None and kept[0] is kb:
        return kept[1]
    counts: dict[str, int] = {}
    for located in kb.entries:
        for w in marked_words(f"{located.entry.answer} {located.entry.quote} {located.entry.title}"):
            counts[w] = counts.get(w, 0) + 1
    if len(_MARKED_COUNTS) > 8:
        _MARKED_COUNTS.clear()  # reloaded bases replace the old ones
    _MARKED_COUNTS[id(kb)] = (kb, counts)
    return counts


def unknown_words(words: list[str], kb: KnowledgeBase) -> list[str]:
    """The (folded) words no entry of the base prints in any form ("vắc xin")."""
    counts = marked_counts(kb)
    key = (id(kb), "letters")
    kept = _LETTERS.get(key)
    if kept is None or kept[0] is not kb:
        _LETTERS.clear()
        _LETTERS[key] = kept = (kb, frozenset(fold(w) for w in counts))
    return [w for w in words if w not in kept[1]]


_LETTERS: dict[tuple[int, str], tuple[object, frozenset[str]]] = {}


def rare_as_typed(question: str, kb: KnowledgeBase) -> list[str]:
    """The words the question typed with their marks that few entries print so ("bò"), however
    common their letters are ("bộ", "bỏ"): they say what the question is about."""
    counts = marked_counts(kb)
    return [
        w
        for w in marked_words(question)
        if fold(w) != w and fold(w) not in STOPWORDS and counts.get(w, 0) <= RARE_AS_TYPED
    ]


def misread(question: str, sentence: str) -> bool:
    """A word the question typed with its marks that the sentence holds only as another word of
    the same letters (folded alike: "cầu" and "câu", "đất" and "đặt"): the match is of letters, not
    of meaning. Curated entries are matched by meaning; a sentence has only its words."""
    typed = {w for w in marked_words(question) if fold(w) != w}
    printed = marked_words(sentence)
    by_letters = {fold(w) for w in printed}
    return any(fold(w) in by_letters and w not in printed and fold(w) not in STOPWORDS for w in typed)


def _own_words_in(turn: Turn, hit: Hit) -> set[str]:
    """The words the turn itself said (not the conversation) that the passage holds."""
    said = {t for t in turn.analysed.content if t not in STOPWORDS and len(t) > 1}
    return said & set(tokens(hit.located.entry.answer))


def _after_who(toks: list[str]) -> list[str]:
    """What "ai" does in the question ("ai chủ trì hội nghị" → chủ, trì): the words after it."""
    if "ai" not in toks:
        return []
    after = toks[toks.index("ai") + 1 :]
    return [t for t in after[:2] if t not in STOPWORDS and not t.isdigit()]


def _asks_year(toks: list[str]) -> bool:
    return any(a == "nam" and b in ("nao", "bao", "may") for a, b in itertools.pairwise(toks))
