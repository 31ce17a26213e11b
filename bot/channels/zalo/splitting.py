"""Splitting a plain-text reply into chat messages that each fit a platform's length limit.

Cuts are made at the cleanest boundary that fits: between blocks (a blank line), else between
lines, else between words. A word is cut only when it alone is longer than the limit. The
whitespace at a cut is dropped; everything else is kept, in order, so the messages read as the
original text did. No message is empty or only whitespace.

Platform-neutral: Zalo allows 2000 characters per message, Telegram 4096 (counted in UTF-16
code units, as ``utf16_length`` measures).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# A blank line (possibly holding spaces) between two blocks.
_BLOCK_BREAK = re.compile(r"\n[^\S\n]*\n")
_LINE_BREAK = re.compile(r"\n")
# Any run of whitespace except no-break spaces, which writers put where a break must not fall
# ("2.401\u00a0đảng viên").
_WORD_BREAK = re.compile(r"[^\S\u00a0\u2007\u202f]+")
_BREAKS = (_BLOCK_BREAK, _LINE_BREAK, _WORD_BREAK)

# Characters that belong to the character before them: a cut before one would split a letter
# from its diacritic (text in NFD) or an emoji sequence.
_JOINERS = frozenset("\u200c\u200d\ufe0e\ufe0f")


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, as JavaScript and Telegram count: an emoji outside the BMP counts 2."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def split_message(text: str, limit: int, *, measure: Callable[[str], int] = len) -> list[str]:
    """``text`` cut into messages of at most ``limit`` (as ``measure`` counts), in order.

    ``measure`` must be additive over characters (``len``, ``utf16_length``). A text that is
    only whitespace gives ``[]``. Raises ``ValueError`` if ``limit`` cannot hold one character.
    """
    if limit < 1:
        raise ValueError(f"limit phải dương (nhận {limit})")
    pieces: list[str] = []
    rest = text.strip()
    while rest:
        if measure(rest) <= limit:
            pieces.append(rest)
            break
        fit = _longest_fitting_prefix(rest, limit, measure)
        piece_end, next_start = _cut(rest, fit)
        pieces.append(rest[:piece_end].rstrip())
        rest = rest[next_start:].lstrip()
    return pieces


def _longest_fitting_prefix(text: str, limit: int, measure: Callable[[str], int]) -> int:
    """The largest n such that ``measure(text[:n]) <= limit`` (``text`` is known not to fit whole)."""
    used = 0
    for index, ch in enumerate(text):
        used += measure(ch)
        if used > limit:
            if index == 0:
                raise ValueError(f"limit {limit} không chứa nổi một ký tự")
            return index
    return len(text)


def _cut(text: str, fit: int) -> tuple[int, int]:
    """(end of this piece, start of the next) for a ``text`` whose first ``fit`` characters fit.

    A separator qualifies if it starts within the fitting prefix (``text[fit]`` may itself be
    the space that ends the last fitting word) and has text before it; ``text`` starts with a
    non-space, so any start after 0 does.
    """
    for pattern in _BREAKS:
        best: re.Match[str] | None = None
        for match in pattern.finditer(text, 1):
            if match.start() > fit:
                break
            best = match
        if best is not None:
            return best.start(), best.end()
    # One word longer than the limit: cut it, but not between a letter and its mark.
    cut = fit
    while cut > 1 and _belongs_to_previous(text[cut]):
        cut -= 1
    return cut, cut


def _belongs_to_previous(ch: str) -> bool:
    return ch in _JOINERS or unicodedata.combining(ch) != 0
