"""Drafts of sentences that describe kinds of work rather than name models, lists opened by
"như:", anniversaries a gathering greets, owners printed after a name, a directive's issuer
before the movements it is tied to, a multiplier in a number, a forecast, and a last line cut
after a comma.

The page is invented for these tests (a real district, Tam Nông in Phú Thọ; the communes,
people, models and figures are made up); it mimics the quirks of real pages the drafter missed.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter

from bot.curation.drafting.draft import Draft, draft_article
from bot.curation.drafting.flags import flag_entries
from bot.knowledge.schema import Entry

PAGE = """Tam Nông: Hội Nông dân huyện biểu dương nông dân làm theo Bác

Sáng 12/6, Hội Nông dân huyện Tam Nông tổ chức buổi gặp mặt các hội viên điển hình trong học tập và làm \
theo tấm gương đạo đức Hồ Chí Minh.

Trong thời gian qua, Hội Nông dân huyện phối hợp mở 45 lớp tập huấn cho 3.200 lượt hội viên; thường xuyên \
chỉ đạo các hội cơ sở phát triển những mô hình chăn nuôi tập trung, liên kết tiêu thụ nông sản, nhân rộng \
những cách làm hiệu quả, nhằm giúp hội viên tăng thu nhập, ổn định cuộc sống; phát huy các mô hình kinh tế \
hộ gia đình ngày càng hiệu quả.

Các cấp hội đã vận động hội viên tham gia các phong trào, cuộc vận động như: “Nông dân tham gia bảo đảm \
quốc phòng, an ninh”, “Ngày vì người nghèo”, “Hũ gạo tình thương” để giúp đỡ hội viên nghèo, khó khăn.

Hội Nông dân xã Hương Nộn quán triệt Chỉ thị số 05-CT/TW của Bộ Chính trị gắn với thực hiện phong trào \
“Nông dân văn minh”, “Ruộng đồng sạch” tại 9/9 chi hội.

Điển hình như: mô hình VAC ông Đinh Văn Hòa ở xã Dị Nậu; trang trại gà của bà Hà Thị Lan ở xã Thọ Văn.

Huyện Tam Nông là đơn vị được Ban Chỉ đạo Cuộc vận động “Học tập và làm theo tấm gương đạo đức Hồ Chí Minh” \
tỉnh chọn làm điểm. Các cấp hội duy trì phong trào nông dân thi đua sản xuất, kinh doanh giỏi, thu hút trên \
18 ngàn lượt hội viên tham gia. Đây là hoạt động có ý nghĩa chào mừng kỷ niệm 78 năm Cách mạng Tháng Tám \
và Quốc khánh 2/9, kỷ niệm 54 năm thực hiện Di chúc của Bác. Được biết sẽ có 150 đại biểu tham dự buổi gặp \
mặt này.

Phụ nữ xã Dị Nậu tham gia nông dân Đinh Thị Mến làm kinh tế giỏi.

Đồng chí Hà Văn Khải,
"""

_ENTRY: TypeAdapter[Any] = TypeAdapter(Entry)


@pytest.fixture(scope="module")
def drafted() -> Draft:
    return draft_article(PAGE, "tam-nong.txt")


def _of(draft: Draft, kind: str) -> list[dict[str, Any]]:
    return [e for e in draft.entries if e["kind"] == kind]


def _names(draft: Draft) -> set[str]:
    return {e["name"] for e in _of(draft, "model")}


def test_kinds_of_model_after_a_plural_with_no_nhu_are_no_names(drafted: Draft) -> None:
    names = {n.lower() for n in _names(drafted)}
    for junk in ("chăn nuôi tập trung", "liên kết tiêu thụ nông sản", "nhằm giúp hội viên tăng thu nhập"):
        assert not [n for n in names if junk in n], (junk, names)
    assert not [n for n in names if n.startswith(("kinh tế hộ", "ổn định", "nhân rộng"))], names


def test_quoted_names_after_nhu_colon_are_found_and_the_list_ends_after_them(drafted: Draft) -> None:
    names = _names(drafted)
    assert {"Nông dân tham gia bảo đảm quốc phòng, an ninh", "Ngày vì người nghèo", "Hũ gạo tình thương"} <= names
    assert "khó khăn" not in names


def test_a_directive_s_issuer_owns_no_movement(drafted: Draft) -> None:
    models = {e["name"]: e for e in _of(drafted, "model")}
    for name in ("Nông dân văn minh", "Ruộng đồng sạch"):
        assert models[name]["org"] == "Hội Nông dân xã Hương Nộn", models[name]["org"]


def test_an_owner_printed_after_a_name_is_not_part_of_it(drafted: Draft) -> None:
    names = _names(drafted)
    assert not [n for n in names if "Đinh Văn Hòa" in n or "Dị Nậu" in n], names
    vac = [e for e in _of(drafted, "model") if e["name"] == "VAC"]
    assert vac and vac[0]["org"] == "ông Đinh Văn Hòa"


def test_the_campaign_a_steering_committee_is_named_for_is_no_model(drafted: Draft) -> None:
    assert not [n for n in _names(drafted) if "tấm gương đạo đức" in n]


def test_a_national_movement_keeps_the_commas_of_its_name(drafted: Draft) -> None:
    assert "nông dân thi đua sản xuất, kinh doanh giỏi" in _names(drafted)


def test_the_nation_s_anniversaries_a_gathering_greets_are_no_events(drafted: Draft) -> None:
    names = " | ".join(e["name"] for e in _of(drafted, "event"))
    assert "Cách mạng Tháng Tám" not in names and "Di chúc" not in names, names


def test_a_multiplier_is_part_of_the_value(drafted: Draft) -> None:
    values = {e["value"]: e for e in _of(drafted, "figure")}
    assert "trên 18 ngàn lượt hội viên" in values, list(values)
    assert "ngàn" not in values["trên 18 ngàn lượt hội viên"]["counts"]


def test_a_forecast_is_flagged(drafted: Draft) -> None:
    flags = flag_entries([_ENTRY.validate_python(e) for e in drafted.entries], drafted.text)
    forecast = [e for e in _of(drafted, "figure") if e["value"] == "150 đại biểu"]
    assert forecast and any("dự kiến" in r for r in flags.get(forecast[0]["id"], [])), flags
    assert not flags.get(next(e["id"] for e in _of(drafted, "figure") if e["value"] == "45 lớp tập huấn"))


def test_an_honorific_inside_a_word_and_a_cut_last_line(drafted: Draft) -> None:
    people = {e["name"]: e for e in _of(drafted, "person")}
    assert people["Đinh Thị Mến"]["role"] == "nông dân"  # not "ông dân"
    assert "Hà Văn Khải" not in people  # "Đồng chí Hà Văn Khải,": the copy stops there
