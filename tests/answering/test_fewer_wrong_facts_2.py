"""Mechanisms that keep the bot from stating a fact that is not the one asked (issue 15, round 2)."""

from __future__ import annotations

from bot.answering.answer import Answer
from bot.answering.answerer import Answerer
from bot.language.folding import tokens
from tests.answering.test_fewer_wrong_facts import chat, says_in


def says(answer: Answer, *phrases: str) -> bool:
    """Every phrase occurs in the reply's whole text (quotes and sources too)."""
    return says_in(answer.text, *phrases)


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


# ---------------------------------------------------------------- a follow-up not told the figure again


def test_a_sentence_is_cut_before_the_figure_just_read() -> None:
    from bot.answering.restating import without_read

    sentence = "Ở xã X, câu lạc bộ đọc sách do Đoàn Thanh niên xã thành lập đã thu hút 75 hội viên tham gia."
    assert without_read(sentence, {"75"}) == "Ở xã X, câu lạc bộ đọc sách do Đoàn Thanh niên xã thành lập"
    # at the start of the figure's clause, and only when nothing unread follows
    period = "Đợt ra quân kéo dài 2 tháng, từ tháng 3/2024 đến 5/2024, với 12 phần việc, trị giá 300 triệu đồng."
    assert without_read(period, {"12", "300"}) == "Đợt ra quân kéo dài 2 tháng, từ tháng 3/2024 đến 5/2024"
    assert without_read("Từ năm 2020 đến nay, Hội đã xây 12 căn nhà, đến tháng 5/2024 thêm 3 căn.", {"12"}) is None
    assert without_read("Hội đã xây 12 căn nhà.", {"12"}) is None  # too little left
    assert without_read(sentence, {"9"}) is None
    # never inside brackets left open
    pair = "Qua 3 năm, các chi bộ cơ sở trực thuộc đã khen thưởng 12 tập thể (cùng 40 cá nhân)."
    assert without_read(pair, {"40"}) == "Qua 3 năm, các chi bộ cơ sở trực thuộc đã khen thưởng 12 tập thể"


def test_who_made_it_after_its_count_does_not_repeat_the_count(answerer: Answerer) -> None:
    first, second = chat(
        answerer, "ở đất đỏ chuyên mục hoa giữa đời thường lên sóng bao nhiêu phóng sự", "đơn vị nào thực hiện vậy"
    )
    assert says(first, "189")
    assert second.answered and says(second, "Ban Tuyên giáo") and not says(second, "189")


# ---------------------------------------------------------------- "bao lâu"


def test_how_long_asks_for_a_duration(answerer: Answerer) -> None:
    analyse = answerer.snapshot.analyzer.analyze
    q = analyse("phong trào đó kéo dài bao lâu")
    assert q.quantity and q.unit == "duration"
    assert not analyse("chi bộ họp bao lâu một lần").quantity  # how often


# ---------------------------------------------------------------- a total asked, a part counted


def test_a_total_is_not_answered_with_those_of_them_who_did_something(answerer: Answerer) -> None:
    answer = answerer.ask("hội nông dân bù đốp có tất cả bao nhiêu hội viên")
    assert not answer.answered
    assert "tổng số" in answer.text


def test_how_many_members_a_body_has_is_not_those_who_did_something(answerer: Answerer) -> None:
    assert not answerer.ask("đảng bộ bù đốp có bao nhiêu đảng viên").answered
    assert answerer.ask("bù đốp có bao nhiêu đảng viên học chuyên đề trực tuyến").answered


def test_a_total_the_figure_counts_whole_is_answered(answerer: Answerer) -> None:
    answer = answerer.ask("tổng cộng Mặt trận Bù Đốp xây bao nhiêu căn nhà đại đoàn kết")
    assert answer.answered and says(answer, "176")


# ---------------------------------------------------------------- what a thing is: its description


def test_a_question_not_asking_how_many_gets_the_description_over_one_figure(answerer: Answerer) -> None:
    answer = answerer.ask("cái quỹ xoay vòng là sao")
    said = tokens(answer.body)  # the sentence itself, not the quote under it
    assert answer.answered and "4" in said and "500" in said


# ---------------------------------------------------------------- a follow-up's own telling words decide


