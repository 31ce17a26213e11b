"""Today's map asked in the words people use (issue 15): "giờ thuộc đâu", "sáp nhập vào đâu", an
old province's name asked of itself, then and now in one question. Invented questions."""

from __future__ import annotations

from bot.answering.answerer import Answerer
from bot.language.folding import fold


def says(answerer: Answerer, question: str, *phrases: str) -> bool:
    answer = answerer.ask(question)
    return answer.answered and all(fold(p) in fold(answer.body) for p in phrases)


def test_where_a_district_belongs_now_asked_with_dau(answerer: Answerer) -> None:
    assert says(answerer, "lai vung nay thuoc dau", "Đồng Tháp")
    assert says(answerer, "huyện châu thành bây giờ thuộc đâu vậy", "Vĩnh Long")


def test_an_old_province_merged_into_where(answerer: Answerer) -> None:
    assert says(answerer, "tinh ben tre gio sap nhap vao dau", "Vĩnh Long")
    assert says(answerer, "ba ria vung tau nhap vao tinh nao", "Hồ Chí Minh")


def test_an_old_province_asked_what_province_it_is_now(answerer: Answerer) -> None:
    assert says(answerer, "kien giang gio la tinh gi", "An Giang")


def test_then_and_now_in_one_question(answerer: Answerer) -> None:
    assert says(answerer, "bu dop truoc thuoc tinh nao, gio thuoc tinh nao", "Bình Phước", "Đồng Nai")


def test_a_year_after_what_is_counted_is_no_unit(answerer: Answerer) -> None:
    q = answerer.snapshot.analyzer.analyze("chau thanh do dau may be mo coi nam 2024")
    assert q.unit is None and q.target == ["be", "mo", "coi"]
    assert says(answerer, "chau thanh do dau may be mo coi nam 2024", "mồ côi mẹ")


def test_a_short_form_with_a_dot_is_one_place(answerer: Answerer) -> None:
    q = answerer.snapshot.analyzer.analyze("tp.hcm có mô hình nào")
    assert q.districts == ["Đất Đỏ"]


def test_a_province_asked_for_an_article_on_the_bases_topic(answerer: Answerer) -> None:
    # every article is about "học tập và làm theo Bác": those words ask for the province's article
    assert says(answerer, "tinh dong nai co bai viet ve hoc tap lam theo bac ko", "Những kết quả nổi bật")


def test_asking_back_names_every_district_that_answers_as_well(answerer: Answerer) -> None:
    # four of Bù Đốp's figures and one of Đất Đỏ's models match "nhà tình thương" alike
    answer = answerer.ask("nhà tình thương")
    assert answer.kind == "clarify"
    labels = " ".join(s.label for s in answer.suggestions)
    assert "Bù Đốp" in labels and "Đất Đỏ" in labels


def test_the_date_of_the_map_is_no_year_of_a_figure(answerer: Answerer) -> None:
    assert says(answerer, "dat do thuoc tinh nao ke tu 1/7/2025", "Hồ Chí Minh")


def test_a_province_named_after_belonging_asks_it_as_a_yes_or_no(answerer: Answerer) -> None:
    assert says(answerer, "lai vung gio thuoc dong thap phai ko", "Đồng Tháp")
    # a wrong guess is answered with the province it is
    assert says(answerer, "bu dop gio thuoc an giang ha", "Đồng Nai")
