"""Issue 15, second round: mechanisms that turn a wrong fact into an honest decline, a
suggestion, or the right answer (examples written for these tests, not taken from eval sets)."""

from __future__ import annotations

from bot.answering.answerer import Answerer
from bot.answering.fit import _same_thing, dimension_asked, dimensions_printed
from bot.language.folding import tokens
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


# ---------------------------------------------------------------- places


def test_a_province_whose_last_syllable_opens_one_of_ours_gives_way(answerer: Answerer) -> None:
    # "lại Châu Thành" holds "Lai Châu" read from its first syllable
    q = answerer.snapshot.analyzer.analyze("nói lại châu thành có mấy chi bộ trong sạch vững mạnh")
    assert q.districts == ["Châu Thành"] and not q.unknown_places
    q = answerer.snapshot.analyzer.analyze("lai chau co bao nhieu mo hinh")
    assert [p.name for p in q.unknown_places] == ["Tỉnh Lai Châu"]


def test_a_town_an_article_names_is_no_district_of_the_base(answerer: Answerer) -> None:
    # Kiên Lương's article names "thị xã Hà Tiên": not declined outright, and never answered
    # with a district's figure that does not name it
    q = answerer.snapshot.analyzer.analyze("Hà Tiên có bao nhiêu cá nhân được khen thưởng")
    assert [p.name for p in q.elsewhere] == ["Thành phố Hà Tiên"] and not q.unknown_places
    answer = answerer.ask("Hà Tiên có bao nhiêu cá nhân được khen thưởng")
    assert not answer.answered and "Hà Tiên" in answer.body
    answer = answerer.ask("năm 2018 kỷ niệm bao nhiêu năm thành lập thị xã Hà Tiên")
    assert answer.answered and {s.district for s in answer.sources} == {"Kiên Lương"}


def test_a_place_no_article_names_is_still_declined(answerer: Answerer) -> None:
    assert answerer.snapshot.analyzer.analyze("Phú Quốc có bao nhiêu mô hình").unknown_places
    assert not answerer.ask("Phú Quốc có bao nhiêu mô hình học tập làm theo Bác").answered


# ---------------------------------------------------------------- what is counted


def test_a_syllable_closing_another_compound_is_not_what_is_counted(answerer: Answerer) -> None:
    # Bù Đốp counts "điểm cầu" (places linked to an online class), never bridges
    answer = answerer.ask("Bù Đốp xây mấy cây cầu")
    assert not answer.answered and not says(answer, "11")
    # the same syllable opening the figure's noun still counts it
    answer = answerer.ask("Lai Vung xây mới bao nhiêu cây cầu")
    assert answer.answered and says(answer, "70")


def test_a_syllable_a_compound_repeats_is_matched_at_any_of_its_uses(answerer: Answerer) -> None:
    # "mô hình điển hình" opens "hình" with "mô" and with "điển": "bao nhiêu cái điển hình" asks it
    index = answerer.snapshot.index
    typical = (["dien", "hinh"], ["mo", "hinh", "dien", "hinh"])
    assert _same_thing(index, ["hinh"], ["mo", "hinh", "dien"], typical)
    # still: a bridge is no bridgehead ("cây cầu" against "điểm cầu")
    assert not _same_thing(index, ["cau"], ["diem", "cau"], (["cay", "cau"], ["diem", "cau"]))


def test_a_measure_noun_before_the_counted_word_keeps_it_the_same_thing(answerer: Answerer) -> None:
    # "diện tích đất": the land itself
    answer = answerer.ask("ở Lai Vung dân hiến bao nhiêu đất làm đường")
    assert answer.answered and answer.sources[0].district == "Lai Vung"


def test_a_word_that_counts_anything_does_not_outweigh_what_is_named(answerer: Answerer) -> None:
    # "mấy cái": "cái" folds like "cải" (cải cách) and must not be boosted as the thing counted
    answer = answerer.ask("Kiên Lương pano mấy cái")
    assert "kl-hd-giai-quyet-van-de-buc-xuc" not in answer.entry_ids
    assert not answer.answered or says(answer, "21")


# ---------------------------------------------------------------- a count in parts, at every level


def test_a_count_in_parts_naming_no_level_gets_each_levels_figures(answerer: Answerer) -> None:
    # the district's awards (30 collectives, 47 people) and the province's (03, 03): both
    answer = answerer.ask("Kiên Lương được khen thưởng bao nhiêu tập thể, cá nhân")
    assert answer.answered and says(answer, "30") and says(answer, "47") and says(answer, "03")


def test_a_count_in_parts_naming_its_level_gets_that_level_only(answerer: Answerer) -> None:
    answer = answerer.ask("UBND tỉnh tặng bằng khen cho bao nhiêu tập thể, cá nhân ở Kiên Lương")
    assert answer.answered and says(answer, "03") and not says(answer, "47")


# ---------------------------------------------------------------- calibration: the word that decides


