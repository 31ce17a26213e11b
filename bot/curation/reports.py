"""A reload or an upload, said for the curator who asked: what changed, or every problem."""

from __future__ import annotations

from bot.curation import curator_texts
from bot.knowledge.changes import ReloadReport
from bot.knowledge.problems import KnowledgeError


def report_lines(report: ReloadReport, shown: int = 30) -> tuple[str, list[str]]:
    """(title, lines) telling what a reload changed."""
    title = curator_texts.RELOAD_UNCHANGED if report.unchanged else curator_texts.RELOAD_DONE
    lines = [curator_texts.reload_counts(report.articles, report.entries)]
    for label, ids in zip(curator_texts.RELOAD_CHANGE_LABELS, report.changes(), strict=True):
        if ids:
            listed = ", ".join(ids[:shown]) + (f" … (+{len(ids) - shown})" if len(ids) > shown else "")
            lines.append(f"{label} ({len(ids)}): {listed}")
    return title, lines


def failure_lines(exc: KnowledgeError, limit: int = 40) -> tuple[str, list[str]]:
    """(title, lines) listing why a reload was refused; the old base keeps serving."""
    problems = exc.problems
    lines = [f"• {p}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(curator_texts.more_problems(len(problems) - limit))
    return curator_texts.reload_failed(len(problems)), lines
