"""Corrections: "mình hỏi Kiên Lương chứ không phải Đất Đỏ", "nhầm, ý mình là sửa chữa", "không
phải 2018, ý là năm 2020".

A correction restates part of the question before: what it asserts replaces what the previous
question said, and what it negates is dropped (so "Đất Đỏ" in "chứ không phải Đất Đỏ" is not
a district the question asks about). :func:`read` finds the cue and returns the words that
assert; the follow-up machinery then treats them as a follow-up that asks for something
other than the answer just given. The words are in the lexicon.
"""

from __future__ import annotations

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
    while kept and kept[0] in lexicon.CORRECTION_FILLERS:
        kept.pop(0)
    while kept and kept[-1] in lexicon.TRAILING_PARTICLES:
        kept.pop()
    return " ".join(kept) if kept else None


def _negated_end(toks: Sequence[str], start: int) -> int:
    """Where the negated words end: at a break, at "mà (là)", or at the end."""
    for k in range(start + 1, len(toks)):
        if toks[k] == BREAK or toks[k] in lexicon.NEGATION_ENDS:
            return k
    return len(toks)


def _mark(drop: list[bool], a: int, b: int) -> None:
    for k in range(a, b):
        drop[k] = True
