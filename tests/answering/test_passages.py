"""The article's own words (bot.answering.passages): where no curated entry answers, a sentence
of the article that clearly does, quoted as the article's and sourced; curated entries win and
the declines stand."""

from __future__ import annotations

import dataclasses

import pytest

from bot.answering import tuning
from bot.answering.answerer import Answerer
from bot.answering.passages import passages_of
from bot.answering.snapshot import Snapshot
from bot.language.folding import collapse_spaces

# the base curates no entry for what Bù Đốp measures its members by; the article says it in a sentence
UNCURATED = "bu dop lay gi lam tieu chi danh gia phan loai dang vien hang nam"


@pytest.fixture(scope="module")
def without_tier(answerer: Answerer) -> Answerer:
    snapshot = answerer.snapshot
    return Answerer(dataclasses.replace(snapshot, passages=None))


def test_every_served_article_is_read_sentence_by_sentence(answerer: Answerer) -> None:
    kb = answerer.kb
    passages = passages_of(kb)
    assert {p.article.id for p in passages.entries} == set(kb.articles)
    for located in passages.entries[:50]:
        entry = located.entry
        assert entry.kind == "passage" and entry.answer == entry.quote
        assert entry.quote in collapse_spaces(located.article.text)  # the article's words, verbatim
        assert len(entry.answer.split()) >= tuning.PASSAGE_MIN_WORDS
    assert not passages.drafts  # drafts are never read out


def test_a_sentence_answers_what_no_entry_does_marked_as_the_articles(
    answerer: Answerer, without_tier: Answerer
) -> None:
    assert not without_tier.ask(UNCURATED).answered
    answer = answerer.ask(UNCURATED)
    assert answer.answered and answer.kind == "fact"
    assert answer.body.startswith("Bài viết về huyện Bù Đốp ghi: «") and answer.body.endswith("»")
    assert "phân loại" in answer.body and answer.sources and answer.sources[0].district == "Bù Đốp"
    assert not answer.entry_ids  # no curated entry stands behind it


def test_curated_entries_win(answerer: Answerer) -> None:
    for question in ("Bù Đốp xây được bao nhiêu căn nhà Đại đoàn kết?", "Kiên Lương có những mô hình nào?"):
        answer = answerer.ask(question)
        assert answer.answered and answer.entry_ids, question
        assert "ghi: «" not in answer.body


@pytest.mark.parametrize(
    "question",
    [
        "Giồng Trôm có tiêu chí đánh giá phân loại đảng viên thế nào?",  # a district with no article
        "số điện thoại Huyện ủy Bù Đốp là bao nhiêu",  # what no article holds
        "năm 2030 Bù Đốp lấy gì làm tiêu chí đánh giá phân loại đảng viên",  # a year no article covers
        "thời tiết Bù Đốp hôm nay thế nào",
    ],
)
def test_the_declines_stand(answerer: Answerer, question: str) -> None:
    answer = answerer.ask(question)
    assert not answer.answered, answer.body
    assert "ghi: «" not in answer.body


def test_a_sentence_that_does_not_say_what_is_asked_is_not_given(answerer: Answerer) -> None:
    # "ai": a sentence that names no one does not say who
    who = answerer.ask("người đứng đầu huyện ủy châu thành là ai")
    assert "ghi: «" not in who.body
    # "năm nào": a sentence that gives no year does not say when
    assert "ghi: «" not in answerer.ask("bù đốp tổ chức sinh hoạt chuyên đề vào ngày nào").body


def test_the_tier_can_be_turned_off(answerer: Answerer) -> None:
    before = tuning.PASSAGE_TIER
    try:
        tuning.PASSAGE_TIER = False
        assert Snapshot.of(answerer.kb).passages is None
    finally:
        tuning.PASSAGE_TIER = before


def test_a_large_base_is_ready_first_and_reads_its_sentences_after(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.answering.snapshot import Later

    monkeypatch.setattr(tuning, "PASSAGES_AT_ONCE_ARTICLES", 0)  # every base counts as large
    snapshot = Snapshot.of(answerer.kb)
    assert isinstance(snapshot.passages, Later)
    index = snapshot.passages.wait(timeout=120)
    assert index is not None and snapshot.passage_index() is index
    later = Answerer(snapshot).ask(UNCURATED)
    assert later.answered and later.text == answerer.ask(UNCURATED).text
