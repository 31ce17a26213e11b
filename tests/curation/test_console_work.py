"""The console's work apart from the web: where an article holds the board's answer, and a
draft's quote found in its article."""

from __future__ import annotations

from bot.answering.answerer import Answerer
from bot.curation.console_work import article_with_drafts, supporting_sentences


def test_the_sentence_that_holds_the_boards_answer_is_found(answerer: Answerer) -> None:
    (found,) = supporting_sentences(answerer.kb, "Bù Đốp đã xây dựng 176 căn nhà cho hộ nghèo khó khăn về nhà ở.")
    assert found.article_id == "bu-dop" and "176 căn nhà" in found.sentence
    # a number the articles do not print, or words they do not hold: nothing to quote
    assert supporting_sentences(answerer.kb, "Bù Đốp đã xây dựng 177 căn nhà cho hộ nghèo khó khăn về nhà ở.") == []
    assert supporting_sentences(answerer.kb, "Ban sẽ hỏi huyện và trả lời bạn sau.") == []
    assert supporting_sentences(answerer.kb, "") == []


def test_an_article_without_drafts_is_one_plain_segment(answerer: Answerer) -> None:
    segments, drafts = article_with_drafts(answerer.kb, "bu-dop")
    assert drafts == [] and "".join(s.text for s in segments) == answerer.kb.articles["bu-dop"].text
    assert all(not s.drafts for s in segments)