def test_an_entry_lacking_the_questions_weightiest_word_is_suggested_not_stated(answerer: Answerer) -> None:
    # nothing in Bù Đốp's article is about bicycles: the youth union's other gifts are only offered
    answer = answerer.ask("đoàn thanh niên bù đốp có tặng xe đạp không")
    assert not answer.answered and answer.kind == "clarify" and answer.suggestions
    assert not answer.body.startswith("Có")


def test_a_yes_for_what_the_article_says_stays(answerer: Answerer) -> None:
    answer = answerer.ask("hội nông dân bù đốp có ủng hộ chống dịch không")
    assert answer.answered and answer.body.startswith("Có")


def test_a_word_for_anything_decides_nothing(answerer: Answerer) -> None:
    # "cái gì" names no thing: the model named is answered
    answer = answerer.ask("Hũ gạo tình thương ở Kiên Lương là cái gì")
    assert answer.answered


def test_another_place_named_beside_a_district_must_be_named_by_the_answer(answerer: Answerer) -> None:
    answer = answerer.ask("bù đốp có gửi hàng hỗ trợ Hà Nội không")
    assert not answer.answered and "Hà Nội" in answer.body
    answer = answerer.ask("Bù Đốp có ủng hộ tỉnh Bình Dương chống dịch không")
    assert answer.answered and says(answer, "Bình Dương")


# ---------------------------------------------------------------- "… nữa", "… khác"


def test_asking_for_something_else_never_gets_what_was_just_answered(answerer: Answerer) -> None:
    first, again = chat(
        answerer,
        "dịp kỷ niệm 20 năm chia tách huyện Kiên Lương đã làm gì",
        "Kiên Lương còn phát động thi đua kỷ niệm dịp gì nữa",
    )
    assert first.answered
    assert not set(first.entry_ids) & set(again.entry_ids)


def test_a_new_district_with_else_words_is_not_held_to_the_old_answer(answerer: Answerer) -> None:
    from bot.answering.context import Context
    from bot.answering.followup import resolve

    ctx = Context(districts=("Kiên Lương",), entries=("kl-co-phuon",))
    elsewhere = resolve(answerer.snapshot.analyzer.analyze("Lai Vung có mô hình gì khác"), ctx)
    assert elsewhere.hints.excluded == ()
    here = resolve(answerer.snapshot.analyzer.analyze("còn mô hình gì khác nữa"), ctx)
    assert here.hints.excluded == ("kl-co-phuon",)


# ---------------------------------------------------------------- asking the bot mid-conversation


def test_asking_the_bot_which_districts_it_knows_does_not_lean_on_the_conversation(answerer: Answerer) -> None:
    *_, last = chat(answerer, "Lai Vung huy động được bao nhiêu tiền làm cầu đường", "thế bạn còn biết huyện nào nữa")
    assert last.answered
    for district in ("Bù Đốp", "Châu Thành", "Đất Đỏ", "Kiên Lương", "Lai Vung"):
        assert district in last.body


def test_which_other_district_after_an_answer_is_not_a_question_about_the_bot(answerer: Answerer) -> None:
    *_, last = chat(answerer, "kiên lương có mô hình hũ gạo tình thương không", "còn huyện nào nữa")
    assert "5 huyện" not in last.body


def test_a_dimension_the_article_does_not_print_is_not_answered_with_another(answerer: Answerer) -> None:
    # the article prints the lit road's length ("chiều dài 13.75 km"), never its width
    wide = answerer.ask("hpn bu dop lam tuyen duong sang rong bao nhieu met")
    assert not wide.answered and not says(wide, "13.75") and "chiều rộng" in wide.body
    long = answerer.ask("hpn bu dop lam tuyen duong sang dai bao nhieu km")
    assert long.answered and says(long, "13.75")


def test_which_words_ask_a_dimension() -> None:
    assert dimension_asked(tokens("duong rong bao nhieu met")) == "rong"
    assert dimension_asked(tokens("độ sâu của giếng")) == "sau"
    assert dimension_asked(tokens("sau bao nhieu nam thi xong")) is None  # "sau": after
    assert dimension_asked(tokens("nha dai doan ket bao nhieu can")) is None  # "đại", not "dài"
    assert dimensions_printed("đoạn đường bê tông dài 177m, rộng khoảng 3 m") == {"dai", "rong"}
    assert dimensions_printed("xây 176 căn nhà Đại đoàn kết") == frozenset()


def test_a_holiday_named_by_its_date_does_not_date_an_event() -> None:
    from bot.answering.search import mentions_time

    # "chào mừng Quốc khánh 2/9": the occasion; the article never says when the meeting was
    assert not mentions_time("Buổi gặp mặt chào mừng kỷ niệm Cách mạng Tháng Tám và Quốc khánh 2/9.")
    assert not mentions_time("hướng tới Quốc tế Lao động (1/5)")
    assert mentions_time("Sáng 19/5, huyện tổ chức gặp mặt")  # a date of its own
    assert mentions_time("nhân dịp Quốc khánh 2/9 năm 2023")  # dated by its year
