"""Issue 15, second round: mechanisms that turn a wrong fact into an honest decline, a
suggestion, or the right answer (examples written for these tests, not taken from eval sets)."""

from __future__ import annotations

from bot.answering.answerer import Answerer
from tests.answering.test_fewer_wrong_facts import chat, says

# ---------------------------------------------------------------- a declined question stays open


def test_a_question_the_district_lacks_can_be_corrected_to_another_district(answerer: Answerer) -> None:
    declined, corrected = chat(
        answerer, "Lai Vung treo được bao nhiêu cờ phướn", "không phải Lai Vung, ý mình là Kiên Lương"
    )
    assert not declined.answered and declined.open_question
    assert corrected.answered and says(corrected, "530")


def test_a_question_naming_no_district_that_nothing_answers_is_closed(answerer: Answerer) -> None:
    answer = answerer.ask("giá vàng hôm nay bao nhiêu một chỉ")
    assert not answer.answered and not answer.open_question
