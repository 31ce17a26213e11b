"""Provenance: each quote occurs in its article, and every number a user is shown occurs in
its quote."""

from __future__ import annotations

import re
from typing import Any

from bot.knowledge.problems import Problem
from bot.language.folding import collapse_spaces, fold, numbers


def quote_pieces(quote: str) -> list[str]:
    """A quote may join verbatim pieces of one passage with '…' (or '...')."""
    return [collapse_spaces(p) for p in re.split(r"\s*(?:…|\.\.\.)\s*", quote) if p.strip()]


def check_provenance(file: str, entry: Any, article_text: str) -> list[Problem]:
    """What an entry's quote and fields fail against its article: the quote's pieces must occur
    in order in ``article_text`` (the article with its spaces collapsed), every number a user sees
    in the quote, every verbatim field word for word in it. The drafter runs it on each candidate."""
    problems: list[Problem] = []
    position = 0
    for piece in quote_pieces(entry.quote):
        found = article_text.find(piece, position)
        if found < 0:
            problems.append(
                Problem(
                    file, f"đoạn trích không có nguyên văn trong bài: {piece[:80]!r}", entry=entry.id, field="quote"
                )
            )
            return problems
        position = found + len(piece)
    quote = collapse_spaces(entry.quote)
    quoted_numbers = set(numbers(quote))
    for name, value in entry.shown_fields().items():
        for number in numbers(value):
            if number not in quoted_numbers:
                problems.append(
                    Problem(file, f"con số {number} không có trong đoạn trích (quote)", entry=entry.id, field=name)
                )
    folded_quote = fold(quote) if entry.VERBATIM else ""
    for name in entry.VERBATIM:
        value = getattr(entry, name, None)
        if value and fold(collapse_spaces(value)) not in folded_quote:
            problems.append(Problem(file, "không có nguyên văn trong đoạn trích (quote)", entry=entry.id, field=name))
    return problems
