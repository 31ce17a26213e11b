"""An immutable snapshot: a validated knowledge base with its analyzer and index.

A snapshot learns its base's vocabulary and indexes its entries (:meth:`Snapshot.of`); building
one from a directory, examples checked, is :mod:`bot.answering.building`. Nothing in a snapshot
changes afterwards; a reload builds a new one.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.answering import tuning
from bot.answering.analysis import Analyzer, Vocabulary, read_articles
from bot.answering.passages import passage_index
from bot.answering.search import Index
from bot.knowledge.schema import KnowledgeBase


@dataclass(frozen=True)
class Snapshot:
    kb: KnowledgeBase
    analyzer: Analyzer
    index: Index
    passages: Index | None = None  # the articles' sentences (bot.answering.passages); None: tier off

    @classmethod
    def of(cls, kb: KnowledgeBase) -> Snapshot:
        """Analyzer and index for a loaded base (no example check)."""
        vocabulary = Vocabulary()
        reading = read_articles(kb, vocabulary)
        places = reading.places
        index = Index(kb, places, learn=vocabulary.learn_unbroken)
        vocabulary.learn_language()
        passages = passage_index(kb, places) if tuning.PASSAGE_TIER else None
        analyzer = Analyzer(places, vocabulary.speller(), reading.years, reading.cue_uses)
        return cls(kb=kb, analyzer=analyzer, index=index, passages=passages)
