"""Short quotes for a phone: the clause of the article that holds the figure, with "…" where it
is cut. The whole sentence stays one tap (or "xem trích dẫn") away.

A short quote is always a piece of the curated quote, so it still occurs word for word in the
article; only where it starts and ends is chosen here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.answering.tuning import SHORT_QUOTE_CHARS, SHORT_QUOTE_MIN
from bot.language.folding import canonical_number, fold, numbers, tokens

ELLIPSIS = "…"
# a clause ends at these; the mark stays with the clause before it
_CLAUSE_END = re.compile(r"(?<=[;:,.])\s+|\s+(?=[-–—]\s)")


def short_quote(quote: str, wanted: Iterable[str], name: str | None = None, told: str = "") -> str:
    """The shortest run of the quote's clauses that holds every wanted number (as printed in the
    answer), or else the entry's name; the quote itself when it is short already. A number the
    quote prints in several clauses ("Sau 02 năm …", "… có 02 cá nhân …") is taken from the one
    that shares most words with what the answer ``told``."""
    if len(quote) <= SHORT_QUOTE_CHARS:
        return quote
    clauses = _clauses(quote)
    told_words = set(tokens(told))
    holding = sorted(
        {
            max(places, key=lambda i: (len(told_words.intersection(tokens(clauses[i]))), -i))
            for places in _places_of(clauses, {canonical_number(n) for n in wanted}).values()
        }
    )
    if not holding and name:
        key = fold(name)
        holding = [i for i, c in enumerate(clauses) if key and key in fold(c)]
    if not holding:
        return quote
    first, last = min(holding), max(holding)
    # widened by what follows the figure first ("… 39 căn cho các hộ có nhà ở xuống cấp, dột nát."),
    # then by what comes before it
    while len(_join(clauses[first : last + 1])) < SHORT_QUOTE_MIN and (first > 0 or last < len(clauses) - 1):
        if last < len(clauses) - 1:
            last += 1
        elif first > 0:
            first -= 1
    piece = _join(clauses[first : last + 1]).rstrip(",;: ")
    if len(piece) >= len(quote) - 2:
        return quote
    return (ELLIPSIS + " " if first > 0 else "") + piece + (" " + ELLIPSIS if last < len(clauses) - 1 else "")


def _places_of(clauses: list[str], wanted: set[str]) -> dict[str, list[int]]:
    """Each wanted number → the clauses printing it."""
    places: dict[str, list[int]] = {}
    for i, clause in enumerate(clauses):
        for number in {canonical_number(n) for n in numbers(clause)} & wanted:
            places.setdefault(number, []).append(i)
    return places


def _clauses(quote: str) -> list[str]:
    parts = [p for p in _CLAUSE_END.split(quote) if p]
    return parts or [quote]


def _join(clauses: list[str]) -> str:
    return " ".join(clauses)
