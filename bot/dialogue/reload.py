"""Reloading the knowledge base: what changed, said for the admin who asked.

The swap itself is one reference assignment in :class:`~bot.dialogue.engine.Engine`;
this module compares the old and new bases and words the result.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..knowledge import KnowledgeBase, KnowledgeError
from . import texts


@dataclass(frozen=True)
class ReloadReport:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]
    articles_added: tuple[str, ...]
    articles_removed: tuple[str, ...]
    articles_changed: tuple[str, ...]
    entries: int
    articles: int

    @property
    def unchanged(self) -> bool:
        return not any(self.changes())

    def changes(self) -> tuple[tuple[str, ...], ...]:
        return (
            self.added,
            self.removed,
            self.changed,
            self.articles_added,
            self.articles_removed,
            self.articles_changed,
        )


def diff(old: KnowledgeBase, new: KnowledgeBase) -> ReloadReport:
    old_e = {e.id: e.entry for e in old.entries}
    new_e = {e.id: e.entry for e in new.entries}
    old_a = dict(old.articles)
    new_a = dict(new.articles)
    return ReloadReport(
        added=tuple(sorted(new_e.keys() - old_e.keys())),
        removed=tuple(sorted(old_e.keys() - new_e.keys())),
        changed=tuple(sorted(k for k in old_e.keys() & new_e.keys() if old_e[k] != new_e[k])),
        articles_added=tuple(sorted(new_a.keys() - old_a.keys())),
        articles_removed=tuple(sorted(old_a.keys() - new_a.keys())),
        articles_changed=tuple(sorted(k for k in old_a.keys() & new_a.keys() if old_a[k] != new_a[k])),
        entries=len(new.entries),
        articles=len(new.articles),
    )


def report_lines(report: ReloadReport, shown: int = 30) -> tuple[str, list[str]]:
    """(title, lines) telling what a reload changed."""
    title = texts.RELOAD_UNCHANGED if report.unchanged else texts.RELOAD_DONE
    lines = [texts.reload_counts(report.articles, report.entries)]
    for label, ids in zip(texts.RELOAD_CHANGE_LABELS, report.changes(), strict=True):
        if ids:
            listed = ", ".join(ids[:shown]) + (f" … (+{len(ids) - shown})" if len(ids) > shown else "")
            lines.append(f"{label} ({len(ids)}): {listed}")
    return title, lines


def failure_lines(exc: KnowledgeError, limit: int = 40) -> tuple[str, list[str]]:
    """(title, lines) listing why a reload was refused; the old base keeps serving."""
    problems = exc.problems
    lines = [f"• {p}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(texts.more_problems(len(problems) - limit))
    return texts.reload_failed(len(problems)), lines
