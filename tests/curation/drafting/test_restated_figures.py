"""A page whose headline and photo captions restate the figures of its prose, whose anniversary
comes with its bracket of dates, and whose lists mix a movement told by its topic, the next
clause of the sentence, and a club named in quotes after its head word.

The page is invented for these tests (a real district, Tương Dương in Nghệ An; the people,
models and figures are made up); it mimics the quirks of real pages the drafter was measured on:
a site's menu line as long as the headline above the article, captions with no full stop, a
sentence giving the honoured again "lần này", a province's plan quoted with its target.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.curation.drafting.draft import Draft, draft_article, is_caption

PAGE = """Mới nhất Tin nóng Video Podcast Ảnh Tin ảnh

Tương Dương: Biểu dương 21 đoàn viên tiêu biểu

08:15, 25/03/2023

Chiều ngày 24/3, Huyện đoàn Tương Dương tổ chức gặp mặt kỷ niệm 92 năm ngày thành lập Đoàn TNCS Hồ Chí Minh \
(26/3/1931 - 26/3/2023) và biểu dương 21 gương đoàn viên tiêu biểu trong học tập và làm theo lời Bác.

Trao giấy khen cho 21 đoàn viên tiêu biểu của huyện Tương Dương

Thời gian qua, các cơ sở Đoàn trong huyện đã phát động, triển khai phong trào thi đua gắn với học và làm theo \
gương Bác, duy trì nhiều cách làm hay, mô hình hiệu quả như: Mô hình “Ngôi nhà xanh”, “Thùng rác nghĩa tình”, \
Câu lạc bộ “Thanh niên khởi nghiệp Tương Dương”.

Thực hiện Kế hoạch số 12-KH/TĐTN của Tỉnh đoàn về xây dựng mô hình “Thanh niên tình nguyện” tại 30 xã điểm \
trên địa bàn tỉnh Nghệ An, Huyện đoàn đã xây dựng 7 đội thanh niên tình nguyện ở các xã vùng cao.

21 đoàn viên được biểu dương lần này là những hạt nhân tiêu biểu của tuổi trẻ Tương Dương.

Giao lưu với các thế hệ cán bộ Đoàn của huyện
Giao lưu với các thế hệ cán bộ Đoàn của huyện

