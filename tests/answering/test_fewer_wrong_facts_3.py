"""Mechanisms that keep a neighbouring figure from answering a question that changes one thing the
figure fixes (issue 15, round 4): the level, what was done, per what, which kind of the noun, a
ranking of a district's parts, a follow-up that only moves to another organisation or year."""

from __future__ import annotations

from bot.answering.answer import Answer
from bot.answering.answerer import Answerer
from bot.answering.fit import text_levels
from tests.answering.test_fewer_wrong_facts import chat, says


def _declines(answer: Answer, *neighbours: str) -> bool:
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


# ---------------------------------------------------------------- a follow-up that only moves


def test_a_follow_up_naming_only_an_organisation_counts_what_was_counted(answerer: Answerer) -> None:
    first, other = chat(answerer, "hội nông dân bù đốp xây mấy căn nhà tình thương", "thế còn liên đoàn lao động")
    assert says(first, "8") and says(other, "06")
    _, veterans = chat(answerer, "hội nông dân bù đốp xây mấy căn nhà tình thương", "còn hội cựu chiến binh thì sao")
    assert _declines(veterans, "158")


def test_a_follow_up_naming_only_a_year_counts_what_was_counted(answerer: Answerer) -> None:
    first, later = chat(answerer, "châu thành khen thưởng mấy tập thể", "còn năm 2024 là bao nhiêu")
    assert says(first, "63")
    assert _declines(later, "63", "1 trường hợp")


def test_a_follow_up_naming_no_organisation_stays_with_the_conversations(answerer: Answerer) -> None:
    # the Liên đoàn Lao động's houses were asked: its "nhà tình thương", not the Hội Nông dân's
    first, then = chat(answerer, "liên đoàn lao động bù đốp làm mấy căn mái ấm công đoàn", "thế còn nhà tình thương")
    assert says(first, "07")
    assert says(then, "06") and not says(then, "8 căn")


# ---------------------------------------------------------------- the entry that fits only as a neighbour


def test_an_account_of_the_whole_does_not_answer_for_its_part(answerer: Answerer) -> None:
    # the lighting of country roads is given in km; the model's 52 tỷ is for all its roads and bridges
    assert _declines(answerer.ask("lai vung thắp sáng đường quê hết bao nhiêu tiền"), "52 tỷ")


def test_an_entry_without_the_questions_rare_word_does_not_answer(answerer: Answerer) -> None:
    # the rice jars are counted in members and tấn; the gifts' value is of something else
    assert _declines(answerer.ask("hũ gạo của hội nông dân bù đốp trị giá bao nhiêu tiền"), "450 triệu")


# ---------------------------------------------------------------- "bn" before what is counted


def test_bn_before_what_is_counted_is_how_many() -> None:
    from bot.language.expansion import expand
    from bot.language.folding import tokens

    assert "nhieu" in expand(tokens("hội cựu chiến binh giúp bn hộ thoát nghèo"))
    assert "ban" in expand(tokens("cảm ơn đã giúp bn"))
