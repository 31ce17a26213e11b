"""Near-duplicate questions grouped together, most frequent first.

"bao nhiêu xã ở Lai Vung", "bao nhieu xa o lai vung?" and "bao nhiu xa o lai
vung" are one question to whoever curates the knowledge base. Wordings are
compared on their folded tokens (no diacritics, case or punctuation), and a
wording joins the group of the first, more frequent wording it resembles
closely enough, so groups do not drift along a chain of small differences.
Wordings that mention different numbers are never grouped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from rapidfuzz import fuzz, process

from bot.language.folding import fold, tokens

DEFAULT_SIMILARITY = 85.0  # rapidfuzz token_sort_ratio, 0-100


@dataclass(frozen=True)
class Asked:
    text: str
    asked_at: datetime
    user_hash: str | None


@dataclass(frozen=True)
class QuestionGroup:
    text: str  # the wording asked most often (the latest one on a tie)
    count: int  # questions in the group
    users: int  # different people who asked (questions with no user are not counted)
    variants: tuple[str, ...]  # every wording, most often asked first
    first_asked: datetime
    last_asked: datetime


@dataclass
class _Bucket:
    count: int = 0
    users: set[str] = field(default_factory=set)
    wordings: Counter[str] = field(default_factory=Counter)
    wording_last: dict[str, datetime] = field(default_factory=dict)
    first: datetime | None = None
    last: datetime | None = None

    def add(self, item: Asked) -> None:
        self.count += 1
        if item.user_hash is not None:
            self.users.add(item.user_hash)
        self.wordings[item.text] += 1
        self.wording_last[item.text] = max(item.asked_at, self.wording_last.get(item.text, item.asked_at))
        self.first = item.asked_at if self.first is None else min(self.first, item.asked_at)
        self.last = item.asked_at if self.last is None else max(self.last, item.asked_at)

    def merge(self, other: _Bucket) -> None:
        self.count += other.count
        self.users |= other.users
        self.wordings.update(other.wordings)
        for text, when in other.wording_last.items():
            self.wording_last[text] = max(when, self.wording_last.get(text, when))
        assert other.first is not None and other.last is not None
        self.first = other.first if self.first is None else min(self.first, other.first)
        self.last = other.last if self.last is None else max(self.last, other.last)

    def group(self) -> QuestionGroup:
        assert self.first is not None and self.last is not None
        variants = sorted(self.wordings, key=lambda t: (-self.wordings[t], -self.wording_last[t].timestamp(), t))
        return QuestionGroup(variants[0], self.count, len(self.users), tuple(variants), self.first, self.last)


def comparison_key(text: str) -> str:
    """What two wordings are compared on: folded tokens, numbers in one spelling."""
    return " ".join(tokens(text)) or fold(text).strip()


def _numbers(key: str) -> tuple[str, ...]:
    return tuple(sorted(t for t in key.split() if t[0].isdigit()))


def group_questions(items: Iterable[Asked], similarity: float = DEFAULT_SIMILARITY) -> list[QuestionGroup]:
    by_key: dict[str, _Bucket] = {}
    for item in items:
        by_key.setdefault(comparison_key(item.text), _Bucket()).add(item)

    def rank(pair: tuple[str, _Bucket]) -> tuple[int, float, str]:
        key, bucket = pair
        assert bucket.last is not None
        return (-bucket.count, -bucket.last.timestamp(), key)

    # leaders by the numbers they mention: "năm 2022" and "năm 2023" differ by
    # one character but are different questions
    leaders: dict[tuple[str, ...], tuple[list[str], list[_Bucket]]] = {}
    groups: list[_Bucket] = []
    for key, bucket in sorted(by_key.items(), key=rank):
        keys, buckets = leaders.setdefault(_numbers(key), ([], []))
        match = process.extractOne(key, keys, scorer=fuzz.token_sort_ratio, score_cutoff=similarity)
        if match is None:
            keys.append(key)
            buckets.append(bucket)
            groups.append(bucket)
        else:
            buckets[match[2]].merge(bucket)
    return sorted((b.group() for b in groups), key=lambda g: (-g.count, -g.last_asked.timestamp(), g.text))
