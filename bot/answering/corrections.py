"""Corrections: "mình hỏi Kiên Lương chứ không phải Đất Đỏ", "nhầm, ý mình là sửa chữa", "không
phải 2018, ý là năm 2020".

A correction restates part of the question before: what it asserts replaces what the previous
question said, and what it negates is dropped (so "Đất Đỏ" in "chứ không phải Đất Đỏ" is not
a district the question asks about). :func:`read` finds the cue and returns the words that
assert, :func:`negated` those taken back; the follow-up machinery then treats them as a
follow-up that asks for something other than the answer just given. A correction that says no
question of its own restates the one before (``followup._corrected``): :func:`swap` drops from
it what the assertion replaces of the same kind (:func:`alternatives`: a part counted, a level,
a year, a span of years, an organisation, a post, a kind of document). The words are in the
lexicon (``CORRECTION_*``).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from bot.answering.query import find
from bot.language import lexicon
from bot.language.expansion import normalize
from bot.language.folding import BREAK


def read(text: str) -> str | None:
    """The asserting words of a correction, as a text to analyse; None when it is not one."""
    toks = normalize(text)
    cues = find(toks, lexicon.CORRECTION_CUES)
    negations = find(toks, lexicon.NEGATION_CUES)
    opens_with_no = bool(toks) and toks[0] in lexicon.CORRECTION_OPENERS and len(toks) > 1 and toks[1] == BREAK
    cues += _opening_cue(toks)
    if not (cues or negations or opens_with_no):
        return None
    drop = [False] * len(toks)
    for a, b in cues:
        _mark(drop, a, b)
    for a, _ in negations:
        _mark(drop, a, _negated_end(toks, a))
    if opens_with_no:
        drop[0] = True
    kept = [t for k, t in enumerate(toks) if not drop[k] and t != BREAK]
    while kept and (kept[0] in lexicon.CORRECTION_FILLERS or _asks(kept)):
        kept.pop(0)
    while kept and kept[-1] in lexicon.TRAILING_PARTICLES:
        kept.pop()
    return " ".join(kept) if kept else None


def _opening_cue(toks: Sequence[str]) -> list[tuple[int, int]]:
    """The span of a cue that restates only at the start, before a break ("sửa lại: …",
    "hỏi lại nha, …"; particles may come between)."""
    for cue in lexicon.CORRECTION_OPENING_CUES:
        if tuple(toks[: len(cue)]) != cue:
            continue
        end = len(cue)
        while end < len(toks) and toks[end] in lexicon.TRAILING_PARTICLES:
            end += 1
        if end < len(toks) and toks[end] == BREAK:
            return [(0, end)]
    return []


def negated(text: str) -> list[str]:
    """The words a correction negates ("cá nhân" of "tập thể chứ không phải cá nhân")."""
    toks = normalize(text)
    out: list[str] = []
    for a, b in find(toks, lexicon.NEGATION_CUES):
        out += [t for t in toks[b : _negated_end(toks, a)] if t != BREAK and t not in lexicon.TRAILING_PARTICLES]
    return list(dict.fromkeys(out))


def swap(carried: Sequence[str], asserted: Sequence[str]) -> list[str]:
    """The words carried from the question before, without those naming another member of a
    group the asserted words name one of: "tập thể" asserted drops the "cá nhân" asked before,
    "Hội Phụ nữ" the "Huyện Đoàn", "năm 2024" the "2023", "03 năm" the "04 năm"."""
    said = {group: member for group, member, _, _ in alternatives(asserted)}
    dropped = {
        k
        for group, member, a, b in alternatives(carried)
        if group in said and said[group] != member
        for k in range(a, b)
    }
    return [t for k, t in enumerate(carried) if k not in dropped]


def only_alternatives(words: Sequence[str]) -> bool:
    """Every word that says something is a member of such a group ("cấp huyện cơ", "Hội Phụ nữ")."""
    inside = {k for _, _, a, b in alternatives(words) for k in range(a, b)}
    said = [k for k, t in enumerate(words) if t not in lexicon.STOPWORDS and t not in lexicon.TRAILING_PARTICLES]
    return bool(inside) and all(k in inside for k in said)


def alternatives(toks: Sequence[str]) -> list[tuple[object, object, int, int]]:
    """(group, member, start, end) of each member of a group of alternatives the words name,
    longest first, without overlaps."""
    found: list[tuple[int, object, object, int, int]] = []
    for g, group in enumerate(_groups()):
        for m, member in enumerate(group):
            found += [(b - a, g, m, a, b) for a, b in find(toks, member)]
    for k, t in enumerate(toks):
        if not t.isdigit():
            continue
        if len(t) == 4 and t[:2] in ("19", "20"):
            found.append((1, "year", t, k, k + 1))
        elif k + 1 < len(toks) and toks[k + 1] in lexicon.TIME_WORDS:
            found.append((2, ("span", toks[k + 1]), t, k, k + 2))
    taken: set[int] = set()
    out: list[tuple[object, object, int, int]] = []
    for _, kind, which, a, b in sorted(found, key=lambda f: (-f[0], f[3])):
        if taken.isdisjoint(range(a, b)):
            taken.update(range(a, b))
            out.append((kind, which, a, b))
    return sorted(out, key=lambda f: f[2])


@functools.cache
def _groups() -> tuple[tuple[tuple[tuple[str, ...], ...], ...], ...]:
    """The groups of alternatives, each member a tuple of phrases: the lexicon's, and the organisations."""
    listed = tuple(
        tuple((phrase,) for phrase in group)
        for group in (*lexicon.CORRECTION_ALTERNATIVES, lexicon.ROLE_WORDS, lexicon.KIND_WORDS["document"])
    )
    return (*listed, tuple(lexicon.ORG_GROUPS.values()))


ORGS = len(lexicon.CORRECTION_ALTERNATIVES) + 2  # the group of the organisations, in what `alternatives` returns


_ORG_ALIASES = tuple(alias for aliases in lexicon.ORG_GROUPS.values() for alias in aliases)


def _asks(words: Sequence[str]) -> bool:
    """ "hỏi tập thể": the verb of asking, not "hội" opening an organisation's name."""
    return words[0] in lexicon.CORRECTION_ASKING and not any(a == 0 for a, _ in find(words, _ORG_ALIASES))


def _negated_end(toks: Sequence[str], start: int) -> int:
    """Where the negated words end: at a break, at "mà (là)", or at the end."""
    for k in range(start + 1, len(toks)):
        if toks[k] == BREAK or toks[k] in lexicon.NEGATION_ENDS:
            return k
    return len(toks)


def _mark(drop: list[bool], a: int, b: int) -> None:
    for k in range(a, b):
        drop[k] = True
