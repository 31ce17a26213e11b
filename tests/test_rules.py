"""Each rule of the responder alone: it answers its own case and lets the others pass."""

from __future__ import annotations

import pytest

from bot.dialogue import articles, best_answer, declines, input_checks, lists, smalltalk
from bot.dialogue.engine import Engine
from bot.dialogue.rules import RULES, Turn, converse
from bot.query import Query


def turn(engine: Engine, text: str) -> Turn:
    return Turn.of(engine.snapshot, text)


def test_the_order_is_the_policy() -> None:
    assert RULES[0] is input_checks.refuse_bad_input and RULES[-1] is best_answer.best_answer
    assert RULES.index(declines.decline_unknown_place) < RULES.index(lists.answer_list)


def test_input_checks(engine: Engine) -> None:
    assert input_checks.refuse_bad_input(turn(engine, "   ")) is not None
    assert input_checks.refuse_bad_input(turn(engine, "7")) is not None
    assert input_checks.refuse_bad_input(turn(engine, "Bù Đốp có gì")) is None


def test_small_talk(engine: Engine) -> None:
    reply = smalltalk.small_talk(turn(engine, "xin chào"))
    assert reply is not None and reply.kind == "smalltalk" and not reply.answered
    assert smalltalk.small_talk(turn(engine, "Bù Đốp xây bao nhiêu nhà")) is None


def test_decline_unknown_place(engine: Engine) -> None:
    reply = declines.decline_unknown_place(turn(engine, "Củ Chi có mô hình gì"))
    assert reply is not None and reply.kind == "decline" and "Củ Chi" in reply.body
    assert declines.decline_unknown_place(turn(engine, "Lai Vung có mô hình gì")) is None


def test_decline_unheld_and_years(engine: Engine) -> None:
    assert declines.decline_unheld(turn(engine, "số điện thoại huyện ủy Bù Đốp")) is not None
    assert declines.decline_unheld(turn(engine, "Bù Đốp xây bao nhiêu nhà")) is None
    reply = declines.decline_uncovered_years(turn(engine, "năm 2030 Bù Đốp xây bao nhiêu nhà"))
    assert reply is not None and "2030" in reply.body
    assert declines.decline_uncovered_years(turn(engine, "năm 2022 Bù Đốp xây bao nhiêu nhà")) is None


def test_article_info(engine: Engine) -> None:
    reply = articles.article_info(turn(engine, "ai viết bài về Kiên Lương"))
    assert reply is not None and "Kim Thư" in reply.body
    assert articles.article_info(turn(engine, "Kiên Lương có mô hình gì")) is None


def test_lists(engine: Engine) -> None:
    reply = lists.answer_list(turn(engine, "Kiên Lương có những mô hình nào?"))
    assert reply is not None and reply.kind == "list"
    assert lists.answer_list(turn(engine, "Kiên Lương có bao nhiêu mô hình?")) is None  # a count, not a list


def test_best_answer_always_answers(engine: Engine) -> None:
    assert best_answer.best_answer(turn(engine, "Lai Vung huy động bao nhiêu tiền xây cầu đường")).answered
    assert best_answer.best_answer(turn(engine, "asdf qwer zxcv")).kind == "decline"


def test_a_question_tried_alone_is_analysed_once(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    _, context = converse(engine.snapshot, "Lai Vung có mô hình gì", None)
    analyzer = engine.snapshot.analyzer
    calls: list[str] = []
    analyze = analyzer.analyze

    def counted(text: str) -> Query:
        calls.append(text)
        return analyze(text)

    monkeypatch.setattr(analyzer, "analyze", counted)
    question = "mô hình Ánh sáng biên cương là của ai"
    assert Turn.of(engine.snapshot, question, context).resolution.soft  # tried in context, then alone
    calls.clear()
    converse(engine.snapshot, question, context)
    assert calls == [question]
