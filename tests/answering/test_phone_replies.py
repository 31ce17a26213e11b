"""Replies that fit a phone: one sentence for the figures of one passage, the clause that holds
the figure as the quote (the whole passage one word or button away), curators' notes only where
they bear on a figure shown, the source as newspaper and date, places named mid-sentence."""

from __future__ import annotations

from bot.answering import answer_texts
from bot.answering.answer import Source, fact_answer, note_matters
from bot.answering.answerer import Answerer
from bot.answering.quoting import short_quote
from bot.answering.rules.best_answer import _asked_back
from bot.answering.search import Hit
from bot.answering.tuning import SUGGEST_MIN
from bot.channels import plain
from bot.channels.collecting import CollectingDoor
from bot.chat.core import Dialogue

LONG = (
    "Ủy ban Mặt trận tổ quốc huyện đã vận động “Quỹ vì người nghèo”, xây dựng và sửa chữa nhà “Đại đoàn kết” "
    "cho người nghèo khó khăn về nhà ở từ năm 2022 đến 7/2023: Xây dựng 176 căn nhà cho hộ nghèo khó khăn về "
    "nhà ở, sữa chữa 39 căn cho các hộ có nhà ở xuống cấp, dột nát."
)


def test_a_short_quote_is_the_clause_that_holds_the_figure() -> None:
    quote = short_quote(LONG, ["39"])
    assert "39 căn" in quote and "176" not in quote and quote.startswith("…")
    assert quote.strip("… ") in LONG  # still the article's words, in a row
    both = short_quote(LONG, ["176", "39"])
    assert "176" in both and "39" in both
    assert short_quote("Xây dựng 176 căn nhà.", ["176"]) == "Xây dựng 176 căn nhà."  # short already


def test_a_number_printed_twice_is_quoted_where_the_answer_took_it() -> None:
    # "05" is the years of the opening and the count of the award: the clause of the award
    quote = (
        "Qua 05 năm thực hiện chỉ thị, phong trào thi đua trong toàn huyện được đẩy mạnh, nhiều cách làm hay "
        "được nhân rộng ở các xã. Cấp huyện: năm 2022 huyện có 05 tập thể được UBND tỉnh tặng bằng khen, "
        "cấp xã có 12 cá nhân được khen."
    )
    told = "Năm 2022, huyện có 05 tập thể được UBND tỉnh tặng bằng khen."
    short = short_quote(quote, ["05"], None, told)
    assert "tặng bằng khen" in short and "Qua 05 năm" not in short
    assert short.strip("… ") in quote
    # with nothing told, the first clause printing it, as before
    assert short_quote(quote, ["05"]).startswith("Qua 05 năm")


def test_the_figures_of_one_passage_are_one_sentence(answerer: Answerer) -> None:
    kb = answerer.kb
    both = [kb.by_id["ct-khen-thuong-ca-nhan"], kb.by_id["ct-khen-thuong-tap-the"]]
    answer = fact_answer(both, 1.0)
    assert answer.body.count("\n") == 0 and "294" in answer.body and "63" in answer.body


def test_a_note_is_shown_only_where_it_bears_on_a_figure_shown() -> None:
    assert note_matters('Bài ghi "13.75 km" với dấu chấm thập phân; giữ nguyên như bài.', "dài 13.75 km")
    assert not note_matters("Câu này là chú thích ảnh trong bài; bài không nêu đơn vị tổ chức.", "có 176 căn nhà")


def test_the_whole_quote_is_one_word_away(answerer: Answerer) -> None:
    import asyncio

    async def talk() -> tuple[str, str]:
        door = CollectingDoor(Dialogue(answerer))
        first = await door.say("mặt trận bù đốp sửa chữa bao nhiêu căn nhà")
        assert first.whole_quote is not None  # the quote was cut
        whole = await door.say("xem trích dẫn")
        return plain.text(first), plain.text(whole)

    first, whole = asyncio.run(talk())
    assert answer_texts.WHOLE_QUOTE_HINT in first
    assert LONG in whole


def test_the_source_is_the_newspaper_and_date_never_a_file() -> None:
    source = Source(
        article_id="x",
        title="Tiêu đề",
        district="Anh Sơn",
        province="Nghệ An",
        date="2024-05-22",
        date_label="22/05/2024",
        publisher="Báo Nghệ An",
        url="https://baonghean.vn/bai-viet",
    )
    line = source.line()
    assert "Báo Nghệ An" in line and "22/05/2024" in line and "https://baonghean.vn/bai-viet" in line


def test_places_are_named_in_lower_case_mid_sentence(answerer: Answerer) -> None:
    reply = answerer.ask("huyện củ chi có bao nhiêu mô hình")
    assert "huyện Củ Chi" in reply.body and "Huyện Củ Chi" not in reply.body
    assert answer_texts.mid_sentence("Thành phố Hồ Chí Minh") == "thành phố Hồ Chí Minh"


def test_a_question_asked_back_with_nothing_to_offer_says_what_to_add(answerer: Answerer) -> None:
    doc = answerer.snapshot.index.docs[0]
    weak = Hit(doc, SUGGEST_MIN / 2)
    alone = _asked_back(weak, [weak])
    assert alone.kind == "clarify" and not alone.suggestions
    assert answer_texts.CLARIFY_WITHOUT_CHOICES in alone.text  # never a bare "not sure I understood"
    strong = Hit(doc, SUGGEST_MIN * 2)
    offered = _asked_back(strong, [strong])
    assert offered.suggestions and answer_texts.CLARIFY_WITHOUT_CHOICES not in offered.text
