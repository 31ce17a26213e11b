"""A follow-up's sentence without the figures the user has just read.

"ai làm chuyên mục đó?", "kéo dài bao lâu?" asked of the passage just answered: the entry that
answers it is often the very sentence that printed the figure the user read a moment ago
("… do Ban Tuyên giáo xây dựng đã phát được 189 phóng sự …"). Said again whole, the old figure
reads as the answer to the new question. The sentence is cut before the first figure just read:
at the start of its clause, or at the word that opens its predicate ("đã", "với"), so that what
remains says who, when or how long, and not the figure again.
"""

from __future__ import annotations

import re
from collections.abc import Set

from bot.answering.tuning import RESTATE_MIN_WORDS, RESTATE_REACH
from bot.language import lexicon
from bot.language.folding import canonical_number, fold, numbers

_WORD = re.compile(r"\S+")
_CLAUSE_MARKS = ",;:"
_TRIM = " ,;:–-—"
_PAIRS = (("(", ")"), ("“", "”"))  # a cut inside these closes before them


def without_read(sentence: str, read: Set[str]) -> str | None:
    """The sentence up to the first figure of ``read`` (canonical numbers), or None when it
    prints none of them or too little of it would be left to say anything."""
    words = list(_WORD.finditer(sentence))
    first = next(
        (k for k, w in enumerate(words) if {canonical_number(n) for n in numbers(w.group())} & read),
        None,
    )
    if first is None:
        return None
    cut = first
    reach = range(first, max(first - RESTATE_REACH, 0) - 1, -1)
    clause = next((j for j in reach if j == 0 or words[j - 1].group()[-1] in _CLAUSE_MARKS), None)
    if clause is not None:
        cut = clause
    else:
        openers = [
            j
            for j in range(max(first - RESTATE_REACH, 0), first)
            if fold(words[j].group()) in lexicon.PREDICATE_OPENERS
        ]
        if openers:
            cut = openers[0]
    head = sentence[: words[cut].start()].rstrip(_TRIM) if cut else ""
    for opening, closing in _PAIRS:
        if head.count(opening) > head.count(closing):
            head = head[: head.rindex(opening)].rstrip(_TRIM)  # "… 63 tập thể (cùng 294 …)": before the "("
    if len(head.split()) < RESTATE_MIN_WORDS:
        return None
    if {canonical_number(n) for n in numbers(sentence[len(head) :])} - read:
        return None  # what follows the figure dates or counts something else ("… đến 7/2023"): kept whole
    return head
