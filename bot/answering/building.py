"""Building a snapshot from a knowledge directory: load and validate it, index it, and prove
that every curated example question is answered (an example the bot cannot answer would greet
every new user with a failure)."""

from __future__ import annotations

from pathlib import Path

from bot.answering import snapshot_cache
from bot.answering.policy import answer
from bot.answering.snapshot import Snapshot
from bot.knowledge.loading import EXAMPLES_FILE, load
from bot.knowledge.problems import KnowledgeError, Problem


def build_snapshot(directory: str | Path) -> Snapshot:
    """Load, validate and index a knowledge directory; raise KnowledgeError on any problem. The
    same files built before by the same code come from the cache (bot.answering.snapshot_cache)."""
    cached = snapshot_cache.load(Path(directory))
    if cached is not None:
        return cached
    snapshot = Snapshot.of(load(directory))
    problems = [
        Problem(str(snapshot.kb.directory / EXAMPLES_FILE), f"câu ví dụ #{i} không có câu trả lời: {question!r}")
        for i, question in enumerate(snapshot.kb.examples, 1)
        if not answer(snapshot, question).answered
    ]
    if problems:
        raise KnowledgeError(problems)
    snapshot_cache.save(Path(directory), snapshot)
    return snapshot
