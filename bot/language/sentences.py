"""Paragraphs, sentences and clauses of an article, with their offsets.

The drafter cuts its quotes from these spans, so every quote it writes is the article's own
text; offsets let a quote join an earlier piece of the same paragraph (the organisation that is
the sentence's subject) with "…". Answering reads the same sentences as the article's passages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.language.folding import collapse_spaces

UPPER = "A-ZĐÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸ"  # [À-Ỹ] takes lower case too

# ". " ends a sentence when a capital letter, a digit or an opening quote follows…
_END = re.compile(rf"(?:\./\.|[.!?…])[”\"’)]*\s+(?=[\"“‘(\-–]?\s*[{UPPER}0-9])")
# …but not after an initial or a common abbreviation ("M.X", "TP. Hồ Chí Minh", "ThS. Lê").
_ABBREVIATION = re.compile(r"(?:\b[A-ZĐ]|\bTP|\bTX|\bThS|\bTS|\bPGS|\bGS|\bBS|\bNxb|\bTr)\.$")


@dataclass(frozen=True)
class Span:
    """A piece of one paragraph: ``paragraph.text[start:end]``."""

    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence(Span):
    clauses: tuple[Span, ...]


@dataclass(frozen=True)
class Paragraph:
    index: int
    text: str  # the line, spaces collapsed: quotes are checked on collapsed text
    sentences: tuple[Sentence, ...]


def paragraphs(text: str) -> list[Paragraph]:
    out: list[Paragraph] = []
    for line in text.split("\n"):
        collapsed = collapse_spaces(line)
        if collapsed:
            index = len(out)
            out.append(Paragraph(index, collapsed, tuple(split_sentences(collapsed, index))))
    return out


def split_sentences(text: str, paragraph: int = 0) -> list[Sentence]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        if _ABBREVIATION.search(text[start : match.start() + 1]):
            continue
        end = match.end()
        bounds.append((start, end))
        start = end
    if start < len(text):
        bounds.append((start, len(text)))
    sentences: list[Sentence] = []
    for s, e in bounds:
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            sentences.append(Sentence(paragraph, s, e, text[s:e], tuple(_clauses(text, s, e, paragraph))))
    return sentences


def _clauses(text: str, start: int, end: int, paragraph: int) -> list[Span]:
    """Pieces between semicolons: Vietnamese reports list their results that way."""
    out: list[Span] = []
    s = start
    for match in re.finditer(r";\s*", text[start:end]):
        e = start + match.start()
        if e > s:
            out.append(Span(paragraph, s, e, text[s:e]))
        s = start + match.end()
    if s < end:
        out.append(Span(paragraph, s, end, text[s:end]))
    return out
