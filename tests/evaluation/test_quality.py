"""Holds the answerer at the answer quality it reached on the evaluation sets.

Both sets were written from the articles alone, by people who had not seen
the fact base: questions.yaml is the development set, questions_holdout.yaml was kept
out of tuning. Thresholds sit at the level reached (see `python -m bot eval`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering.answerer import Answerer
from bot.evaluation.fact_sets import DECLINE_CATEGORIES, evaluate, load_items

EVAL = Path(__file__).resolve().parents[2] / "eval"

LEVELS = {
    # file: (in-scope answered correctly, out-of-scope declined)
    "questions.yaml": (0.96, 0.94),
    "questions_holdout.yaml": (0.96, 0.96),
}


@pytest.mark.parametrize("name", sorted(LEVELS))
def test_answer_quality(answerer: Answerer, name: str) -> None:
    items = load_items(EVAL / name)
    report = evaluate(answerer, items)
    in_scope = report.accuracy(report.in_scope)
    out_scope = report.accuracy(report.out_scope)
    want_in, want_out = LEVELS[name]
    failures = "\n".join(f"{item.q}: {problem}" for item, _, problem in report.failures)
    assert in_scope >= want_in, f"in-scope {in_scope:.1%} < {want_in:.0%}\n{failures}"
    assert out_scope >= want_out, f"out-of-scope {out_scope:.1%} < {want_out:.0%}\n{failures}"


def test_eval_sets_are_big_and_varied() -> None:
    items = load_items(EVAL / "questions.yaml")
    assert len(items) >= 200
    assert sum(item.cat in DECLINE_CATEGORIES for item in items) >= 30
    styles = {s for item in items for s in item.style}
    assert {"no_diacritics", "typo", "shortform", "abbreviation"} <= styles
    assert {item.cat for item in items} >= {"figure", "list", "model_owner", "person", "document"}


def test_judge_is_strict(answerer: Answerer) -> None:
    """The judge looks at the answer itself, not at the quote or the suggestions."""
    from bot.evaluation.fact_sets import Item, judge

    answer = answerer.ask("Bù Đốp có bao nhiêu điểm cầu học chuyên đề?")
    assert judge(Item(q="", cat="figure", expect=("11",), district="Bù Đốp"), answer) is None
    # 2.401 is in the quoted sentence of the 11-điểm-cầu entry, not in its answer
    wrong = judge(Item(q="", cat="figure", expect=("2.401",), district="Bù Đốp"), answer)
    assert wrong is not None and "missing" in wrong
    assert judge(Item(q="", cat="figure", expect=("11",), district="Lai Vung"), answer) is not None
    assert judge(Item(q="", cat="decline_offtopic", decline=True), answer) is not None
    # a district is the same however its tones are placed ("Đốp" written with a combining mark)
    assert judge(Item(q="", cat="figure", expect=("11",), district="bù đô\u0301p"), answer) is None


def test_an_expected_text_without_words(answerer: Answerer) -> None:
    """The question set finds it in any answer; the chat set never finds it said."""
    from bot.chat.messages import Reply
    from bot.evaluation.chat_sets import Turn
    from bot.evaluation.chat_sets import judge as judge_turn
    from bot.evaluation.fact_sets import Item, judge

    answer = answerer.ask("Bù Đốp có bao nhiêu điểm cầu học chuyên đề?")
    assert judge(Item(q="", cat="figure", expect=("", "…")), answer) is None
    reply = Reply.of(answer)
    assert judge_turn(Turn(q="", kind="fact", expect=("11",), forbid=("", "…")), reply) is None
    assert judge_turn(Turn(q="", kind="fact", expect=("11", "…")), reply) == "missing '…'"


# The conversation sets: dev at the level reached, held-out (totals only) at its measured floor.
# The unseen sets (written after the bot, by evaluators who never saw it) are held at the level
# measured, and their rate of wrong facts stated at most at the one measured.
CHAT_LEVELS = {
    "conversations.yaml": (0.97, 0.90),
    "conversations_holdout.yaml": (0.85, 0.0),
    "unseen.yaml": (0.91, 0.0),
    "unseen_holdout.yaml": (0.82, 0.0),
    "fresh.yaml": (0.93, 0.0),
    "fresh_holdout.yaml": (0.89, 0.0),
    "fourth.yaml": (0.85, 0.0),
    "fourth_holdout.yaml": (0.826, 0.0),
}
WRONG_AT_MOST = {
    "unseen.yaml": 0.028,
    "unseen_holdout.yaml": 0.081,
    "fresh.yaml": 0.034,
    "fresh_holdout.yaml": 0.069,
    "fourth.yaml": 0.057,
    "fourth_holdout.yaml": 0.098,
}


@pytest.mark.parametrize("name", sorted(CHAT_LEVELS))
def test_conversation_quality(answerer: Answerer, name: str) -> None:
    from bot.evaluation.chat_sets import evaluate_chat_file

    report = evaluate_chat_file(answerer, EVAL / name)
    turns_level, kind_level = CHAT_LEVELS[name]
    turns = report.share(report.turns)
    assert turns >= turns_level, f"{name}: {turns:.1%} of turns right < {turns_level:.0%}"
    if kind_level:
        weak = {k: f"{report.share(v):.0%}" for k, v in report.by_kind.items() if report.share(v) < kind_level}
        assert not weak, f"{name}: kinds under {kind_level:.0%}: {weak}"
    if name in WRONG_AT_MOST:
        wrong = report.outcomes["wrong"] / report.turns[1]
        assert wrong <= WRONG_AT_MOST[name], f"{name}: {wrong:.1%} of turns state a wrong fact"


def test_the_chat_judge_takes_asking_back_or_every_district(answerer: Answerer) -> None:
    from bot.chat.messages import Reply
    from bot.evaluation.chat_sets import Turn, verdict

    both = Turn(q="", kind="multi_district", ask_back={"Bù Đốp": ("176",), "Lai Vung": ("52 tỷ",)})
    one = Reply.of(answerer.ask("bù đốp xây được bao nhiêu căn nhà đại đoàn kết"))
    assert verdict(both, one)[0] == "wrong"  # one district's answer as if it were the only one
    asked = Reply.of(answerer.ask("ai là bí thư huyện ủy, ở đâu cũng được, nêu các huyện"))
    assert verdict(Turn(q="", kind="fact", decline=True), Reply.say("decline", "…"))[0] == "right"
    assert verdict(Turn(q="", kind="fact", expect=("176",)), Reply.say("clarify", "…"))[0] == "asked"
    assert verdict(Turn(q="", kind="fact", expect=("176",)), Reply.say("decline", "…"))[0] == "unanswered"
    assert asked is not None
