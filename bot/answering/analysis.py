"""From a question's text to a :class:`~bot.answering.query.Query`: the analyzer of one snapshot.

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
from dataclasses import dataclass

from bot.answering.query import Query, find, read
from bot.knowledge.schema import KnowledgeBase
from bot.language import lexicon
from bot.language.expansion import expand, normalize
from bot.language.folding import BREAK, is_year, tokens
from bot.language.gazetteer import Corpus, PlaceFinder, gazetteer
from bot.language.spelling import Speller


class Vocabulary:
    """Words and adjacent pairs seen anywhere in a snapshot: what the speller trusts."""

    def __init__(self) -> None:
        self.words: Counter[str] = Counter()
        self.pairs: set[tuple[str, str]] = set()

    def learn(self, toks: Sequence[str], pairs: Iterable[tuple[str, str]] | None = None) -> None:
        self.words.update(t for t in toks if t != BREAK)
        self.pairs.update(pairs if pairs is not None else (p for p in itertools.pairwise(toks) if BREAK not in p))

    def learn_unbroken(self, toks: list[str]) -> None:
        """learn() for tokens read without breaks (an entry's fields): the same, faster."""
        self.words.update(toks)
        self.pairs.update(itertools.pairwise(toks))

    def learn_language(self) -> None:
        """The lexicon's phrases and the country's place names: words a user may type
        that no article happens to contain."""
        for phrase in _lexicon_phrases():
            self.learn(phrase)
        for key in gazetteer():
            self.learn(key)

    def speller(self) -> Speller:
        return Speller(self.words, frozenset(self.pairs))


CueUses = dict[tuple[str, ...], frozenset[tuple[str, str]]]


@dataclass(frozen=True)
class ArticleReading:
    """What one pass over the articles learns besides the vocabulary."""

    places: PlaceFinder
    years: dict[str, frozenset[str]]  # each district's years ("năm 2030" is asked of one that never says it)
    # how the articles use the words that can also be an instruction or an opinion: the word just
    # before or after each use ("hội thi kể chuyện", "sơ kết, đánh giá"), as ("before"|"after", word)
    cue_uses: CueUses


def read_articles(kb: KnowledgeBase, vocabulary: Vocabulary) -> ArticleReading:
    """One pass over the articles: their words teach the vocabulary, their phrases the place
    finder (which names they use as ordinary words), each district's years are noted, and so are
    the words around their uses of cue words. Each article's tokens are let go as soon as read."""
    corpus = Corpus()
    years: dict[str, set[str]] = {}
    cues = [*lexicon.INSTRUCTION_PHRASES, *lexicon.OPINION_PHRASES]
    uses: dict[tuple[str, ...], set[tuple[str, str]]] = {}
    for article in kb.articles.values():
        toks = expand(tokens(article.text))
        pairs = [p for p in itertools.pairwise(toks) if BREAK not in p]
        vocabulary.learn(toks, pairs)
        corpus.learn(toks, pairs)
        years.setdefault(article.district, set()).update(t for t in toks if is_year(t))
        for a, b in find(toks, cues):
            around = uses.setdefault(tuple(toks[a:b]), set())
            if a > 0:
                around.add(("before", toks[a - 1]))
            if b < len(toks):
                around.add(("after", toks[b]))
    places = PlaceFinder(((a.district, a.province) for a in kb.articles.values()), corpus)
    return ArticleReading(
        places=places,
        years={district: frozenset(y) for district, y in years.items()},
        cue_uses={cue: frozenset(words) for cue, words in uses.items()},
    )


class Analyzer:
    """Turns text into a Query: expand short forms, correct spelling, find places, read intent."""

    def __init__(
        self,
        places: PlaceFinder,
        speller: Speller,
        years_by_district: Mapping[str, frozenset[str]],
        cue_uses: CueUses | None = None,
    ):
        self.places = places
        self.speller = speller
        self.district_years = years_by_district
        self.cue_uses: CueUses = cue_uses or {}
        self.all_years = frozenset().union(*years_by_district.values())

    def years_mentioned(self, districts: Sequence[str]) -> frozenset[str]:
        """The years the articles of these districts (of all, when none) mention."""
        if not districts:
            return self.all_years
        return frozenset().union(*(self.district_years.get(d, frozenset()) for d in districts))

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
    for phrases in (
        lexicon.COVERAGE_CUES,
        lexicon.ARTICLES_CUES,
        lexicon.TITLE_CUES,
        lexicon.PUBLISHER_CUES,
        lexicon.CAPABILITY_PHRASES,
        lexicon.PROVINCE_CUES,
        lexicon.OPINION_PHRASES,
        lexicon.INSTRUCTION_PHRASES,
        lexicon.GENERAL_KNOWLEDGE_PHRASES,
        lexicon.DEFINITION_CUES,
        lexicon.COMPARISON_PHRASES,
        lexicon.FOLLOWUP_CUES,
        lexicon.ANAPHORA_PHRASES,
    ):
        yield from phrases
    for words in (lexicon.SMALL_TALK_FILLERS, lexicon.BOT_WORDS, lexicon.TOPIC_WORDS):
        for word in words:
            yield (word,)
    for groups in (lexicon.SMALL_TALK, lexicon.ORG_GROUPS, lexicon.UNIT_WORDS, lexicon.KIND_WORDS):
        for aliases in groups.values():
            yield from aliases
    for group in lexicon.SYNONYMS:
        for word in group:
            yield tuple(word.split())
    for stop in lexicon.STOPWORDS:
        yield (stop,)