Buổi gặp mặt cũng đã diễn ra nhiều hoạt động văn nghệ.
"""


@pytest.fixture(scope="module")
def drafted() -> Draft:
    return draft_article(PAGE, "tuong-duong.txt")


def _of(draft: Draft, kind: str) -> list[dict[str, Any]]:
    return [e for e in draft.entries if e["kind"] == kind]


def test_the_headline_is_the_line_nearest_the_prose_not_the_menu(drafted: Draft) -> None:
    assert drafted.meta.title == "Tương Dương: Biểu dương 21 đoàn viên tiêu biểu"


def test_a_caption_and_a_restating_sentence_give_no_second_figure(drafted: Draft) -> None:
    # the 21 honoured are drafted once, from the prose that tells them; the caption and the
    # sentence giving them again "lần này" are no figures of their own
    twenty_one = [e for e in _of(drafted, "figure") if e["value"].startswith("21")]
    assert [e["value"] for e in twenty_one] == ["21 gương đoàn viên"]
    assert "Chiều ngày 24/3" in twenty_one[0]["quote"]


def test_a_figure_of_the_province_s_plan_is_not_the_district_s(drafted: Draft) -> None:
    values = [e["value"] for e in _of(drafted, "figure")]
    assert "30 xã" not in values
    assert "7 đội" in values  # the district's own result in the same sentence stays


def test_the_gathering_held_for_an_anniversary_with_the_day_it_was_held(drafted: Draft) -> None:
    events = _of(drafted, "event")
    assert [(e["name"], e.get("date")) for e in events] == [
        ("gặp mặt kỷ niệm 92 năm ngày thành lập Đoàn TNCS Hồ Chí Minh", "Chiều ngày 24/3")
    ]  # not the anniversary's bracket of dates, and not the caption "Giao lưu với …"


def test_the_topic_and_the_next_clause_are_no_movement_and_a_club_keeps_its_name(drafted: Draft) -> None:
    names = [e["name"] for e in _of(drafted, "model")]
    assert "Ngôi nhà xanh" in names and "Thùng rác nghĩa tình" in names
    assert "Câu lạc bộ “Thanh niên khởi nghiệp Tương Dương”" in names
    assert "Câu lạc bộ" not in names
    assert not [n for n in names if "làm theo" in n or "cách làm hay" in n]
    club = next(e for e in _of(drafted, "model") if e["name"].startswith("Câu lạc bộ"))
    assert club["title"].startswith("Câu lạc bộ “Thanh niên khởi nghiệp Tương Dương”")


def test_what_a_caption_is() -> None:
    assert is_caption("Trao giấy khen cho 21 đoàn viên tiêu biểu của huyện Tương Dương")
    assert not is_caption("21 đoàn viên được biểu dương lần này là những hạt nhân tiêu biểu.")
    assert not is_caption(" ".join(["Huyện đoàn đã xây dựng nhiều mô hình"] * 4))  # long: prose cut by the copy


def test_a_figure_compared_with_another_says_with_what() -> None:
    from bot.curation.drafting.figures import find_figures

    found = find_figures("Tỷ lệ hội viên tham gia sinh hoạt đạt 91,2% (tăng 2,4% so với đầu nhiệm kỳ).")
    assert [(f.value, f.counts) for f in found] == [
        ("91,2%", "tỷ lệ hội viên tham gia sinh hoạt"),
        ("2,4%", "tăng so với đầu nhiệm kỳ"),
    ]
    found = find_figures("Quỹ hội đạt 6 tỷ đồng (vượt 1 tỷ đồng).")
    assert [(f.value, f.counts) for f in found] == [("6 tỷ đồng", "quỹ hội"), ("1 tỷ đồng", "vượt quỹ hội")]


def test_a_holiday_s_day_and_month_is_no_figure() -> None:
    from bot.curation.drafting.figures import find_figures

    found = find_figures("Nhân dịp Quốc khánh 2/9 và 80 năm Cách mạng tháng Tám, Hội tặng 25 suất quà.")
    assert [f.value for f in found] == ["25 suất quà"]
    assert [f.value for f in find_figures("Có 12/12 chi hội tham gia.")] == ["12/12 chi hội"]


def test_the_emulation_the_report_is_about_and_who_launched_one_are_no_names() -> None:
    from bot.curation.drafting.models import find_models

    def names(text: str) -> list[str]:
        return [m.name for m in find_models(text)]

    assert names("Các chi hội đẩy mạnh phong trào thi đua yêu nước gắn với học tập và làm theo Bác, giúp 12 hộ.") == []
    assert names("Hội viên hưởng ứng các phong trào thi đua do Đảng, Nhà nước phát động.") == []
    assert names("Nhân dân tham gia phong trào toàn dân bảo vệ an ninh Tổ quốc, giữ vững bình yên thôn xóm.") == [
        "toàn dân bảo vệ an ninh Tổ quốc"
    ]


def test_a_short_line_opening_a_list_is_no_caption() -> None:
    assert not is_caption("Trong năm, toàn huyện có 120 mô hình, cụ thể:")
    assert not is_caption("- 100% chi bộ đăng ký nội dung làm theo Bác;")


def test_two_figures_told_again_side_by_side_are_drafted_once() -> None:
    page = (
        "Huyện ủy Quế Phong sơ kết 2 năm thực hiện Kết luận 01-KL/TW\n\n"
        "Sáng 16/5, Huyện ủy Quế Phong tổ chức hội nghị sơ kết 2 năm thực hiện Kết luận 01-KL/TW và biểu "
        "dương 17 tập thể, 23 cá nhân tiêu biểu trong học tập và làm theo Bác.\n\n"
        "Toàn huyện có 64 mô hình học tập và làm theo Bác được nhân rộng ở các xã, thị trấn.\n\n"
        "Dịp này, Ban Thường vụ Huyện ủy khen thưởng 17 tập thể, 23 cá nhân có thành tích xuất sắc.\n"
    )
    values = [e["value"] for e in draft_article(page, "que-phong.txt").entries if e["kind"] == "figure"]
    assert values == ["17 tập thể", "23 cá nhân", "64 mô hình"]


def test_a_lower_case_club_with_its_quoted_name_and_a_national_day_s_occasion() -> None:
    from bot.curation.drafting.events import find_events
    from bot.curation.drafting.models import find_models

    names = [
        m.name for m in find_models("Nổi bật là các mô hình: “Góp gạo nghĩa tình”, câu lạc bộ “Phụ nữ với sức khỏe”.")
    ]
    assert names == ["Góp gạo nghĩa tình", "câu lạc bộ “Phụ nữ với sức khỏe”"]
    # the national union's day the district's union met on is its occasion, not an event of the district
    said = "Dịp kỷ niệm 94 năm Ngày thành lập Hội LHPN Việt Nam (20/10/1930 - 20/10/2024), Hội gặp mặt 40 hội viên."
    assert find_events(said) == []
    held = "Sáng 14/10, Hội LHTN huyện tổ chức kỷ niệm chào mừng 68 năm ngày truyền thống Hội LHTN Việt Nam."
    assert [e.name for e in find_events(held)] == ["chào mừng 68 năm ngày truyền thống Hội LHTN Việt Nam"]


def test_an_unquoted_name_after_thi_dua_with_its_own_number_and_a_national_movement_whole() -> None:
    from bot.curation.drafting.models import find_models

    def names(text: str) -> list[str]:
        return [m.name for m in find_models(text)]

    assert names("Các xã đẩy mạnh phong trào thi đua Cả nước chung tay vì người nghèo, giúp 14 hộ.") == [
        "Cả nước chung tay vì người nghèo"
    ]
    assert names("Các chi bộ nhân rộng mô hình Chi bộ 4 tốt, giúp 9 khu dân cư đạt chuẩn.") == ["Chi bộ 4 tốt"]
    assert names("Hội Nông dân huyện với phong trào nông dân sản xuất, kinh doanh giỏi.") == [
        "nông dân sản xuất, kinh doanh giỏi"
    ]


def test_a_ceremony_held_on_the_nation_s_anniversary_is_the_event() -> None:
    from bot.curation.drafting.events import find_events

    said = (
        "Sáng 16/5, huyện Hương Sơn tổ chức Lễ báo công dâng Bác nhân kỷ niệm 134 năm Ngày sinh Chủ tịch "
        "Hồ Chí Minh (19/5/1890 - 19/5/2024)."
    )
    assert [(e.name, e.date) for e in find_events(said)] == [
        ("Lễ báo công dâng Bác nhân kỷ niệm 134 năm Ngày sinh Chủ tịch Hồ Chí Minh", None)
    ]  # the builder dates it "Sáng 16/5", the day it was held
