"""Wording a draft entry: titles, answers and ids, only from the article's own words."""

from __future__ import annotations

import re

from bot.curation.drafting.orgs import find_orgs
from bot.knowledge.schema import PROVINCE_TO_FILL
from bot.language.folding import collapse_spaces, fold

MAX_TITLE = 120


def lower_first(text: str) -> str:
    """Lower-case a sentence's first letter unless it starts a name: "Xây dựng 176 căn" →
    "xây dựng 176 căn", but "Hội Nông dân", "Ủy ban nhân dân", "UBND", "Bù Đốp" stay."""
    words = text.split()
    if not words or not words[0][:1].isupper() or (words[0].isupper() and len(words[0]) > 1):
        return text
    if len(words) > 1 and words[1][:1].isupper():
        return text  # a proper name: "Bù Đốp", "Phan Song Toàn"
    orgs = find_orgs(text)
    if orgs and orgs[0].start == 0:
        return text
    return text[0].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary, marking the cut with "…"."""
    text = collapse_spaces(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–(")
    return cut + "…"


def title(label: str, district: str) -> str:
    """A list label naming the district: "Xây dựng căn nhà…: 176 căn (Bù Đốp)"."""
    suffix = f" ({district})"
    return upper_first(shorten(label, MAX_TITLE - len(suffix))) + suffix


def sentence(text: str) -> str:
    text = collapse_spaces(text)
    text = re.sub(r"(?:\s*(?:\./\.|\.\.\.|…|[,;:]))+$", "", text)
    # a sentence ending with a quoted name takes its full stop after the closing quote
    bare = text.rstrip('”"’)')
    if not bare.endswith((".", "!", "?", "…")):
        text += "."
    return text


def answer(named: str, pieces: list[str]) -> str:
    """The quote's own words, framed by the district ("huyện Bù Đốp", "thị xã Nghĩa Lộ") when
    the quote does not name it: "Ở huyện Bù Đốp, Hội Nông dân huyện: kết quả đã giúp 319 hộ…"."""
    body = ": ".join(p.strip(" ,;:") for p in pieces if p.strip(" ,;:"))
    district = named.split(" ", 2)[-1] if named.startswith(("thị xã ", "thành phố ")) else named.split(" ", 1)[-1]
    if fold(district) in fold(body) or district == PROVINCE_TO_FILL:  # no district known yet: no frame
        return sentence(upper_first(body))
    return sentence(f"Ở {named}, {lower_first(body)}")


def slug_words(text: str, words: int = 6) -> str:
    folded = re.sub(r"[^a-z0-9]+", " ", fold(text)).split()
    return "-".join(folded[:words])
