"""Typo correction: a word the base does not know is corrected against its vocabulary.

One- and two-letter typos ("nhieeu", "kêt") are fixed with rapidfuzz's optimal
string alignment distance, preferring a candidate that forms a known pair with
its neighbour; words typed without their space ("kienluong") are split where
the halves are a known pair. The vocabulary is the snapshot's (articles,
entries, lexicon and place names), built in :mod:`bot.answering.analysis`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA


class Speller:
    """Corrects one- and two-letter typos and glued words against a vocabulary."""

    def __init__(self, words: Counter[str], bigrams: frozenset[tuple[str, str]]):
        self.words = words
        self.bigrams = bigrams
        self._choices = [w for w in words if len(w) >= 2 and not w.isdigit()]

    def known(self, tok: str) -> bool:
        return tok in self.words

    def correct(self, toks: Sequence[str]) -> list[str]:
        out: list[str] = []
        for i, tok in enumerate(toks):
            if self.known(tok) or tok.isdigit() or len(tok) < 3 or any(c.isdigit() for c in tok):
                out.append(tok)
                continue
            prev = out[-1] if out else ""
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            split = self._split(tok)
            if split:
                out.extend(split)
                continue
            fixed = self._nearest(tok, prev, nxt)
            out.append(fixed or tok)
        return out

    def _in_context(self, word: str, prev: str, nxt: str) -> bool:
        return (prev, word) in self.bigrams or (word, nxt) in self.bigrams

    def _nearest(self, tok: str, prev: str, nxt: str) -> str | None:
        limit = 1 if len(tok) <= 5 else 2
        found = process.extract(tok, self._choices, scorer=OSA.distance, score_cutoff=limit, limit=25)
        if not found:
            return None
        best = min(d for _, d, _ in found)
        candidates = [w for w, d, _ in found if d == best]
        in_context = [w for w in candidates if self._in_context(w, prev, nxt)]
        if in_context:
            return max(in_context, key=lambda w: self.words[w])
        # Short syllables have many neighbours: without context, guessing is worse than not.
        if len(tok) <= 4 or best > 1:
            return None
        return max(candidates, key=lambda w: self.words[w])

    def _split(self, tok: str) -> list[str] | None:
        """'kienluong' → ['kien', 'luong'] when the halves are a known pair."""
        for cut in range(2, len(tok) - 1):
            left, right = tok[:cut], tok[cut:]
            if (left, right) in self.bigrams:
                return [left, right]
            for cut2 in range(2, len(right) - 1):
                mid, last = right[:cut2], right[cut2:]
                if (left, mid) in self.bigrams and (mid, last) in self.bigrams:
                    return [left, mid, last]
        return None
