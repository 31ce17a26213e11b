"""From a question's text to a :class:`~bot.query.Query`: the analyzer of one snapshot.

The analyzer owns what a snapshot knows about words: the vocabulary the speller
corrects against (the articles, the indexed entries, the lexicon and every
place name of Vietnam) and the place finder (the base's districts, and the
rest of the country to decline). The search index never analyses text; it
only ranks the Query this module produces.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from . import lexicon
from .expansion import expand, normalize
from .knowledge import KnowledgeBase
from .places import PlaceFinder, gazetteer
from .query import Query, read
from .spelling import Speller
from .text import BREAK, tokens


class Vocabulary:
    """Words and adjacent pairs seen anywhere in a snapshot: what the speller trusts."""

    def __init__(self) -> None:
        self.words: Counter[str] = Counter()
        self.pairs: set[tuple[str, str]] = set()

    def learn(self, toks: Sequence[str]) -> None:
        self.words.update(t for t in toks if t != BREAK)
        self.pairs.update(p for p in itertools.pairwise(toks) if BREAK not in p)

    def learn_language(self) -> None:
        """The lexicon's phrases and the country's place names: words a user may type
        that no article happens to contain."""
        for phrase in _lexicon_phrases():
            self.learn(phrase)
        for key in gazetteer():
            self.learn(key)

    def speller(self) -> Speller:
        return Speller(self.words, frozenset(self.pairs))


def article_tokens(kb: KnowledgeBase) -> dict[str, list[str]]:
    return {a.id: expand(tokens(a.text)) for a in kb.articles.values()}


def place_finder(kb: KnowledgeBase, article_toks: Mapping[str, Sequence[str]]) -> PlaceFinder:
    """The base's districts; the phrases the articles use tell a place name from ordinary words."""
    ngrams: set[tuple[str, ...]] = set()
    for toks in article_toks.values():
        for size in (2, 3, 4):
            ngrams.update(g for i in range(len(toks) - size + 1) if BREAK not in (g := tuple(toks[i : i + size])))
    return PlaceFinder(((a.district, a.province) for a in kb.articles.values()), frozenset(ngrams))


def district_words(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    """Every word each district's articles use: "năm 2030" is asked of a district whose articles never say it."""
    words: dict[str, set[str]] = {}
    for article in kb.articles.values():
        words.setdefault(article.district, set()).update(tokens(article.text))
    return {district: frozenset(w) for district, w in words.items()}


class Analyzer:
    """Turns text into a Query: expand short forms, correct spelling, find places, read intent."""

    def __init__(self, places: PlaceFinder, speller: Speller, words_by_district: Mapping[str, frozenset[str]]):
        self.places = places
        self.speller = speller
        self.district_words = words_by_district

    def analyze(self, text: str) -> Query:
        toks = self.speller.correct(normalize(text))
        found = self.places.find(toks, lexicon.STOPWORDS)
        return read(text, toks, found, self.speller.bigrams)

    def district_named(self, text: str) -> tuple[str | None, bool]:
        """(district, recognised): which district of the base a short text ("Lai Vung") names.
        An empty text names none and is recognised; a text naming no known district is not."""
        if not text.strip():
            return None, True
        q = self.analyze(text)
        if len(q.districts) == 1 and not q.unknown_places:
            return q.districts[0], True
        return None, False


def _lexicon_phrases() -> Iterable[tuple[str, ...]]:
    for value in lexicon.SHORT_FORMS.values():
        yield tuple(value.split())
    for phrases in (
        lexicon.QUANTITY_CUES,
        lexicon.WHO_CUES,
        lexicon.WHEN_CUES,
        lexicon.LIST_CUES,
        lexicon.FRAME_PHRASES,
        lexicon.UNANSWERABLE_PHRASES,
        lexicon.ARTICLE_WORDS,
        lexicon.AUTHOR_CUES,
        lexicon.PUBLISHED_CUES,
    ):
        yield from phrases
    for groups in (lexicon.ORG_GROUPS, lexicon.UNIT_WORDS, lexicon.KIND_WORDS):
        for aliases in groups.values():
            yield from aliases
    for group in lexicon.SYNONYMS:
        for word in group:
            yield tuple(word.split())
    for stop in lexicon.STOPWORDS:
        yield (stop,)
