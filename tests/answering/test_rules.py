"""Each rule of the responder alone: it answers its own case and lets the others pass."""

from __future__ import annotations

import pytest

from bot.answering.answerer import Answerer
from bot.answering.policy import RULES, converse
from bot.answering.query import Query
from bot.answering.rules import articles, bad_input, best_answer, declines, lists, small_talk
from bot.answering.turn import Turn


def turn(answerer: Answerer, text: str) -> Turn:
    return Turn.of(answerer.snapshot, text)


def test_the_order_is_the_policy() -> None:
    assert RULES[0] is bad_input.refuse_bad_input and RULES[-1] is best_answer.best_answer
    assert RULES.index(declines.decline_unknown_place) < RULES.index(lists.answer_list)


def test_input_checks(answerer: Answerer) -> None:
    assert bad_input.refuse_bad_input(turn(answerer, "   ")) is not None
    assert bad_input.refuse_bad_input(turn(answerer, "7")) is not None
    assert bad_input.refuse_bad_input(turn(answerer, "Bù Đốp có gì")) is None


def test_small_talk(answerer: Answerer) -> None:
    reply = small_talk.small_talk(turn(answerer, "xin chào"))
    assert reply is not None and reply.kind == "smalltalk" and not reply.answered
    assert small_talk.small_talk(turn(answerer, "Bù Đốp xây bao nhiêu nhà")) is None


def test_decline_unknown_place(answerer: Answerer) -> None:
    reply = declines.decline_unknown_place(turn(answerer, "Củ Chi có mô hình gì"))
    assert reply is not None and reply.kind == "decline" and "Củ Chi" in reply.body
    assert declines.decline_unknown_place(turn(answerer, "Lai Vung có mô hình gì")) is None


def test_decline_unheld_and_years(answerer: Answerer) -> None:
    assert declines.decline_unheld(turn(answerer, "số điện thoại huyện ủy Bù Đốp")) is not None
    assert declines.decline_unheld(turn(answerer, "Bù Đốp xây bao nhiêu nhà")) is None
    reply = declines.decline_uncovered_years(turn(answerer, "năm 2030 Bù Đốp xây bao nhiêu nhà"))
    assert reply is not None and "2030" in reply.body
    assert declines.decline_uncovered_years(turn(answerer, "năm 2022 Bù Đốp xây bao nhiêu nhà")) is None


def test_article_info(answerer: Answerer) -> None:
    reply = articles.article_info(turn(answerer, "ai viết bài về Kiên Lương"))
    assert reply is not None and "Kim Thư" in reply.body
    assert articles.article_info(turn(answerer, "Kiên Lương có mô hình gì")) is None


def test_lists(answerer: Answerer) -> None:
    reply = lists.answer_list(turn(answerer, "Kiên Lương có những mô hình nào?"))
    assert reply is not None and reply.kind == "list"
    assert lists.answer_list(turn(answerer, "Kiên Lương có bao nhiêu mô hình?")) is None  # a count, not a list


def test_best_answer_always_answers(answerer: Answerer) -> None:
    assert best_answer.best_answer(turn(answerer, "Lai Vung huy động bao nhiêu tiền xây cầu đường")).answered
    assert best_answer.best_answer(turn(answerer, "asdf qwer zxcv")).kind == "decline"


def test_a_question_tried_alone_is_analysed_once(answerer: Answerer, monkeypatch: pytest.MonkeyPatch) -> None:
    _, context = converse(answerer.snapshot, "Lai Vung có mô hình gì", None)
    analyzer = answerer.snapshot.analyzer
    calls: list[str] = []
    analyze = analyzer.analyze

    def counted(text: str) -> Query:
        calls.append(text)
        return analyze(text)

    monkeypatch.setattr(analyzer, "analyze", counted)
    question = "mô hình Ánh sáng biên cương là của ai"
    assert Turn.of(answerer.snapshot, question, context).resolution.soft  # tried in context, then alone
    calls.clear()
    converse(answerer.snapshot, question, context)
    assert calls == [question]
