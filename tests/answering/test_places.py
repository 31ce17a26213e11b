"""Places as people name them: today's 34 provinces, communes, wards and towns, and districts,
towns and cities named as what they are (bot.language.today_map, bot.language.gazetteer)."""

from __future__ import annotations

import pytest

from bot.answering.answerer import Answerer
from bot.language import today_map


def test_the_old_provinces_on_todays_map() -> None:
    assert today_map.province_today("Bình Phước") == "Đồng Nai"
    assert today_map.province_today("Bến Tre") == "Vĩnh Long"
    assert today_map.province_today("Bà Rịa - Vũng Tàu") == "Hồ Chí Minh"
    assert today_map.province_today("Đồng Tháp") == "Đồng Tháp"  # kept its name, took Tiền Giang
    assert set(today_map.old_provinces("Đồng Nai")) == {"Đồng Nai", "Bình Phước"}
    assert set(today_map.old_provinces("Vĩnh Long")) == {"Vĩnh Long", "Bến Tre", "Trà Vinh"}
    assert len(today_map.today_province_names()) == 34


def test_provinces_and_districts_named_as_what_they_are() -> None:
    assert today_map.province_named("Hồ Chí Minh") == "thành phố Hồ Chí Minh"
    assert today_map.province_named("Bến Tre") == "tỉnh Bến Tre"
    assert today_map.division_of("Bình Minh", "Vĩnh Long") == "thị xã"
    assert today_map.division_of("Dĩ An", "Bình Dương") == "thành phố"
    assert today_map.district_named("Quận 10", "Hồ Chí Minh") == "quận 10"
    assert today_map.district_named("Châu Thành", "Bến Tre") == "huyện Châu Thành"


def test_communes_of_the_old_map_know_their_district() -> None:
    found = today_map.communes()["tanthach"]
    assert any(c.district == "Châu Thành" and c.province == "Bến Tre" for c in found)
    # a ward keeps its division word in the key when its name is a number
    assert all(c.kind == "Phường" for c in today_map.communes()["phuong1"])


@pytest.mark.parametrize(
    ("question", "district"),
    [
        ("Đồng Nai có những mô hình nào?", "Bù Đốp"),  # Bình Phước is in Đồng Nai now
        ("tinh dong nai xay bao nhieu can nha dai doan ket", "Bù Đốp"),
        ("Vĩnh Long có mô hình gì", "Châu Thành"),  # the province, not the city of Vĩnh Long
        ("TP HCM co mo hinh nao", "Đất Đỏ"),
        ("An Giang có những mô hình nào", "Kiên Lương"),
        ("xã Tân Thạch có mô hình gì", "Châu Thành"),  # a commune leads to its district
        ("thi tran dat do co mo hinh nao", "Đất Đỏ"),
    ],
)
def test_todays_provinces_and_communes_find_the_districts_in_them(
    answerer: Answerer, question: str, district: str
) -> None:
    answer = answerer.ask(question)
    assert answer.answered, answer.body
    assert {s.district for s in answer.sources} == {district}, answer.body


@pytest.mark.parametrize(
    "question",
    ["Quảng Ninh có mô hình nào?", "Hà Nội có bao nhiêu nhà đại đoàn kết", "phường 1 có mô hình gì"],
)
def test_provinces_and_wards_with_no_article_are_still_declined(answerer: Answerer, question: str) -> None:
    answer = answerer.ask(question)
    assert not answer.answered
    assert answer.kind == "decline", answer.body
    assert "chưa có bài viết" in answer.body


def test_where_a_district_is_now_gets_both_maps(answerer: Answerer) -> None:
    for question in ("Bù Đốp bây giờ thuộc tỉnh nào?", "bu dop gio thuoc tinh nao", "Bù Đốp thuộc tỉnh nào"):
        answer = answerer.ask(question)
        assert answer.answered, (question, answer.body)
        assert "tỉnh Bình Phước" in answer.body and "tỉnh Đồng Nai" in answer.body, answer.body
        assert "1/7/2025" in answer.body


def test_where_a_commune_is(answerer: Answerer) -> None:
    answer = answerer.ask("xã tân thạch thuộc huyện nào")
    assert answer.answered
    assert answer.body.startswith("Xã Tân Thạch thuộc huyện Châu Thành, tỉnh Bến Tre")
    assert "nay thuộc tỉnh Vĩnh Long" in answer.body


def test_answers_keep_the_articles_names_and_add_todays(answerer: Answerer) -> None:
    answer = answerer.ask("Bù Đốp xây được bao nhiêu căn nhà Đại đoàn kết?")
    assert answer.answered
    line = answer.sources[0].line()
    assert "huyện Bù Đốp, tỉnh Bình Phước, nay thuộc tỉnh Đồng Nai" in line
    # a province that kept its name gets no "nay thuộc"
    lai_vung = answerer.ask("Lai Vung huy động được bao nhiêu tiền xây cầu đường?")
    assert "nay thuộc" not in lai_vung.sources[0].line()


def test_words_that_only_look_like_a_commune_are_not_one(answerer: Answerer) -> None:
    # "phương châm" and "xã hội" are phrases the articles use, not a ward or a commune
    for question in ("phương châm của Kiên Lương là gì", "các tổ chức chính trị xã hội ở Lai Vung làm gì"):
        query = answerer.snapshot.analyzer.analyze(question)
        assert not query.unknown_places and not query.communes, question
