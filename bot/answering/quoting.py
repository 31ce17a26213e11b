"""Short quotes for a phone: the clause of the article that holds the figure, with "…" where it
is cut. The whole sentence stays one tap (or "xem trích dẫn") away.

A short quote is always a piece of the curated quote, so it still occurs word for word in the
article; only where it starts and ends is chosen here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.answering.tuning import SHORT_QUOTE_CHARS, SHORT_QUOTE_MIN
from bot.language import lexicon
from bot.language.folding import canonical_number, contains, fold, is_year, numbers, tokens

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
    clauses = clauses_of(quote)
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


def clauses_of(quote: str) -> list[str]:
    """A sentence's clauses, each with the mark that ends it."""
    parts = [p for p in _CLAUSE_END.split(quote) if p]
    return parts or [quote]


def _join(clauses: list[str]) -> str:
    return " ".join(clauses)


def restates(answer: str, quote: str) -> bool:
    """The answer is the quote itself, perhaps after a few words naming the district (its words
    in order: the marks that end either may differ, "…" or ".")."""
    said = tokens(quote)
    return bool(said) and contains(tokens(answer), said)


def own_clauses(sentence: str, value: str) -> str | None:
    """A drafted figure's sentence said only as far as its own figure: the list printing its value
    (a clause and the clauses opening with a number after it: "toàn huyện có 4 tập thể, 4 cá nhân
    được khen thưởng cấp tỉnh"), the clauses before it that print no figure (its subject and
    verb), and the words opening the sentence that name the district; not the other parts'
    figures ("… dài 177m, tổng kinh phí trên 104 triệu đồng, trong đó …"). An opening «trong
    đó» of a part is left out with the total it follows. None where the value is in no clause."""
    wanted = _figures(value)
    if not wanted:
        return None
    clauses = clauses_of(sentence)
    start = next((i for i, c in enumerate(clauses) if contains(tokens(c), tokens(value))), None)
    if start is None:
        start = next((i for i, c in enumerate(clauses) if wanted <= _figures(c)), None)
    if start is None:
        return None
    last = start + len(clause_run(clauses, start)) - 1
    while not contains(tokens(_join(clauses[start : last + 1])), tokens(value)) and last + 1 < len(clauses):
        last += 1  # a value printed with a comma: "8.930 cán bộ, đảng viên"
    first = start
    while first > 0 and not _figures(clauses[first - 1]) and not clauses[first - 1].endswith((";", ".", "…")):
        first -= 1
    kept = clauses[first : last + 1]
    lead = clauses[:1] if first > 0 and not _figures(clauses[0]) and clauses[0].endswith(",") else []
    while kept and _opens_a_part(kept[0]):
        rest = _without_opener(kept[0])
        kept = [rest, *kept[1:]] if rest else kept[1:]
    text = _join([*lead, *kept]).rstrip(",;:. …") + "."
    return text[:1].upper() + text[1:]


def _figures(text: str) -> set[str]:
    return {canonical_number(n) for n in numbers(text) if not is_year(canonical_number(n))}


def clause_run(clauses: list[str], i: int) -> list[str]:
    """The clause and those after it that open with a number, to the end of its part; a clause
    naming its own level ("01 mô hình cấp tỉnh, 115 mô hình cấp huyện") is a run alone."""
    run = [clauses[i]]
    if any(contains(tokens(clauses[i]), marker) for marker in lexicon.OWN_LEVEL_MARKERS):
        return run
    while not run[-1].endswith((";", ".", "…")) and i + len(run) < len(clauses) and clauses[i + len(run)][:1].isdigit():
        run.append(clauses[i + len(run)])
    return run


def _opens_a_part(clause: str) -> bool:
    toks = tokens(clause)
    return any(tuple(toks[: len(o)]) == o for o in lexicon.PART_OPENERS)


def _without_opener(clause: str) -> str:
    toks = tokens(clause)
    n = max(len(o) for o in lexicon.PART_OPENERS if tuple(toks[: len(o)]) == o)
    return " ".join(clause.split()[n:]).lstrip(",: ")
