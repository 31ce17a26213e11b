"""An immutable snapshot: a validated knowledge base with its analyzer and index.

A snapshot learns its base's vocabulary and indexes its entries (:meth:`Snapshot.of`); building
one from a directory, examples checked, is :mod:`bot.answering.building`. Nothing in a snapshot
changes afterwards (but the passage index of a large base, filled in once built); a reload
builds a new one.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from bot.answering import tuning
from bot.answering.analysis import Analyzer, Vocabulary, read_articles
from bot.answering.passages import passage_index
from bot.answering.search import Index
from bot.knowledge.schema import KnowledgeBase
from bot.language.gazetteer import PlaceFinder

log = logging.getLogger(__name__)


class Later:
    """The passage index of a large base, built in a thread of its own once the snapshot is
    ready: until it is, the passage tier simply does not answer (the curated entries do)."""

    def __init__(self, kb: KnowledgeBase, places: PlaceFinder) -> None:
        self.value: Index | None = None
        self._thread = threading.Thread(target=self._build, args=(kb, places), name="passages", daemon=True)
        self._thread.start()

    def _build(self, kb: KnowledgeBase, places: PlaceFinder) -> None:
        try:
            self.value = passage_index(kb, places)
        except Exception:
            log.exception("Không dựng được chỉ mục câu của các bài viết; bỏ qua tầng trích câu")

    def wait(self, timeout: float | None = None) -> Index | None:
        self._thread.join(timeout)
        return self.value


@dataclass(frozen=True)
class Snapshot:
    kb: KnowledgeBase
    analyzer: Analyzer
    index: Index
    # the articles' sentences (bot.answering.passages); None: tier off; Later: still being built
    passages: Index | Later | None = None

    def passage_index(self) -> Index | None:
        """The passage index, when there is one and it is built."""
        return self.passages.value if isinstance(self.passages, Later) else self.passages

    @classmethod
    def of(cls, kb: KnowledgeBase) -> Snapshot:
        """Analyzer and index for a loaded base (no example check)."""
        vocabulary = Vocabulary()
        reading = read_articles(kb, vocabulary)
        places = reading.places
        index = Index(kb, places, learn=vocabulary.learn_unbroken)
        vocabulary.learn_language()
        passages: Index | Later | None = None
        if tuning.PASSAGE_TIER:
            # a large base is ready sooner: its sentences are indexed after, in the background
            large = len(kb.articles) > tuning.PASSAGES_AT_ONCE_ARTICLES
            passages = Later(kb, places) if large else passage_index(kb, places)
        analyzer = Analyzer(places, vocabulary.speller(), reading.years, reading.cue_uses)
        for article in kb.articles.values():
            article.read_maps()  # every answer names its source
        return cls(kb=kb, analyzer=analyzer, index=index, passages=passages)
