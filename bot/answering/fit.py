"""Does an entry answer what the question asks, by meaning? Declines that no cue word makes.

An entry can share most of a question's words and still not answer it: the question asks
for another year than the one the article gives, another level (the province, a commune),
another unit (money, where the article gives a length), a count of something the figure does
not count, a number the entry does not hold, or a post nobody in the article holds. Ranking
cannot see this; these checks do, and a question that no close entry fits is declined with
what the article does give, never answered with its neighbour.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.answering.query import Query, find, has
from bot.answering.search import Doc, Index
from bot.answering.tuning import HEAD_WORDS
from bot.knowledge.schema import Located
from bot.language import lexicon
from bot.language.expansion import expand
from bot.language.folding import fold, is_year, tokens

_UNIT_OF: dict[str, str] = {w: unit for unit, words in lexicon.VALUE_UNITS.items() for w in words}
_NUMBER_WITH_UNIT = re.compile(
    r"(?<![\w/])(\d+(?:[.,]\d+)*)(?![\d/])\s*("
    + "|".join(sorted(map(re.escape, _UNIT_OF), key=len, reverse=True))
    + r")?(?!\w)"
)
_RANGE = re.compile(
    r"\b((?:19|20)\d\d)\s*(?:[-–—]|den|toi)\s*(?:(?:thang)?\s*\d{1,2}\s*/\s*)?(?:nam\s+)?((?:19|20)\d\d)\b"
)


@dataclass(frozen=True)
class Misfit:
    """Why the entry does not answer: ``what`` is one of "year", "level", "unit", "count",
    "number", "role"; ``asked`` says what the question asked for (a year, a level…)."""

    what: str
    asked: str = ""


def entry_text(located: Located) -> str:
    entry = located.entry
    parts = [entry.answer, entry.quote, entry.org or "", entry.period or "", entry.title]
    for name in ("counts", "value", "date", "name", "role"):
        value = getattr(entry, name, None)
        if isinstance(value, str):
            parts.append(value)
    return " ".join(parts)


def years_of(text: str) -> frozenset[str]:
    """The years a text names, with those inside a range ("2016 - 2020", "từ 2022 đến 7/2023")."""
    years = {t for t in tokens(text) if is_year(t)}
    for match in _RANGE.finditer(fold(text)):
        first, last = int(match.group(1)), int(match.group(2))
        if first < last <= first + 30:
            years.update(str(y) for y in range(first, last + 1))
    return frozenset(years)


def levels_of(toks: Sequence[str]) -> frozenset[str]:
    """The administrative levels a text names ("cấp tỉnh", "UBND tỉnh", "cấp xã", "Trung ương")."""
    return frozenset(level for level, phrases in lexicon.LEVEL_PHRASES.items() if has(toks, phrases))


def asked_levels(q: Query) -> frozenset[str]:
    """The levels a question asks about, beyond the district it is about."""
    return levels_of(q.toks)


def number_units(text: str) -> set[str | None]:
    """The unit of each number a text states (None: a plain count); years and dates left out."""
    out: set[str | None] = set()
    for match in _NUMBER_WITH_UNIT.finditer(fold(text)):
        number, unit = match.group(1), match.group(2)
        if is_year(number) or re.match(r"\s*/", text[match.end(1) : match.end(1) + 2]):
            continue
        out.add(_UNIT_OF.get(unit or ""))
    return out


def misfit(index: Index, q: Query, doc: Doc, own: Query | None = None) -> Misfit | None:
    """None when the entry can answer the question as asked, else why it cannot. ``own`` is the
    question on its own, when ``q`` is it as meant in a conversation: what is counted, and in
    which unit, is checked only where the question itself asks it (a follow-up inherits the
    previous question's, which the new subject may not share)."""
    own = own or q
    located = doc.located
    text = entry_text(located)
    if q.years:
        have = years_of(text)
        missing = [y for y in q.years if y not in have]
        if missing:
            return Misfit("year", ", ".join(missing))
    wanted = asked_levels(q) - {"district"}
    if wanted:
        have_levels = levels_of(expand(tokens(text))) or frozenset({"district"})
        absent = wanted - have_levels
        if absent:
            return Misfit("level", sorted(absent)[0])
    if q.who and q.wanted_kind is None:
        role = _asked_role(q)
        if role and not _holds_role(located, role):
            return Misfit("role", " ".join(role))
    if own.quantity and q.quantity and not q.when and not q.comparing and len(q.target_parts) <= 1:
        return _quantity_misfit(index, q, doc, count=bool(counted_words(own)))
    return None


def _quantity_misfit(index: Index, q: Query, doc: Doc, count: bool) -> Misfit | None:
    entry = doc.located.entry
    if entry.kind == "figure":
        units = {doc.unit} if doc.unit else number_units(getattr(entry, "value", "")) or {None}
    elif doc.has_number:
        units = number_units(entry.answer)
    else:
        return Misfit("number")  # a model that names no figure cannot say how many
    if not units:
        return Misfit("number")
    wanted = q.unit
    if wanted is not None:
        if wanted not in units:
            return Misfit("unit", wanted)
        return None
    target = counted_words(q)
    counts = getattr(entry, "counts", None)
    if count and target and counts and not _same_thing(index, target, head_words(index, counts)):
        return Misfit("count", " ".join(target[:2]))
    return None


def counted_words(q: Query) -> list[str]:
    """The words of what "bao nhiêu <X>" counts, without units and words that count anything."""
    units = {w for phrases in lexicon.UNIT_WORDS.values() for p in phrases for w in p}
    return [
        t
        for t in q.target
        if t not in lexicon.STOPWORDS and t not in units and t not in lexicon.GENERIC_COUNTED and not t.isdigit()
    ]


def head_words(index: Index, counts: str) -> list[str]:
    """The first words of what a figure counts: the noun it counts ("căn nhà Đại đoàn kết…")."""
    words = [t for t in index.places.strip(expand(tokens(counts))) if t not in lexicon.STOPWORDS]
    return words[:HEAD_WORDS]


def _same_thing(index: Index, asked: Sequence[str], head: Sequence[str]) -> bool:
    """One of the first words the question counts is one of the figure's head words, or a synonym."""
    head_set = set(head)
    pairs = {f"{a} {b}" for a, b in itertools.pairwise(head)}
    for word in asked[:2]:
        if word in head_set:
            return True
        alternatives = index.synonyms.get(word, ())
        if any(alt in head_set or alt in pairs for alt in alternatives):
            return True
    return False


def _asked_role(q: Query) -> tuple[str, ...] | None:
    spans = find(q.toks, lexicon.ROLE_WORDS)
    if not spans:
        return None
    a, b = max(spans, key=lambda s: s[1] - s[0])
    return tuple(q.toks[a:b])


def _holds_role(located: Located, role: tuple[str, ...]) -> bool:
    """Someone in the entry holds the post: a person's role, or the post named in its text."""
    from bot.language.folding import contains

    return contains(expand(tokens(entry_text(located))), list(role))
