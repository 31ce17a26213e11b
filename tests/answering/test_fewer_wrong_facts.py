"""Mechanisms that keep the bot from stating a fact that is not the one asked (issue 15)."""

from __future__ import annotations

from bot.answering.answer import Answer
from bot.answering.answerer import Answerer
from bot.answering.context import Context
from bot.answering.rules.best_answer import paired
from bot.language.folding import tokens


def says_in(text: str, *phrases: str) -> bool:
    """Every phrase occurs in the text, word for word (folded)."""
    words = tokens(text)
    for phrase in phrases:
        needle = tokens(phrase)
        if not any(words[i : i + len(needle)] == needle for i in range(len(words))):
            return False
    return True


def says(answer: Answer, *phrases: str) -> bool:
    return says_in(answer.body, *phrases)


def chat(answerer: Answerer, *turns: str) -> list[Answer]:
    context: Context | None = None
    out = []
    for text in turns:
        answer, new = answerer.converse(text, context)
        context = new if new is not None else context
        out.append(answer)
    return out


# ---------------------------------------------------------------- figures printed as a pair


def test_pair_of_one_clause_is_found(answerer: Answerer) -> None:
    # "12 tập thể, 37 cá nhân được UBND huyện tặng giấy khen": one clause, one organisation
    individuals = answerer.kb.by_id["bd-khen-ubnd-huyen-ca-nhan"]
    assert [p.id for p in paired(answerer.kb, individuals)] == ["bd-khen-ubnd-huyen-tap-the"]
    # the province's award in the same quote is another organisation's: no pair
    province = answerer.kb.by_id["bd-khen-ubnd-tinh-ca-nhan"]
    assert paired(answerer.kb, province) == []


def test_count_naming_no_noun_gets_both_figures_of_the_pair(answerer: Answerer) -> None:
    answer = answerer.ask("giấy khen của UBND huyện Bù Đốp trao cho bao nhiêu?")
    assert answer.answered and says(answer, "12 tập thể") and says(answer, "37 cá nhân")


def test_count_naming_its_noun_gets_that_figure_only(answerer: Answerer) -> None:
    answer = answerer.ask("ở Bù Đốp UBND huyện tặng giấy khen cho mấy tập thể?")
    assert answer.answered and says(answer, "12") and not says(answer, "37")


def test_follow_up_for_the_other_half_of_a_pair_does_not_repeat_the_first(answerer: Answerer) -> None:
    first, second = chat(answerer, "dịp 20 năm thành lập huyện Bù Đốp khen mấy cá nhân", "thế tập thể thì sao")
    assert says(first, "09")
    assert says(second, "05") and not says(second, "09")


def test_figures_of_different_deeds_in_one_clause_are_no_pair(answerer: Answerer) -> None:
    # "thu được 2.5 tỷ ... chi 1.1 tỷ": what was collected is not what was spent
    for located in answerer.kb.entries:
        for other in paired(answerer.kb, located):
            mine = getattr(located.entry, "counts", "").split()
            theirs = getattr(other.entry, "counts", "").split()
            assert mine[-1] == theirs[-1], (located.id, other.id)
    answer = answerer.ask("phong trào tiết kiệm bản thân dành phần người khó ở Bù Đốp đã chi ra bao nhiêu")
    assert answer.answered and says(answer, "1.1 tỷ") and not says(answer, "2.5 tỷ")


# ---------------------------------------------------------------- comparatives


def test_comparative_with_words_between_compares_the_named_districts(answerer: Answerer) -> None:
    answer = answerer.ask("Bù Đốp với Lai Vung, huyện nào khen nhiều cá nhân cấp huyện hơn?")
    assert answer.answered
    assert {s.district for s in answer.sources} == {"Bù Đốp", "Lai Vung"}


def test_more_than_a_number_is_no_comparison(answerer: Answerer) -> None:
    q = answerer.snapshot.analyzer.analyze("Hội Nông dân Bù Đốp giúp hơn 500 lượt hội viên vay vốn phải không")
    assert not q.comparing
    q = answerer.snapshot.analyzer.analyze("Đất Đỏ và Lai Vung bên nào có nhiều mô hình hơn")
    assert q.comparing


# ---------------------------------------------------------------- follow-ups asking when or who


def test_follow_up_asking_when_keeps_the_period(answerer: Answerer) -> None:
    *_, last = chat(
        answerer,
        "kể về nhà đại đoàn kết ở bù đốp",
        "sửa được mấy căn",
        "làm từ năm nào đến năm nào",
    )
    assert last.answered and says(last, "2022") and says(last, "7/2023")


# ---------------------------------------------------------------- a commune asked about


def test_a_communes_figure_is_not_answered_with_the_districts(answerer: Answerer) -> None:
    answer = answerer.ask("Xã An Khánh có mấy chi bộ trong sạch vững mạnh?")
    assert not answer.answered and answer.kind == "decline"
    assert "An Khánh" in answer.body and not says(answer, "66")


def test_a_district_question_is_not_held_to_a_commune(answerer: Answerer) -> None:
    answer = answerer.ask("Châu Thành có mấy chi bộ trong sạch vững mạnh?")
    assert answer.answered and says(answer, "66/47")


# ---------------------------------------------------------------- the unit named by the subject


def test_subject_before_la_bao_nhieu_names_the_unit(answerer: Answerer) -> None:
    q = answerer.snapshot.analyzer.analyze("tỷ lệ chi bộ đạt trong sạch vững mạnh là bao nhiêu")
    assert q.unit == "percent"
    q = answerer.snapshot.analyzer.analyze("năm 2022 số hộ được giúp là bao nhiêu")
    assert q.unit is None


def test_a_share_the_article_does_not_give_is_declined(answerer: Answerer) -> None:
    # Châu Thành's article gives no share of party members who studied: not its 50.000 đồng
    answer = answerer.ask("ở Châu Thành tỷ lệ đảng viên tham gia học tập là bao nhiêu")
    assert not answer.answered and not says(answer, "50.000")
    answer = answerer.ask("ở Bù Đốp tỷ lệ đảng viên tham gia học chuyên đề là bao nhiêu")
    assert answer.answered and says(answer, "98,4%")


# ---------------------------------------------------------------- staying in the conversation's district


def test_asking_back_in_the_district_beats_a_fair_answer_from_another(answerer: Answerer) -> None:
    from bot.answering.answer import not_answered
    from bot.answering.followup import choose

    asked_back = not_answered("clarify", "Mình chưa chắc đã hiểu đúng câu hỏi của bạn.", open_question=True)
    elsewhere = answerer.ask("Lai Vung huy động được bao nhiêu tiền xây cầu đường?")
    assert elsewhere.sources[0].district == "Lai Vung"
    fair = elsewhere.model_copy(update={"score": 0.5})
    assert choose(asked_back, fair, ("Đất Đỏ",)) is asked_back
    # the district the conversation is on, or an answer that clearly names what was asked, moves
    assert choose(asked_back, fair, ("Lai Vung",)) is fair
    strong = elsewhere.model_copy(update={"score": 0.9})
    assert choose(asked_back, strong, ("Đất Đỏ",)) is strong
    # a decline in the district still gives way to the district that has it
    declined = not_answered("decline", "Không có.")
    assert choose(declined, fair, ("Đất Đỏ",)) is fair
