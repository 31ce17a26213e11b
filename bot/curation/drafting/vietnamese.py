"""Letter classes for Vietnamese text: ``[À-Ỹ]`` would also take lower-case letters."""

from __future__ import annotations

from bot.language.sentences import UPPER as UPPER  # re-exported: the drafter reads it here

CAP_WORD = rf"[{UPPER}]\w*"  # a capitalised syllable: "Bù", "Đốp", "LHPN"


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def word_set(text: str, sep: str | None = None) -> frozenset[str]:
    """A word list written as one string, as a linguist would jot it down."""
    return frozenset(w.strip() for w in text.split(sep) if w.strip())
