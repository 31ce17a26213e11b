"""Measuring answer quality on a question set written apart from the fact base.

Each item gives a question and either ``decline: true`` or the strings a
correct answer must contain (compared on folded tokens, so diacritics, case
and number spelling such as 07/7 do not matter) and the district it must come
from. Only the answer proper is searched, not the quoted sentence, the source
line or the suggestions: a figure that merely sits next to the right one in
the quote does not count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.answering.answer import Answer
from bot.answering.answerer import Answerer
from bot.language.folding import contains, tokens

DECLINE_CATEGORIES = ("decline_district", "decline_offtopic", "decline_unanswerable")


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    q: str
    cat: str
    style: tuple[str, ...] = ()
    district: str | None = None
    expect: tuple[str, ...] = ()
    decline: bool = False
    note: str | None = Field(default=None, description="why the item is the way it is")

    @model_validator(mode="after")
    def _either(self) -> Item:
        if self.decline == bool(self.expect):
            raise ValueError("an item either declines or lists what the answer must contain")
        return self

    @property
    def in_scope(self) -> bool:
        return not self.decline


def load_items(path: str | Path) -> list[Item]:
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    if not isinstance(raw, list):
        raise ValueError(f"{path}: expected a list of questions")
    items = []
    for i, data in enumerate(raw, 1):
        try:
            items.append(Item.model_validate(data))
        except ValidationError as exc:
            raise ValueError(f"{path}: item {i}: {exc}") from exc
    return items


def judge(item: Item, answer: Answer) -> str | None:
    """None when the answer is right, else why it is wrong."""
    if item.decline:
        return None if not answer.answered else "answered, should have declined"
    if not answer.answered:
        return f"not answered ({answer.kind})"
    if item.district and not any(same_place(s.district, item.district) for s in answer.sources[:1]):
        got = answer.sources[0].district if answer.sources else "?"
        return f"wrong district: {got}"
    body = tokens(answer.body)
    missing = [e for e in item.expect if not contains(body, tokens(e))]  # an empty one is found
    if missing:
        return "missing " + ", ".join(repr(m) for m in missing)
    return None


def same_place(one: str, other: str) -> bool:
    """One district however its tones are placed or cased ("Chiêm Hoá", "Chiêm Hóa")."""
    return tokens(one) == tokens(other)


def share(pair: Sequence[int]) -> float:
    """(correct, total) → the share correct; 0 of nothing."""
    return pair[0] / pair[1] if pair[1] else 0.0


@dataclass
class Report:
    total: int = 0
    correct: int = 0
    by_cat: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    by_style: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    failures: list[tuple[Item, Answer, str]] = field(default_factory=list)
    in_scope: list[int] = field(default_factory=lambda: [0, 0])
    out_scope: list[int] = field(default_factory=lambda: [0, 0])

    accuracy = staticmethod(share)

    def summary(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "correct": self.correct,
            "in_scope": {
                "correct": self.in_scope[0],
                "total": self.in_scope[1],
                "accuracy": round(self.accuracy(self.in_scope), 4),
            },
            "out_of_scope": {
                "declined": self.out_scope[0],
                "total": self.out_scope[1],
                "accuracy": round(self.accuracy(self.out_scope), 4),
            },
            "by_category": {
                k: {"correct": v[0], "total": v[1], "accuracy": round(self.accuracy(v), 4)}
                for k, v in sorted(self.by_cat.items())
            },
            "by_style": {
                k: {"correct": v[0], "total": v[1], "accuracy": round(self.accuracy(v), 4)}
                for k, v in sorted(self.by_style.items())
            },
        }


def evaluate(answerer: Answerer, items: Sequence[Item]) -> Report:
    report = Report()
    kinds: Counter[str] = Counter()
    for item in items:
        answer = answerer.ask(item.q)
        kinds[answer.kind] += 1
        problem = judge(item, answer)
        ok = problem is None
        report.total += 1
        report.correct += ok
        bucket = report.in_scope if item.in_scope else report.out_scope
        bucket[0] += ok
        bucket[1] += 1
        report.by_cat[item.cat][0] += ok
        report.by_cat[item.cat][1] += 1
        for style in item.style:
            report.by_style[style][0] += ok
            report.by_style[style][1] += 1
        if problem is not None:
            report.failures.append((item, answer, problem))
    return report


def format_report(report: Report, show_failures: bool = True) -> str:
    lines = []
    s = report.summary()
    lines.append(f"Tổng: {report.correct}/{report.total} đúng")
    lines.append(
        f"Câu hỏi trong phạm vi: {s['in_scope']['correct']}/{s['in_scope']['total']} trả lời đúng "
        f"({s['in_scope']['accuracy']:.1%})"
    )
    lines.append(
        f"Câu hỏi ngoài phạm vi: {s['out_of_scope']['declined']}/{s['out_of_scope']['total']} từ chối đúng "
        f"({s['out_of_scope']['accuracy']:.1%})"
    )
    lines.append("")
    lines.append("Theo loại câu hỏi:")
    for cat, v in s["by_category"].items():
        lines.append(f"  {cat:<22} {v['correct']:>4}/{v['total']:<4} {v['accuracy']:.1%}")
    lines.append("Theo cách gõ:")
    for style, v in s["by_style"].items():
        lines.append(f"  {style:<22} {v['correct']:>4}/{v['total']:<4} {v['accuracy']:.1%}")
    if show_failures and report.failures:
        lines.append("")
        lines.append(f"Câu sai ({len(report.failures)}):")
        for item, answer, problem in report.failures:
            got = answer.body.split("\n")[0][:140]
            lines.append(f"- [{item.cat}] {item.q}")
            lines.append(f"    {problem}; score {answer.score:.2f}; {answer.kind}: {got}")
    return "\n".join(lines)
