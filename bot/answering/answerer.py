"""The answerer: a question in, an Answer out, over one immutable snapshot.

Reloading builds and validates a complete new snapshot first and only then
replaces the reference, so a question in flight keeps the snapshot it started
with and a failed reload changes nothing (as ``nginx -s reload`` does).
"""

from __future__ import annotations

import threading
from pathlib import Path

from bot.answering.answer import Answer, fact_answer, suggestion_for
from bot.answering.building import build_snapshot
from bot.answering.context import Context
from bot.answering.followup import remember
from bot.answering.policy import answer, converse
from bot.answering.snapshot import Snapshot
from bot.answering.tuning import MAX_SUGGESTIONS
from bot.knowledge.changes import ReloadReport, diff
from bot.knowledge.schema import KnowledgeBase, Located


class Answerer:
    def __init__(self, snapshot: Snapshot):
        self._snapshot = snapshot
        self._reload_lock = threading.Lock()
        self.version: int | None = None  # the stored knowledge version served, when there is a store

    @classmethod
    def from_directory(cls, directory: str | Path) -> Answerer:
        return cls(build_snapshot(directory))

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    @property
    def kb(self) -> KnowledgeBase:
        return self._snapshot.kb

    def ask(self, question: str | None) -> Answer:
        return answer(self._snapshot, question)

    def converse(self, question: str | None, context: Context | None) -> tuple[Answer, Context | None]:
        """The answer in a conversation, and the context for the next turn (None: keep the old one)."""
        return converse(self._snapshot, question, context)

    def entry_context(self, answer: Answer) -> Context | None:
        """The context an entry's answer leaves (a pressed suggestion)."""
        return remember(self._snapshot, None, answer)

    def entry_answer(self, entry_id: str) -> Answer | None:
        """One entry's answer (a pressed suggestion), or None when it no longer exists."""
        snap = self._snapshot
        located = snap.kb.by_id.get(entry_id)
        if located is None:
            return None
        return fact_answer([located], 1.0, [suggestion_for(o) for o in _same_passage(snap.kb, located)])

    def swap(self, snapshot: Snapshot) -> ReloadReport:
        """Serve an already built and validated snapshot from now on."""
        with self._reload_lock:
            old = self._snapshot
            self._snapshot = snapshot
        return diff(old.kb, snapshot.kb)

    def reload(self, directory: str | Path | None = None) -> ReloadReport:
        """Build and validate a new snapshot, then swap it in. On error
        (KnowledgeError) the current snapshot keeps serving."""
        with self._reload_lock:
            old = self._snapshot
            new = build_snapshot(directory or old.kb.directory)
            self._snapshot = new  # one reference swap: readers see old or new, never a mix
        return diff(old.kb, new.kb)


def _same_passage(kb: KnowledgeBase, located: Located) -> list[Located]:
    """Other entries quoting the same passage: what a reader asks next."""
    out = [
        other
        for other in kb.entries
        if other.id != located.id
        and other.article.id == located.article.id
        and other.entry.quote == located.entry.quote
    ]
    return out[:MAX_SUGGESTIONS]
