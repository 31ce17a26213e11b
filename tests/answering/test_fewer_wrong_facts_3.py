"""Mechanisms that keep a neighbouring figure from answering a question that changes one thing the
figure fixes (issue 15, round 4): the level, what was done, per what, which kind of the noun, a
ranking of a district's parts, a follow-up that only moves to another organisation or year."""

from __future__ import annotations

from bot.answering.answerer import Answerer
from bot.answering.fit import text_levels
from tests.answering.test_fewer_wrong_facts import chat, says


def _declines(answer, *neighbours: str) -> bool:
    return not answer.answered and not any(says(answer, n) for n in neighbours)


# ---------------------------------------------------------------- the level a figure is at


def test_a_documents_number_names_no_level() -> None:
    assert "national" not in text_levels("thực hiện Kết luận số 01-KL/TW của Bộ Chính trị, 37 cá nhân")
    assert "national" in text_levels("được Ban Tuyên giáo Trung ương tặng bằng khen")


def test_a_figure_is_not_the_central_levels_for_the_document_it_cites(answerer: Answerer) -> None:
    answer = answerer.ask("đất đỏ có mấy gương điển hình được cấp trung ương biểu dương vậy")
    assert _declines(answer, "8")


def test_the_level_is_the_figures_own_not_its_shared_quotes(answerer: Answerer) -> None:
    # "02 cá nhân được UBND tỉnh …; 12 tập thể … được UBND huyện": the province gave no collective one
    answer = answerer.ask("ubnd tinh tang bang khen cho may tap the o bu dop")
    assert _declines(answer, "12", "02")
    assert says(answerer.ask("ubnd tinh tang bang khen cho may ca nhan o bu dop"), "02")


def test_a_communes_peoples_committee_is_the_commune_level(answerer: Answerer) -> None:
    answer = answerer.ask("o kien luong uy ban nhan dan xa khen thuong may tap the")
    assert _declines(answer, "30")


def test_a_document_asked_by_its_number_is_still_answered(answerer: Answerer) -> None:
    assert says(answerer.ask("kết luận 01-KL/TW ra đời hôm nào"), "18/5/2021")


# ---------------------------------------------------------------- what was done


def test_mending_is_not_building(answerer: Answerer) -> None:
    assert _declines(answerer.ask("lai vung sửa chữa được mấy cây cầu rồi"), "70")
    assert _declines(answerer.ask("lai vung nâng cấp mấy km đường"), "21km")
    assert says(answerer.ask("lai vung xây mới mấy cây cầu"), "70")


# ---------------------------------------------------------------- per one of something


def test_a_share_asked_of_a_total_is_not_the_total(answerer: Answerer) -> None:
    answer = answerer.ask("hội nông dân bù đốp làm nhà tình thương, mỗi căn tốn bao nhiêu")
    assert _declines(answer, "650")
    assert says(answerer.ask("liên đoàn lao động bù đốp mỗi căn nhà tình thương giá bao nhiêu"), "80")


# ---------------------------------------------------------------- which kind of the noun


def test_another_kind_of_the_counted_noun_is_not_counted(answerer: Answerer) -> None:
    assert _declines(answerer.ask("phụ nữ bù đốp dựng được mấy cột đèn"), "114")
    assert _declines(answerer.ask("hội nông dân bù đốp làm mấy căn nhà đại đoàn kết"), "8")
    # a synonym of the kind is the same kind
    assert says(answerer.ask("lai vung lam dc may cay cau xi mang"), "70")


def test_a_noun_closing_what_is_counted_is_no_particle(answerer: Answerer) -> None:
    # "… mấy căn nhà cho hội viên": "nhà", not the "nha" that ends a sentence
    answer = answerer.ask("hội cựu chiến binh bù đốp sửa được mấy căn nhà cho hội viên")
    assert _declines(answer, "158")


# ---------------------------------------------------------------- a total the article never states


def test_households_a_district_has_are_no_part_of_them(answerer: Answerer) -> None:
    answer = answerer.ask("huyện lai vung có mấy hộ nghèo vậy")
    assert _declines(answer, "90")


# ---------------------------------------------------------------- a ranking of a district's parts


def test_a_ranking_of_one_districts_communes_is_declined(answerer: Answerer) -> None:
    assert _declines(answerer.ask("ấp nào ở lai vung làm nhiều đường nhất"), "21km")
    assert _declines(answerer.ask("năm nào bù đốp làm nhiều nhà đại đoàn kết nhất"), "176")
    # districts compared are still compared
    assert answerer.ask("huyện nào xây nhiều nhà đại đoàn kết nhất").answered
