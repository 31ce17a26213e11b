"""What is left of a question once a rule's cue and frame words are taken out.

Rules recognise a question by its cue ("có những mô hình nào", "so sánh", "thì sao") and
then look at what else it says: nothing (a request about the base itself), or the words
that narrow it. Each rule names its lists (in the lexicon); this is the one way they are
taken out.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from bot.answering.query import Phrase, find


def leftover(
    words: Sequence[str],
    phrases: Iterable[Phrase] = (),
    *,
    at_start: Iterable[Phrase] = (),
    drop: Collection[str] = frozenset(),
    keep_short: bool = True,
) -> list[str]:
    """The words outside every span of ``phrases``, outside the first of ``at_start`` that opens
    them, and not in ``drop``; with ``keep_short=False``, single letters go too."""
    words = list(words)
    spans = find(words, phrases)
    spans += [(0, len(p)) for p in at_start if tuple(words[: len(p)]) == p][:1]
    inside = {k for a, b in spans for k in range(a, b)}
    return [t for k, t in enumerate(words) if k not in inside and t not in drop and (keep_short or len(t) > 1)]
