"""Mechanisms that keep the bot from stating a fact that is not the one asked (issue 15, round 2)."""

from __future__ import annotations

from bot.answering.answer import Answer
from bot.answering.answerer import Answerer
from bot.answering.context import Context
from bot.language.folding import tokens


def says(answer: Answer, *phrases: str) -> bool:
    body = tokens(answer.text)
    for phrase in phrases:
        needle = tokens(phrase)
        if not any(body[i : i + len(needle)] == needle for i in range(len(body))):
            return False
    return True


def chat(answerer: Answerer, *turns: str) -> list[Answer]:
    context: Context | None = None
    out = []
    for text in turns:
        answer, new = answerer.converse(text, context)
        context = new if new is not None else context
        out.append(answer)
    return out


def districts_offered(answer: Answer) -> set[str]:
    return {s.district for s in answer.sources} if answer.answered else set()


# ---------------------------------------------------------------- a question several districts answer


def test_an_anniversary_of_two_districts_is_answered_for_both(answerer: Answerer) -> None:
    # Bù Đốp's 20 years as a district, Kiên Lương's 20 years since Hà Tiên split off: both events
    answer = answerer.ask("kỷ niệm 20 năm là gì vậy")
    assert answer.answered
    assert {"Bù Đốp", "Kiên Lương"} <= districts_offered(answer)


def test_another_district_lacking_the_head_noun_does_not_join(answerer: Answerer) -> None:
    # Lai Vung's chuyên đề on "khối đại đoàn kết" shares words with the houses, not the subject
    answer = answerer.ask("kể về nhà đại đoàn kết với")
    assert answer.answered
    assert districts_offered(answer) == {"Bù Đốp"}


def test_a_document_every_article_names_is_not_asked_district_by_district(answerer: Answerer) -> None:
    answer = answerer.ask("kết luận 01-KL/TW ra đời ngày nào")
    assert answer.answered and says(answer, "18/5/2021")
    assert "Châu Thành" not in districts_offered(answer)
