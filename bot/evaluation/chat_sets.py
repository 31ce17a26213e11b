"""Measuring the bot in conversation: multi-turn chats and single chat turns, judged per kind.

A set (``eval/conversations.yaml``) holds ``conversations`` (turns said one after the
other in one chat, so follow-ups lean on the context) and ``singles`` (each in a chat of its
own). Every turn goes through the dialogue core exactly as a door sends it. A turn either
``expect``s strings in the reply's text (and then must state something from the base, from
``district`` when given), or must be a ``decline`` (nothing stated from the base), or
``smalltalk`` (a friendly word, no fact, no source), or ``ask_back`` (a question several
districts answer: asking which, with every such district a choice, or answering each with its
strings, is right); ``forbid`` lists what must not appear.

A turn's ``kind`` says what it tests (fact, paraphrase, followup, followup_other, correction,
vague, clarification, yesno, decline_scope…; eval/FORMAT.md lists them) and is how results are
reported. Every judged turn has one outcome: right; ``asked`` (the bot asked back or suggested where an
answer was due); ``unanswered`` (it declined what the articles answer); ``wrong`` (it stated a
fact that is not the one asked for, or stated one where it should have declined: the worst).
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from bot.answering.answerer import Answerer
from bot.channels import plain
from bot.channels.collecting import CollectingDoor
from bot.chat.core import Dialogue
from bot.chat.messages import Reply
from bot.curation.desk import CuratorDesk
from bot.evaluation.fact_sets import same_place, share
from bot.language.folding import contains, tokens


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    q: str
    kind: str
    expect: tuple[str, ...] = ()
    decline: bool = False
    smalltalk: bool = False
    forbid: tuple[str, ...] = ()
    district: str | None = None
    ask_back: dict[str, tuple[str, ...]] | None = None  # district → what its answer states

    @model_validator(mode="after")
    def _one_outcome(self) -> Turn:
        if sum((bool(self.expect), self.decline, self.smalltalk, bool(self.ask_back))) != 1:
            raise ValueError("a turn has exactly one of expect, decline, smalltalk, ask_back")
        return self


class Conversation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    turns: tuple[Turn, ...]


class ChatSet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    conversations: tuple[Conversation, ...] = ()
    singles: tuple[Turn, ...] = ()


def is_chat_set(path: str | Path) -> bool:
    with open(path, encoding="utf-8") as fh:
        head = fh.read(4096)
    return any(line.startswith(("conversations:", "singles:")) for line in head.splitlines())


def load_chat_set(path: str | Path) -> ChatSet:
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    try:
        return ChatSet.model_validate(raw)
    except ValidationError as exc:
        raise ValueError(f"{path}: {exc}") from exc


def _says(said: Sequence[str], text: str) -> bool:
    """The reply's tokens hold the text's (a text without words is never said)."""
    needle = tokens(text)
    return bool(needle) and contains(said, needle)


OUTCOMES = ("right", "asked", "unanswered", "wrong")


def judge(turn: Turn, reply: Reply) -> str | None:
    """None when the reply is right, else why it is wrong."""
    return verdict(turn, reply)[1]


def verdict(turn: Turn, reply: Reply) -> tuple[str, str | None]:
    """The outcome of a reply (one of OUTCOMES) and, unless right, why."""
    said = tokens(" ".join((reply.title or "", *reply.parts)))
    for word in turn.forbid:
        if _says(said, word):
            return "wrong", f"says {word!r}"
    if turn.smalltalk:
        if reply.answered or reply.sources or reply.kind != "smalltalk":
            return ("wrong" if reply.answered else "unanswered"), f"not small talk ({reply.kind})"
        return "right", None
    if turn.decline:
        return ("right", None) if not reply.answered else ("wrong", f"answered ({reply.kind}), should have declined")
    if turn.ask_back:
        return _asked_back(turn.ask_back, reply, said)
    if not reply.answered:
        return ("asked" if reply.kind == "clarify" else "unanswered"), f"not answered ({reply.kind})"
    if turn.district and reply.sources and not same_place(reply.sources[0].district, turn.district):
        return "wrong", f"wrong district: {reply.sources[0].district}"
    missing = [e for e in turn.expect if not _says(said, e)]
    return ("wrong", "missing " + ", ".join(repr(m) for m in missing)) if missing else ("right", None)


def _asked_back(per_district: dict[str, tuple[str, ...]], reply: Reply, said: list[str]) -> tuple[str, str | None]:
    """Right when the reply asks which district with each of them a choice, or answers each."""
    if reply.answered:
        missing = [f"{d}: {e}" for d, strings in per_district.items() for e in strings if not _says(said, e)]
        return ("wrong", "missing " + ", ".join(missing)) if missing else ("right", None)
    offered = tokens(" ".join([*reply.parts, *(c.label for c in reply.choices)]))
    absent = [d for d in per_district if not _says(offered, d)]
    if absent:
        return "unanswered", f"asked back without {', '.join(absent)} ({reply.kind})"
    return "right", None


@dataclass
class ChatReport:
    turns: list[int] = field(default_factory=lambda: [0, 0])
    conversations: list[int] = field(default_factory=lambda: [0, 0])
    singles: list[int] = field(default_factory=lambda: [0, 0])
    by_kind: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    outcomes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    failures: list[tuple[str, Turn, Reply, str]] = field(default_factory=list)

    share = staticmethod(share)  # (correct, total) → the share correct, as a Report's accuracy

    def summary(self) -> dict[str, Any]:
        def part(pair: Sequence[int]) -> dict[str, Any]:
            return {"correct": pair[0], "total": pair[1], "accuracy": round(self.share(pair), 4)}

        return {
            "turns": part(self.turns),
            "conversations_all_right": part(self.conversations),
            "singles": part(self.singles),
            "outcomes": dict(self.outcomes),
            "by_kind": {k: part(v) for k, v in sorted(self.by_kind.items())},
        }


async def evaluate_chats(answerer: Answerer, chat_set: ChatSet) -> ChatReport:
    report = ChatReport()
    core = Dialogue(answerer, desks=[CuratorDesk()])

    def count(where: str, turn: Turn, reply: Reply) -> bool:
        outcome, problem = verdict(turn, reply)
        report.outcomes[outcome] += 1
        ok = problem is None
        report.turns[0] += ok
        report.turns[1] += 1
        report.by_kind[turn.kind][0] += ok
        report.by_kind[turn.kind][1] += 1
        if problem is not None:
            report.failures.append((where, turn, reply, problem))
        return ok

    for conversation in chat_set.conversations:
        chat = CollectingDoor(core, door="eval", chat_id=conversation.id, user_id=conversation.id)
        right = [count(conversation.id, turn, await chat.say(turn.q)) for turn in conversation.turns]
        report.conversations[0] += all(right)
        report.conversations[1] += 1
    for i, turn in enumerate(chat_set.singles):
        chat = CollectingDoor(core, door="eval", chat_id=f"single-{i}", user_id=f"single-{i}")
        ok = count(f"single {i + 1}", turn, await chat.say(turn.q))
        report.singles[0] += ok
        report.singles[1] += 1
    return report


def evaluate_chat_file(answerer: Answerer, path: str | Path) -> ChatReport:
    return asyncio.run(evaluate_chats(answerer, load_chat_set(path)))


def format_chat_report(report: ChatReport, show_failures: bool = True) -> str:
    s = report.summary()
    lines = [
        f"Lượt trả lời đúng: {s['turns']['correct']}/{s['turns']['total']} ({s['turns']['accuracy']:.1%})",
        f"Hội thoại đúng trọn vẹn: {s['conversations_all_right']['correct']}/{s['conversations_all_right']['total']}",
        f"Câu đơn lẻ đúng: {s['singles']['correct']}/{s['singles']['total']}",
        "Kết quả từng lượt: "
        + ", ".join(
            f"{name} {s['outcomes'][name]} ({share((s['outcomes'][name], s['turns']['total'])):.1%})"
            for name in OUTCOMES
        ),
        "",
        "Theo loại lượt:",
    ]
    for kind, v in s["by_kind"].items():
        lines.append(f"  {kind:<22} {v['correct']:>4}/{v['total']:<4} {v['accuracy']:.1%}")
    if show_failures and report.failures:
        lines += ["", f"Lượt sai ({len(report.failures)}):"]
        for where, turn, reply, problem in report.failures:
            got = plain.text(reply).replace("\n", " ")[:150]
            lines.append(f"- [{where} · {turn.kind}] {turn.q}")
            lines.append(f"    {problem}; {reply.kind}: {got}")
    return "\n".join(lines)