def test_a_follow_up_word_the_neighbour_lacks_is_not_answered_with_the_neighbour(answerer: Answerer) -> None:
    _, second = chat(answerer, "đoàn thanh niên bù đốp đỡ đầu mấy học sinh", "khẩu hiệu là gì")
    if second.answered:
        assert says(second, "khẩu hiệu")
    else:  # asked back: the entry holding the slogan is offered first
        assert "hiệu" in second.suggestions[0].label.lower()


# ---------------------------------------------------------------- a document asked about itself


def test_a_question_about_a_document_gets_the_document_not_a_district_doing(answerer: Answerer) -> None:
    answer = answerer.ask("kết luận 01 là về cái gì")
    assert answer.answered
    assert answerer.kb.by_id[answer.entry_ids[0]].entry.kind == "document"
    assert answer.body.startswith("Kết luận số 01-KL/TW")


# ---------------------------------------------------------------- "còn bên <huyện>"


def test_over_in_another_district_replays_the_question_there(answerer: Answerer) -> None:
    first, second = chat(answerer, "ở kiên lương mô hình bếp ăn do ai làm", "thế còn bên bù đốp")
    assert first.answered and {s.district for s in first.sources} == {"Kiên Lương"}
    assert second.answered and says(second, "bếp ăn") and second.sources[0].district == "Bù Đốp"


# ---------------------------------------------------------------- organisations of one district compared


def test_two_organisations_of_one_district_are_each_given_their_figures(answerer: Answerer) -> None:
    answer = answerer.ask("bù đốp: công đoàn hoặc hội nông dân, ai xây được nhiều nhà hơn")
    assert answer.answered
    assert says(answer, "Hội Nông dân") and says(answer, "Liên đoàn Lao động")


def test_organisations_compared_is_a_comparison(answerer: Answerer) -> None:
    analyse = answerer.snapshot.analyzer.analyze
    assert analyse("ở châu thành đoàn thanh niên hay hội phụ nữ làm nhiều việc hơn").comparing
    assert not analyse("hội phụ nữ châu thành giúp hơn 50 hộ phải không").comparing


# ---------------------------------------------------------------- another organisation's figure


def test_another_organisations_figure_is_not_stated_as_the_one_asked(answerer: Answerer) -> None:
    answer = answerer.ask("huyện đoàn bù đốp xây bao nhiêu nhà đại đoàn kết")
    assert not answer.answered and not says(answer, "176")
    assert answerer.ask("hội phụ nữ bù đốp làm được bao nhiêu km đường sáng").answered


# ---------------------------------------------------------------- a sentence's words as typed


def test_a_word_typed_with_its_marks_is_not_another_word_of_the_same_letters() -> None:
    from bot.answering.rules.article_words import misread

    assert misread("xã có xây cầu không", "Xã xây dựng mới các mô hình Câu lạc bộ nông dân.")
    assert not misread("xã có xây cầu không", "Xã xây mới 3 cây cầu bê tông.")
    assert not misread("xa co xay cau khong", "Xã xây dựng mới các mô hình Câu lạc bộ nông dân.")  # no marks typed


def test_a_yes_from_a_sentence_of_other_words_is_not_given(answerer: Answerer) -> None:
    answer = answerer.ask("kiên lương có xây cầu không")
    assert not (answer.answered and says(answer, "Câu lạc bộ"))


# ---------------------------------------------------------------- "bao nhiêu cây": a classifier alone is counted


def test_a_classifier_alone_is_what_is_counted(answerer: Answerer) -> None:
    # Bù Đốp's farmers gave seedlings among help worth 10 billion: a sum of money, no count of trees
    answer = answerer.ask("bù đốp trồng được bao nhiêu cây vậy")
    assert not (answer.answered and says(answer, "10 tỷ"))


def test_a_classifier_with_its_noun_still_counts_houses(answerer: Answerer) -> None:
    answer = answerer.ask("hội nông dân bù đốp sửa được mấy căn")
    assert answer.answered and says(answer, "4")


# ---------------------------------------------------------------- a yes of something else


def test_a_yes_must_say_what_no_article_names(answerer: Answerer) -> None:
    answer = answerer.ask("bù đốp có ủng hộ quỹ vắc xin không")
    assert not answer.answered


def test_a_yes_still_answers_what_the_article_says(answerer: Answerer) -> None:
    answer = answerer.ask("hội nông dân bù đốp có tặng thẻ bảo hiểm y tế cho hội viên không")
    assert answer.answered and says(answer, "100")
