"""Declines by meaning (bot.answering.fit): an entry that shares a question's words but not what
it asks is never given as the answer; the reply says what the article does give instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering.answerer import Answerer
from bot.answering.fit import number_units, years_of
from bot.language.folding import fold
from tests.conftest import KNOWLEDGE


def test_years_of_a_text_include_those_inside_a_range() -> None:
    assert {"2022", "2023"} <= years_of("Từ năm 2022 đến 7/2023")
    assert {"2016", "2017", "2018", "2019", "2020"} <= years_of("giai đoạn 2016 - 2020")
    assert "2021" not in years_of("Từ năm 2022 đến 7/2023")


def test_units_of_the_numbers_a_text_states() -> None:
    assert number_units("đạt 98,4% với 2.401 đảng viên") == {"percent", None}
    assert number_units("dài 13.75 km, tổng kinh phí 525 triệu đồng, năm 2023") == {"length", "money"}
    assert number_units("trị giá 85.300.00đ") == {"money"}


@pytest.mark.parametrize(
    ("question", "tempting", "said"),
    [
        # a year the article does not give for this figure
        ("năm 2019 mặt trận bù đốp xây bao nhiêu căn nhà đại đoàn kết", "176", "năm 2019"),
        # the province's figure, where the article gives the district's
        ("cả tỉnh bình phước xây bao nhiêu nhà đại đoàn kết", "176", "cấp tỉnh"),
        # a count the article never states
        ("bù đốp hiện có bao nhiêu hộ nghèo", "176", "hộ nghèo"),
        # another unit than the one the article gives
        ("hội phụ nữ bù đốp làm tuyến đường sáng tốn bao nhiêu km2", "13.75", "diện tích"),
        # a model that names no figure cannot say how many
        ("hũ gạo tình thương ở kiên lương góp được bao nhiêu ký gạo", "kg", "con số cụ thể"),
        # a post nobody in the article holds
        ("Chủ tịch UBND huyện Châu Thành là ai?", "Hiền", "chủ tịch"),
    ],
)
def test_a_neighbouring_fact_is_declined_with_what_the_article_gives(
    answerer: Answerer, question: str, tempting: str, said: str
) -> None:
    answer = answerer.ask(question)
    assert not answer.answered, answer.body
    assert tempting not in answer.body
    assert fold(said) in fold(answer.body)
    assert answer.suggestions  # what the article does give, one press away


def test_the_fit_checks_do_not_decline_what_the_article_gives(answerer: Answerer) -> None:
    for question, figure in (
        ("Từ 2022 đến 2023 Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết?", "176"),
        ("bù đốp có mấy cá nhân được ubnd tỉnh tặng bằng khen", "02"),
        ("tuyến đường sáng ở bù đốp dài bao nhiêu km", "13.75"),
        ("lai vung xây mới bao nhiêu cây cầu xi măng", "70"),  # the thesaurus: xi măng is bê tông
    ):
        answer = answerer.ask(question)
        assert answer.answered and figure in answer.body, (question, answer.body)


def test_a_cue_word_inside_the_subject_is_not_a_cue(answerer: Answerer) -> None:
    """ "kể", "đánh giá" inside a phrase the articles use are what is asked about."""
    contest = answerer.ask("hội thi kể chuyện về bác ở lai vung là về nội dung gì")
    assert contest.answered and "Lai Vung" in contest.body
    review = answerer.ask("châu thành đưa nội dung sơ kết đánh giá kết luận 01 vào đâu, định kỳ bao lâu")
    assert review.answered
    # the cue used as one is still declined
    assert not answerer.ask("bạn đánh giá mô hình nào hay nhất").answered
    assert not answerer.ask("kể chuyện cười đi").answered


def test_a_curators_keyword_names_what_an_entry_counts(kb_dir: Path) -> None:
    """A keyword that begins with the counted noun ("nhà ĐĐKT", a curator's own short form: the
    lexicon knows "ĐĐK") lets the entry answer a count in those words; the other words of a keyword
    ("nhà cho hộ nghèo") do not make it count them."""
    facts = kb_dir / "facts" / "bu-dop.yaml"
    text = facts.read_text(encoding="utf-8")
    start = text.index("id: bd-mttq-nha-dai-doan-ket")
    at = text.index("keywords: [", start) + len("keywords: [")
    facts.write_text(text[:at] + "nhà ĐĐKT, " + text[at:], encoding="utf-8")
    before = Answerer.from_directory(KNOWLEDGE).ask("bu dop xay bao nhieu nha ddkt")
    assert not before.answered
    answerer = Answerer.from_directory(kb_dir)
    answer = answerer.ask("bu dop xay bao nhieu nha ddkt")
    assert answer.answered and answer.entry_ids[0] == "bd-mttq-nha-dai-doan-ket" and "176" in answer.body
    assert not answerer.ask("bù đốp hiện có bao nhiêu hộ nghèo").answered


def test_a_rate_counts_its_numerator_not_what_it_is_per(answerer: Answerer) -> None:
    """ "50.000 đồng/đảng viên" says how much each party member gives: it does not count party members."""
    per_member = answerer.ask("mỗi đảng viên chi bộ hội phụ nữ châu thành góp bao nhiêu tiền mỗi tháng")
    assert per_member.answered and "50.000" in per_member.body
    members = answerer.ask("Chi bộ Hội Phụ nữ Châu Thành có bao nhiêu đảng viên?")
    assert "50.000" not in members.body
