"""An immutable snapshot: a validated knowledge base with its analyzer and index.

Building one reads and validates the whole knowledge directory, learns its
vocabulary, indexes its entries and proves that every curated example question
is answered. Nothing in a snapshot changes afterwards; a reload builds a new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..analysis import Analyzer, Vocabulary, read_articles
from ..knowledge import EXAMPLES_FILE, KnowledgeBase, KnowledgeError, Problem, load
from ..search import Index


@dataclass(frozen=True)
class Snapshot:
    kb: KnowledgeBase
    analyzer: Analyzer
    index: Index

    @classmethod
    def of(cls, kb: KnowledgeBase) -> Snapshot:
        """Analyzer and index for a loaded base (no example check)."""
        vocabulary = Vocabulary()
        places, years = read_articles(kb, vocabulary)
        index = Index(kb, places, learn=vocabulary.learn_unbroken)
        vocabulary.learn_language()
        return cls(kb=kb, analyzer=Analyzer(places, vocabulary.speller(), years), index=index)

    @classmethod
    def build(cls, directory: str | Path) -> Snapshot:
        """Load, validate and index a knowledge directory; raise KnowledgeError on any problem."""
        from .rules import answer  # the rules read snapshots: imported here, not at module load

        snapshot = cls.of(load(directory))
        # an example the bot cannot answer would greet every new user with a failure
        problems = [
            Problem(str(snapshot.kb.directory / EXAMPLES_FILE), f"câu ví dụ #{i} không có câu trả lời: {question!r}")
            for i, question in enumerate(snapshot.kb.examples, 1)
            if not answer(snapshot, question).answered
        ]
        if problems:
            raise KnowledgeError(problems)
        return snapshot
