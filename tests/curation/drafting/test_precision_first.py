"""Precision first: a draft needs positive evidence, on a page the drafter was never tuned on.

The page is invented for these tests (an invented district, Thạch Bình; its communes, people,
models and figures are made up). It holds what blind pages showed to be drafted wrongly: a list
of communes after "mô hình là …", the report's topic quoted after "mô hình tiêu biểu trong",
kinds of model said in common words, a range of incomes, a total raised "lên", a unit of two
syllables at the end of a clause, one title before two names, "Tỉnh ủy viên", a post ended by
"chủ trì", and a heading with no full stop run into the sentence after it.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter

from bot.curation.drafting.draft import Draft, draft_article
from bot.curation.drafting.flags import flag_entries
from bot.knowledge.schema import Entry

PAGE = """Sơ kết 02 năm thực hiện Kết luận số 01-KL/TW của Bộ Chính trị

Sáng ngày 14/6/2023, Ban Thường vụ Huyện ủy Thạch Bình tổ chức hội nghị sơ kết 02 năm thực hiện Kết luận số \
01-KL/TW của Bộ Chính trị về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.

Đồng chí Lương Văn Khải, Tỉnh ủy viên, Bí thư Huyện ủy chủ trì hội nghị.

Hội Nông dân huyện đã lấy đó làm mô hình tiêu biểu trong “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ \
Chí Minh”. Điển hình trong thực hiện mô hình là Hội Nông dân các xã Pò Lùng, Nà Khoang, Bản Rìn, Khuổi Nộc.

Mô hình “Con đường hoa nông thôn mới” được nhân rộng tới 100% xã, thị trấn với 1.240 bồn chứa.

Phong trào phát triển kinh tế, giúp nhau từng bước xóa đói, giảm nghèo được đẩy mạnh. Hội viên chủ động sản \
xuất, xuất hiện nhiều mô hình hội viên CCB có thu nhập cao, đạt từ 60 đến trên 300 triệu đồng.

Năm 2023, huyện đã xây dựng mới 27 mô hình tập thể, nâng tổng số mô hình cấp huyện lên 318 mô hình.

Qua đó đã xuất hiện nhiều tấm gương như bà Hoàng Thị Lả, Nông Thị Vèn ở xã Pò Lùng đã hiến đất làm đường.
"""


@pytest.fixture(scope="module")
def page() -> Draft:
    return draft_article(PAGE, "thach-binh.txt")


def _kind(draft: Draft, kind: str) -> list[dict[str, Any]]:
    return [e for e in draft.entries if e["kind"] == kind]


def _flags(draft: Draft) -> dict[str, list[str]]:
    adapter: TypeAdapter[Entry] = TypeAdapter(Entry)
    return flag_entries([adapter.validate_python(e) for e in draft.entries], draft.text)


def test_only_quoted_or_otherwise_named_models_are_drafted(page: Draft) -> None:
    names = [e["name"] for e in _kind(page, "model")]
    assert names == ["Con đường hoa nông thôn mới"]


def test_a_range_is_no_figure_and_a_raised_total_counts_what_it_names(page: Draft) -> None:
    figures = {e["value"]: e["counts"] for e in _kind(page, "figure")}
    assert not [v for v in figures if "300" in v or "60" in v]
    assert figures["318 mô hình"] == "số mô hình cấp huyện"
    assert figures["27 mô hình"].startswith("huyện đã xây dựng mới mô hình tập thể")


def test_a_unit_that_the_clause_ends_on_is_whole(page: Draft) -> None:
    tanks = next(e for e in _kind(page, "figure") if e["value"].startswith("1.240"))
    assert tanks["value"] == "1.240 bồn chứa"
    assert tanks["counts"] == "bồn chứa"


def test_a_title_before_two_names_is_each_ones_and_a_post_holds_no_name(page: Draft) -> None:
    roles = {e["name"]: e["role"] for e in _kind(page, "person")}
    assert roles["Hoàng Thị Lả"] == "bà"
    assert roles["Nông Thị Vèn"].startswith("bà")
    assert "Hoàng" not in roles["Nông Thị Vèn"]


def test_tinh_uy_vien_is_a_title_and_chu_tri_a_verb(page: Draft) -> None:
    person = next(e for e in _kind(page, "person") if e["name"] == "Lương Văn Khải")
    assert person["role"].startswith("Tỉnh ủy viên, Bí thư Huyện ủy")
    assert not [e for e in page.entries if e.get("org") == "Tỉnh ủy"]
    assert person["id"] not in _flags(page)


def test_a_heading_run_into_the_next_sentence_is_flagged() -> None:
    from bot.curation.drafting.flags import reasons
    from bot.knowledge.schema import Event

    glued = "Ở huyện Thạch Bình, sơ kết 02 năm thực hiện Kết luận số 01-KL/TW khoá XIII Đồng chí A chủ trì hội nghị."
    event = Event(
        id="tb-sk", kind="event", draft=True, title="Sơ kết", name="Sơ kết", answer=glued, quote=glued, org="Huyện ủy"
    )
    assert any("tiêu đề dính" in r for r in reasons(event, glued))
    named = "Ông Nguyễn Văn Sáng đã hiến 200 m2 đất."
    event = event.model_copy(update={"answer": named, "quote": named})
    assert not any("tiêu đề dính" in r for r in reasons(event, named))
