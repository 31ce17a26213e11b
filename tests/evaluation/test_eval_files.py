"""Structure of the conversational evaluation files (not the bot's behaviour).

A malformed item would be scored silently wrong, so the format is checked here: the key
vocabulary, the exactly-one-of rule for expect/decline/smalltalk, known kinds and districts,
and the minimum sizes each set was written to.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

EVAL = Path(__file__).resolve().parents[2] / "eval"

KINDS = {
    "fact",
    "list",
    "followup",
    "switch",
    "followup_decline",
    "smalltalk",
    "about_bot",
    "documents",
    "comparison",
    "decline_general",
    "decline_opinion",
    "decline_instruction",
    "decline_personal",
}
DISTRICTS = {"Bù Đốp", "Châu Thành", "Đất Đỏ", "Kiên Lương", "Lai Vung"}
ITEM_KEYS = {"q", "kind", "expect", "decline", "smalltalk", "forbid", "district"}
OUTCOMES = ("expect", "decline", "smalltalk")

# (file, minimum conversations, minimum singles) as the sets were commissioned.
SETS = [
    ("conversations.yaml", 45, 110),
    ("conversations_holdout.yaml", 15, 40),
]


def _load(name: str) -> dict[str, Any]:
    with (EVAL / name).open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict)
    return data


def _non_empty_strings(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(s, str) and s.strip() for s in value)


def _item_problems(item: Any) -> list[str]:
    if not isinstance(item, dict):
        return ["not a mapping"]
    problems = [f"unknown key {key!r}" for key in item if key not in ITEM_KEYS]
    if not isinstance(item.get("q"), str) or not item["q"].strip():
        problems.append("q missing or empty")
    if item.get("kind") not in KINDS:
        problems.append(f"unknown kind {item.get('kind')!r}")
    present = [key for key in OUTCOMES if key in item]
    if len(present) != 1:
        problems.append(f"needs exactly one of {OUTCOMES}, has {present}")
    if "expect" in item and not _non_empty_strings(item["expect"]):
        problems.append("expect must be a non-empty list of strings")
    for flag in ("decline", "smalltalk"):
        if flag in item and item[flag] is not True:
            problems.append(f"{flag} must be true")
    if "forbid" in item and not _non_empty_strings(item["forbid"]):
        problems.append("forbid must be a non-empty list of strings")
    if "district" in item:
        if "expect" not in item:
            problems.append("district only goes with expect")
        if item["district"] not in DISTRICTS:
            problems.append(f"unknown district {item['district']!r}")
    # The kind and the outcome must agree, or the item is scored against the wrong rule.
    kind = item.get("kind")
    if kind == "smalltalk" and "smalltalk" not in item:
        problems.append("smalltalk kind needs smalltalk: true")
    if (kind == "followup_decline" or str(kind).startswith("decline_")) and "decline" not in item:
        problems.append(f"{kind} needs decline: true")
    return problems


@pytest.mark.parametrize(("name", "min_conversations", "min_singles"), SETS)
def test_eval_file_structure(name: str, min_conversations: int, min_singles: int) -> None:
    data = _load(name)
    assert set(data) == {"conversations", "singles"}
    conversations, singles = data["conversations"], data["singles"]
    assert len(conversations) >= min_conversations
    assert len(singles) >= min_singles

    problems: list[str] = []
    ids: set[str] = set()
    for conversation in conversations:
        cid = conversation.get("id")
        if set(conversation) != {"id", "turns"} or not isinstance(cid, str):
            problems.append(f"conversation {cid!r}: keys must be id and turns")
            continue
        if cid in ids:
            problems.append(f"duplicate id {cid}")
        ids.add(cid)
        turns = conversation["turns"]
        if not isinstance(turns, list) or not 2 <= len(turns) <= 5:
            problems.append(f"{cid}: needs 2-5 turns")
            continue
        if turns[0].get("kind") in {"followup", "followup_decline"}:
            problems.append(f"{cid}: a conversation cannot open with a follow-up")
        problems += [f"{cid} turn {i + 1}: {p}" for i, turn in enumerate(turns) for p in _item_problems(turn)]
    problems += [f"single {i + 1}: {p}" for i, single in enumerate(singles) for p in _item_problems(single)]
    assert problems == []


@pytest.mark.parametrize(("name", "_min_conversations", "_min_singles"), SETS)
def test_eval_file_covers_every_kind_and_district(name: str, _min_conversations: int, _min_singles: int) -> None:
    data = _load(name)
    items = [turn for c in data["conversations"] for turn in c["turns"]] + data["singles"]
    assert {item["kind"] for item in items} == KINDS
    assert {item["district"] for item in items if "district" in item} == DISTRICTS


# The sets no one had seen (eval/unseen*.yaml): four evaluators' sets pooled and split by
# conversation; their kinds are those of the commission (bot/evaluation/chat_sets.py).
UNSEEN_KINDS = {
    "fact", "paraphrase", "list", "yesno", "yesno_absent", "partial", "subject_word", "decline_scope",
    "decline_district", "decline_general", "decline_opinion", "decline_instruction", "decline_personal",
    "followup", "followup_other", "followup_missing", "switch", "correction", "vague", "clarification",
    "multi_district", "province_now", "smalltalk", "about_bot", "comparison",
}  # fmt: skip
UNSEEN_OUTCOMES = ("expect", "decline", "smalltalk", "ask_back")
UNSEEN_SETS = [("unseen.yaml", 60, 150), ("unseen_holdout.yaml", 60, 150)]


def _unseen_problems(item: Any) -> list[str]:
    if not isinstance(item, dict):
        return ["not a mapping"]
    problems = [f"unknown key {key!r}" for key in item if key not in {*ITEM_KEYS, "ask_back"}]
    if item.get("kind") not in UNSEEN_KINDS:
        problems.append(f"unknown kind {item.get('kind')!r}")
    present = [key for key in UNSEEN_OUTCOMES if key in item]
    if len(present) != 1:
        problems.append(f"needs exactly one of {UNSEEN_OUTCOMES}, has {present}")
    if "ask_back" in item:
        asked = item["ask_back"]
        if not isinstance(asked, dict) or len(asked) < 2 or set(asked) - DISTRICTS:
            problems.append("ask_back names at least two districts of the base")
        elif not all(_non_empty_strings(v) for v in asked.values()):
            problems.append("ask_back gives each district's strings")
    if "district" in item and item["district"] not in DISTRICTS:
        problems.append(f"unknown district {item['district']!r}")
    return problems


@pytest.mark.parametrize(("name", "min_conversations", "min_singles"), UNSEEN_SETS)
def test_unseen_file_structure(name: str, min_conversations: int, min_singles: int) -> None:
    data = _load(name)
    assert set(data) == {"conversations", "singles"}
    assert len(data["conversations"]) >= min_conversations and len(data["singles"]) >= min_singles
    problems = [
        f"{c['id']} turn {i + 1}: {p}"
        for c in data["conversations"]
        for i, turn in enumerate(c["turns"])
        for p in _unseen_problems(turn)
    ]
    problems += [f"single {i + 1}: {p}" for i, single in enumerate(data["singles"]) for p in _unseen_problems(single)]
    assert problems == []
    ids = [c["id"] for c in data["conversations"]]
    assert len(ids) == len(set(ids))


def test_unseen_halves_share_no_conversation() -> None:
    dev, held = _load("unseen.yaml"), _load("unseen_holdout.yaml")
    assert {c["id"] for c in dev["conversations"]}.isdisjoint(c["id"] for c in held["conversations"])
    assert {s["q"] for s in dev["singles"]}.isdisjoint(s["q"] for s in held["singles"])


def test_holdout_questions_differ_from_development() -> None:
    def questions(name: str) -> set[str]:
        data = _load(name)
        items = [turn for c in data["conversations"] for turn in c["turns"]] + data["singles"]
        return {item["q"].strip().lower() for item in items}

    # Short small talk ("ok", "bye") may recur; anything longer must be worded anew.
    shared = {q for q in questions("conversations.yaml") & questions("conversations_holdout.yaml") if len(q) > 8}
    assert shared == set()
