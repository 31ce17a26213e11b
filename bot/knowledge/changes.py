"""What changed between two knowledge bases: entries and articles added, removed, changed."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.schema import KnowledgeBase


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
