"""Vietnamese text normalization shared by the knowledge checks and the search.

Everything is matched on a *folded* form: Unicode NFC, lower case, diacritics
removed, đ → d, punctuation turned into spaces. The original text is kept for
display; folding is only ever used for comparison.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

_SPACE_RE = re.compile(r"\s+")
# A number as Vietnamese texts print it: 2.401 / 98,4 / 85.300.00 / 13.75
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_TOKEN_RE = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")
_UNIT_TOKENS = frozenset({"m2", "m3", "km2"})  # units that end in a digit


def collapse_spaces(text: str) -> str:
    """Collapse every run of whitespace (including NBSP) into one space."""
    return _SPACE_RE.sub(" ", text).strip()


# Characters that render as nothing: zero-width space, non-joiner and joiner, soft hyphen, BOM,
# word joiner, bidi marks and embeddings, variation selectors, tag characters. Pasted text and
# phone keyboards slip them inside words ("Bù Đ\u200bốp"); they must vanish, not split the word.
_INVISIBLE_RANGES = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xE0000, 0xE007F),
)
_INVISIBLE = {cp: None for start, end in _INVISIBLE_RANGES for cp in range(start, end + 1)}


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def whole_characters(text: str) -> str:
    """Text that can be encoded: a lone UTF-16 surrogate (which JSON can carry and UTF-8, hence
    PostgreSQL and every platform, cannot) becomes U+FFFD."""
    return _SURROGATE_RE.sub("\ufffd", text)


def strip_invisible(text: str) -> str:
    """Remove the characters that render as nothing, joining what they split."""
    return text.translate(_INVISIBLE)


def strip_controls(text: str) -> str:
    """Drop invisible characters, and turn other control and format characters into spaces."""
    text = strip_invisible(text)
    return "".join(ch if ch in "\n\t " or unicodedata.category(ch)[0] != "C" else " " for ch in text)


def clean(text: str) -> str:
    """A message as typed, made safe to read: invisible characters gone, controls and runs of
    whitespace turned into single spaces, in Unicode NFC."""
    return collapse_spaces(unicodedata.normalize("NFC", strip_controls(text)))


# The Unicode blocks of combining marks (Vietnamese tones and vowel marks are in the first).
_COMBINING = {
    cp: None
    for start, end in ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))
    for cp in range(start, end + 1)
} | _INVISIBLE


def _fold_slowly(text: str) -> str:
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE)).lower().replace("đ", "d")
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(_COMBINING))


class _FoldTable(dict[int, str]):
    """Each character's folded form, computed the first time it is seen. Folding an NFC text
    character by character gives what folding it whole gives, at a fraction of the cost."""

    def __missing__(self, codepoint: int) -> str:
        folded = _fold_slowly(chr(codepoint))
        self[codepoint] = folded
        return folded


_FOLD = _FoldTable()


# the same texts (an entry's answer and quote) are folded for every question that finds them:
# folded once, kept; a question's own text is folded a few times while it is answered
CACHED_TEXTS = 1 << 13


@functools.lru_cache(maxsize=CACHED_TEXTS)
def fold(text: str) -> str:
    """Lower-case, diacritic-free form: 'Bù Đốp' → 'bu dop'."""
    return unicodedata.normalize("NFC", text.translate(_INVISIBLE)).translate(_FOLD)


def canonical_number(token: str) -> str:
    """One spelling per number so that 2.401 = 2401, 98,4 = 98.4 and 07 = 7."""
    if _THOUSANDS_RE.match(token):
        token = token.replace(".", "")
    token = token.replace(",", ".")
    if token.isdigit():
        token = token.lstrip("0") or "0"
    return token


BREAK = "|"  # stands for punctuation between words, with tokens(..., breaks=True)
_BREAK_RE = re.compile(r"[,;:.!?()\[\]\"“”‘’'…/\n]+|\s[-–—]+\s")
_ABBREVIATION_DOT = re.compile(r"\b([^\W\d_]{1,2})\.(?=[^\W\d_])")


def tokens(text: str, breaks: bool = False) -> list[str]:
    """Folded word tokens with numbers in canonical form. With ``breaks``,
    punctuation between words becomes a BREAK token, so that "tập thể, cá
    nhân" does not read as containing the pair "thể cá"."""
    if breaks:
        out: list[str] = []
        for i, piece in enumerate(_split_at_punctuation(text)):
            if i and out and out[-1] != BREAK:
                out.append(BREAK)
            out.extend(tokens(piece))
        while out and out[-1] == BREAK:
            out.pop()
        return out
    return list(_word_tokens(text))  # a copy: callers may change their list


@functools.lru_cache(maxsize=CACHED_TEXTS)
def _word_tokens(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for tok in _TOKEN_RE.findall(fold(text)):
        if tok.isalpha():  # most tokens: nothing more to do
            out.append(tok)
        elif tok[0].isdigit() and tok.replace(".", "").replace(",", "").isdigit():
            out.append(canonical_number(tok))
        elif tok in _UNIT_TOKENS:
            out.append(tok)
        else:
            # "25ty", "2,5ty": letters glued to digits are split into parts
            out.extend(re.findall(r"\d+(?:[.,]\d+)*|[a-z]+", tok))
    return tuple(out)


def _split_at_punctuation(text: str) -> list[str]:
    # keep the dots and commas inside numbers (2.401, 98,4) and dates (18/5/2021)
    guarded = re.sub(r"(?<=\d)([.,/])(?=\d)", lambda m: {".": "\x01", ",": "\x02", "/": "\x03"}[m.group(1)], text)
    # and the dot of a short form between letters ("tp.hcm", "t.t"): no break, a space
    guarded = _ABBREVIATION_DOT.sub(r"\1 ", guarded)
    return [p.replace("\x01", ".").replace("\x02", ",").replace("\x03", "/") for p in _BREAK_RE.split(guarded)]


def contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    """Whether the tokens of `needle` occur one after the other in `haystack`. An empty needle
    does, as "" is in every string: callers for whom it should not guard against it."""
    size = len(needle)
    if not size:
        return True
    first, wanted = needle[0], tuple(needle)
    return any(
        haystack[i] == first and tuple(haystack[i : i + size]) == wanted for i in range(len(haystack) - size + 1)
    )


def is_year(token: str) -> bool:
    """A token that reads as a year of the articles' era: 19xx or 20xx."""
    return len(token) == 4 and token[:2] in ("19", "20") and token.isdigit()


def numbers(text: str) -> list[str]:
    """The numbers of a text exactly as printed, in order."""
    return NUMBER_RE.findall(text)


def letter_ratio(text: str) -> tuple[int, int]:
    """(Latin letters or digits, other letters) in the text, to spot other scripts."""
    latin = other = 0
    for ch in text:
        if ch.isalnum():
            base = fold(ch)
            if base.isascii():
                latin += 1
            else:
                other += 1
    return latin, other


def surface(text: str, folded: Sequence[str]) -> str:
    """The words of ``text`` as typed that fold to ``folded`` (for showing what a user asked
    about); the folded words themselves when the text does not hold them in a row."""
    words = re.findall(r"\w+", text)
    keys = [fold(w) for w in words]
    size = len(folded)
    for i in range(len(keys) - size + 1):
        if keys[i : i + size] == list(folded):
            return " ".join(words[i : i + size])
    return " ".join(folded)
