"""A drafted sentence printing several figures, through the curator's path: drafted, accepted,
asked. Each figure is answered at its own level and with its own value.

The page is invented for these tests (its figures, hall and village are made up; the district
is a real one the base does not hold, Mường Tè, Lai Châu). It holds what real pages showed to
be answered wrongly: the levels of two lists in one sentence, parted by «;», each named after
its list's last item; a total and its levels' parts («trong đó cấp tỉnh là …»); a cost beside
a length and a gift of cement in one sentence; a count opening with «toàn huyện».
"""

from __future__ import annotations

import pytest

from bot.answering.answerer import Answerer
from bot.answering.fit import figure_levels, head_words
from bot.answering.quoting import own_clauses
from bot.knowledge.schema import Located
from tests.answering.test_fewer_wrong_facts import says
from tests.curation.drafting.accepted_page import draft_and_accept, drafted_figure

PAGE = """Mường Tè: học tập và làm theo Bác thành việc làm hằng ngày

Ngày 14/3/2024, Huyện ủy Mường Tè, tỉnh Lai Châu tổ chức hội nghị sơ kết 3 năm thực hiện Kết luận \
01-KL/TW của Bộ Chính trị về tiếp tục thực hiện Chỉ thị 05-CT/TW.

Kết quả, có 3.600 lượt hộ đạt danh hiệu gia đình văn hóa, trong đó cấp tỉnh là 140 lượt hộ, cấp huyện \
820 lượt hộ, cấp cơ sở là 2.640 lượt hộ.

Nhà văn hóa bản Nậm Củm được xây dựng và hoàn thành sau 2 tháng, với sân bê tông dài 150m, tổng kinh \
phí trên 210 triệu đồng, trong đó Hội Phụ nữ huyện vận động 4 tấn xi măng (trị giá 6 triệu đồng).

Qua 3 năm, toàn huyện có 6 tập thể, 9 cá nhân được khen thưởng cấp tỉnh; 31 tập thể, 58 cá nhân được \
khen thưởng cấp huyện và nhiều tập thể, cá nhân được biểu dương ở cơ sở.

Cánh đồng quế liên kết ở bản Pa Vệ Sử có 45 hộ tham gia, diện tích 120 ha, thu nhập bình quân 80 triệu \
đồng mỗi hộ.
"""


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return draft_and_accept(tmp_path_factory.mktemp("several"), "muong-te", PAGE)


def _entry(answerer: Answerer, value: str) -> Located:
    return drafted_figure(answerer, "muong-te", value)


# ---------------------------------------------------------------- each list's own level


def test_a_list_takes_the_level_named_after_its_last_item_not_across_a_semicolon(drafted: Answerer) -> None:
    assert "province" in (figure_levels(_entry(drafted, "6 tập thể")) or set())
    assert "province" not in (figure_levels(_entry(drafted, "31 tập thể")) or set())
    answer = drafted.ask("Mường Tè có bao nhiêu tập thể được khen thưởng cấp tỉnh?")
    assert answer.answered and says(answer, "6 tập thể") and not says(answer, "31 tập thể")


def test_a_count_opening_with_the_whole_district_counts_what_follows(drafted: Answerer) -> None:
    # «toàn huyện tập thể được khen thưởng cấp tỉnh»: what it counts is «tập thể»
    index = drafted.snapshot.index
    assert head_words(index, "toàn huyện tập thể được khen thưởng cấp tỉnh")[0] == "tap"
    answer = drafted.ask("Mường Tè có bao nhiêu cá nhân được khen thưởng cấp tỉnh?")
    assert answer.answered and answer.entry_ids == (_entry(drafted, "9 cá nhân").id,)


def test_a_level_of_a_total_is_answered_by_the_part_of_that_level(drafted: Answerer) -> None:
    # the total matches the question best, but only the part printed with «cấp tỉnh» fits it
    answer = drafted.ask("Mường Tè có bao nhiêu lượt hộ đạt gia đình văn hóa cấp tỉnh")
    assert answer.answered and says(answer, "140 lượt hộ") and not says(answer, "3.600")


# ---------------------------------------------------------------- said as far as its own figure


def test_a_cost_is_said_without_the_length_and_the_gift_of_its_sentence(drafted: Answerer) -> None:
    answer = drafted.ask("nhà văn hóa bản Nậm Củm ở Mường Tè tổng kinh phí bao nhiêu")
    assert answer.answered and says(answer, "trên 210 triệu đồng")
    assert not says(answer, "150m") and not says(answer, "4 tấn")


def test_a_dimension_asked_of_a_figure_measuring_none_gets_the_whole_sentence(drafted: Answerer) -> None:
    # the field's first figure counts households: said alone, it would answer "how wide" with them
    answer = drafted.ask("cánh đồng quế liên kết Pa Vệ Sử Mường Tè rộng bao nhiêu")
    assert answer.answered and says(answer, "120 ha")
    assert not says(drafted.ask("cánh đồng quế liên kết Pa Vệ Sử Mường Tè diện tích bao nhiêu ha"), "45 hộ")


def test_a_question_picking_none_of_its_sentences_figures_gets_the_whole_sentence(drafted: Answerer) -> None:
    # two levels asked at once: the two parts match it alike, and the sentence gives both
    answer = drafted.ask("Mường Tè lượt hộ gia đình văn hóa cấp huyện với cấp cơ sở mỗi cấp bao nhiêu lượt")
    assert answer.answered and says(answer, "820 lượt hộ") and says(answer, "2.640 lượt hộ")


def test_a_sentence_is_cut_to_the_list_printing_the_value() -> None:
    sentence = (
        "Ở huyện Mường Tè, toàn huyện có 6 tập thể, 9 cá nhân được khen thưởng cấp tỉnh; 31 tập thể được biểu dương."
    )
    assert (
        own_clauses(sentence, "6 tập thể")
        == "Ở huyện Mường Tè, toàn huyện có 6 tập thể, 9 cá nhân được khen thưởng cấp tỉnh."
    )
    # a part opening «trong đó» is said without it and without the total before it
    total = "Ở huyện Mường Tè, có 3.600 lượt hộ văn hóa, trong đó cấp tỉnh là 140 lượt hộ, cấp huyện 820 lượt hộ."
    assert own_clauses(total, "140 lượt hộ") == "Ở huyện Mường Tè, cấp tỉnh là 140 lượt hộ."
    # a value printed with a comma is said whole; a number is not found inside another
    people = "Ở huyện Mường Tè, 2 năm qua, có 5.120 cán bộ, đảng viên học tập chuyên đề, đạt 96,5%."
    assert (
        own_clauses(people, "5.120 cán bộ, đảng viên")
        == "Ở huyện Mường Tè, có 5.120 cán bộ, đảng viên học tập chuyên đề."
    )
    models = "Toàn huyện có 113 mô hình, trong đó có 14 mô hình điển hình, 3 mô hình đề nghị tỉnh khen thưởng."
    assert own_clauses(models, "3 mô hình") == "3 mô hình đề nghị tỉnh khen thưởng."
