"""A drafted sentence whose list names each item's level itself, and a sentence drafted as its
first figure asked about another: through the curator's path, drafted, accepted, asked.

The page is invented for these tests (its figures are made up; the district is a real one the
base does not hold, Phong Thổ, Lai Châu). Real pages showed both: «01 mô hình cấp tỉnh, 115 mô
hình cấp huyện và 130 mô hình cấp cơ sở» (the province's one answered with the communes'), and a
sentence of a directive's documents, classes and pilot cells said only as far as the documents
when the pilot cells were asked.
"""

from __future__ import annotations

import pytest

from bot.answering.answerer import Answerer
from bot.answering.fit import figure_levels
from bot.knowledge.schema import Located
from tests.answering.test_fewer_wrong_facts import says
from tests.curation.drafting.accepted_page import draft_and_accept, drafted_figure

PAGE = """Phong Thổ sơ kết 3 năm thực hiện Kết luận 01-KL/TW

Sáng 9/4/2024, Huyện ủy Phong Thổ, tỉnh Lai Châu tổ chức hội nghị sơ kết 3 năm thực hiện Kết luận \
01-KL/TW của Bộ Chính trị.

Sau 3 năm thực hiện Kết luận 01, huyện Phong Thổ có 02 mô hình cấp tỉnh, 37 mô hình cấp huyện và 90 \
mô hình cấp cơ sở.

Huyện ủy đã ban hành 8 văn bản lãnh đạo, chỉ đạo thực hiện Kết luận số 01-KL/TW; tổ chức 11 lớp học \
tập, quán triệt; đồng thời, chỉ đạo 23 tổ chức Đảng ở cơ sở thực hiện làm điểm.
"""


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return draft_and_accept(tmp_path_factory.mktemp("levels"), "phong-tho", PAGE, force=True)


def _entry(answerer: Answerer, value: str) -> Located:
    return drafted_figure(answerer, "phong-tho", value)


def test_an_item_naming_its_own_level_keeps_it(drafted: Answerer) -> None:
    assert figure_levels(_entry(drafted, "02 mô hình")) == frozenset({"province"})
    assert "province" not in (figure_levels(_entry(drafted, "90 mô hình")) or set())


def test_the_province_level_item_answers_alone(drafted: Answerer) -> None:
    answer = drafted.ask("Phong Thổ có mấy mô hình cấp tỉnh?")
    assert answer.answered and says(answer, "02 mô hình cấp tỉnh")
    assert not says(answer, "90") and not says(answer, "37")


def test_a_figure_asked_in_another_part_of_the_sentence_gets_the_whole_sentence(drafted: Answerer) -> None:
    # the pilot organisations are said only in the sentence drafted as its documents (or its classes):
    # the answer must hold them, not stop at the documents
    answer = drafted.ask("Phong Thổ chỉ đạo bao nhiêu tổ chức Đảng ở cơ sở làm điểm?")
    assert answer.answered and says(answer, "23 tổ chức Đảng")
