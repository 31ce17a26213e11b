"""Drafts of two pages a curator may paste: a district union's own page (its results are the
union's, not the district's), with no title line, a ceremony told again later and a photo caption
naming it once more, a comma list of bodies each with its movement; and a Party committee's page
whose models are named without quotes in the ways the originals name them.

Both pages are invented for these tests (the district "Đông Lâm", its people, models and figures
are made up); they mimic the quirks of the real pages the drafter was measured on.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.curation.drafting.draft import Draft, draft_article

UNION_PAGE = """Sáng 18/5, tại Hội trường Trung tâm Chính trị huyện, Hội LHPN huyện Đông Lâm tổ chức lễ tuyên dương \
điển hình tiêu biểu học tập và làm theo Bác giai đoạn 2021 - 2024.

Các điển hình tiêu biểu tham gia giao lưu sáng nay 18/5. Ảnh: Minh An

Dịp này, Hội tổ chức giao lưu các điển hình tiêu biểu trong học tập và làm theo Bác của các cơ sở Hội.

Trong 3 năm, các cấp Hội vận động hội viên đóng góp 1.250 ngày công, xây dựng 12 căn nhà “Mái ấm tình thương” \
trị giá 480 triệu đồng. Toàn huyện có 35 chi hội đạt danh hiệu chi hội vững mạnh trong học tập và làm theo tư tưởng, \
đạo đức, phong cách Hồ Chí Minh năm 2023.

Tiêu biểu như: Hội Liên hiệp phụ nữ huyện đẩy mạnh phong trào “Ngôi nhà an toàn”, Hội Nông dân với phong trào \
“Ruộng đồng sạch”, Đảng bộ Quân sự huyện với phong trào “Tiết kiệm vì đồng đội”.

Tại buổi lễ tuyên dương, 14 tập thể, 27 cá nhân tiêu biểu đã được Ban Thường vụ Huyện ủy biểu dương.
"""

COMMITTEE_PAGE = """Huyện ủy Đông Lâm sơ kết 3 năm thực hiện Kết luận 01-KL/TW

Chiều 20/5, Huyện ủy Đông Lâm tổ chức hội nghị sơ kết 3 năm thực hiện Kết luận 01-KL/TW của Bộ Chính trị.

Ban Thường vụ Huyện ủy ban hành Kế hoạch số 45-KH/HU thực hiện Chủ đề 2022-2023 về “Nêu cao trách nhiệm nêu gương \
của người đứng đầu”.

Huyện Đoàn với Công trình thanh niên nhà Nhân ái, nhà Bình an, nhà Khăn quàng đỏ, “Chuyến xe yêu thương”. Năm 2023, \
Huyện Đoàn vận động chương trình áo ấm và sách cho em được 120 triệu đồng.

Hội Cựu chiến binh huyện có mô hình “Cựu chiến binh giữ gìn an ninh thôn xóm”, phòng chống tội phạm giai đoạn \
2019 - 2023, mô hình nuôi gà và tặng sổ tiết kiệm của Ban Liên lạc nữ Cựu chiến binh huyện.

Đài Truyền thanh huyện phát 24 chuyên mục gương sáng quê hương; Huyện Đoàn xây dựng 05 công trình nhà vệ sinh cho \
trường học.

Dịp này, huyện Đông Lâm đã biểu dương 21 tập thể, 30 cá nhân có thành tích xuất sắc trong thực hiện Chỉ thị 05 về \
“Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”. Số nội dung đăng ký của các cá nhân đạt \
trên 9.000 việc đối với từng chuyên đề hằng năm.

Cán bộ, đảng viên tích cực hưởng ứng phong trào học và làm theo gương Bác, đạt nhiều kết quả. Kết quả phong trào \
phụ nữ và hoạt động công tác hội đã góp phần xây dựng nông thôn mới.
"""


@pytest.fixture(scope="module")
def union() -> Draft:
    return draft_article(UNION_PAGE, "dong-lam-phu-nu.txt")


@pytest.fixture(scope="module")
def committee() -> Draft:
    return draft_article(COMMITTEE_PAGE, "dong-lam.txt")


def _kind(draft: Draft, kind: str) -> list[dict[str, Any]]:
    return [e for e in draft.entries if e["kind"] == kind]


def _figure(draft: Draft, value: str) -> dict[str, Any]:
    found = [e for e in _kind(draft, "figure") if e["value"] == value]
    assert len(found) == 1, (value, [e["value"] for e in _kind(draft, "figure")])
    return found[0]


def _model(draft: Draft, name: str) -> dict[str, Any]:
    found = [e for e in _kind(draft, "model") if e["name"] == name]
    assert len(found) == 1, (name, [e["name"] for e in _kind(draft, "model")])
    return found[0]


# ---------------------------------------------------------------- the union's page


def test_a_union_page_drafts_its_results_as_the_unions(union: Draft) -> None:
    # "các cấp Hội vận động …" names no body: the page is the district union's
    for value in ("1.250 ngày công", "12 căn nhà"):
        assert _figure(union, value)["org"] == "Hội LHPN huyện Đông Lâm"


def test_figures_listed_before_the_body_that_praised_them_get_that_body(union: Draft) -> None:
    # "14 tập thể, 27 cá nhân tiêu biểu đã được Ban Thường vụ Huyện ủy biểu dương": both of them
    assert _figure(union, "14 tập thể")["org"] == "Ban Thường vụ Huyện ủy"
    assert _figure(union, "27 cá nhân")["org"] == "Ban Thường vụ Huyện ủy"


def test_each_body_of_a_comma_list_owns_its_movement(union: Draft) -> None:
    assert _model(union, "Ngôi nhà an toàn")["org"] == "Hội Liên hiệp phụ nữ huyện"
    assert _model(union, "Ruộng đồng sạch")["org"] == "Hội Nông dân"
    assert _model(union, "Tiết kiệm vì đồng đội")["org"] == "Đảng bộ Quân sự huyện"


def test_a_ceremony_told_again_and_a_caption_make_no_second_event(union: Draft) -> None:
    names = [e["name"] for e in _kind(union, "event")]
    ceremonies = [n for n in names if "tuyên dương" in n]
    assert len(ceremonies) == 1, names
    assert "buổi lễ tuyên dương" not in " ".join(names)
    exchanges = [n for n in names if "giao lưu" in n]
    assert len(exchanges) == 1 and "18/5" not in exchanges[0], names  # not the caption's


def test_a_cut_description_does_not_end_inside_a_phrase(union: Draft) -> None:
    # "… vững mạnh trong học tập và làm theo tư tưởng, …": cut before "trong", not after "làm"
    assert _figure(union, "35 chi hội")["counts"] == "toàn huyện chi hội đạt danh hiệu chi hội vững mạnh"


def test_a_page_without_a_title_line_is_titled_by_its_leads_head(union: Draft) -> None:
    # without the day and the place that open the lead; a note asks the curator for the title
    assert union.meta.title == (
        "Hội LHPN huyện Đông Lâm tổ chức lễ tuyên dương điển hình tiêu biểu học tập và làm theo Bác "
        "giai đoạn 2021 - 2024"
    )
    assert any("TỰA ĐỀ" in note for note in union.meta.notes)
    assert union.meta.title in union.text


# ---------------------------------------------------------------- the committee's page


def test_the_works_after_the_youth_cue_are_named_without_it(committee: Draft) -> None:
    for name in ("nhà Nhân ái", "nhà Bình an", "nhà Khăn quàng đỏ"):
        model = _model(committee, name)
        assert model["category"] == "công trình" and model["org"] == "Huyện Đoàn"
    assert not [e for e in _kind(committee, "model") if e["name"].startswith("thanh niên")]


def test_a_short_unquoted_name_joined_by_va_and_reported_on_is_a_name(committee: Draft) -> None:
    assert _model(committee, "áo ấm và sách cho em")["category"] == "chương trình"
    # a longer phrase so joined, reported on, describes: "Kết quả phong trào phụ nữ và hoạt động …"
    assert not [e for e in _kind(committee, "model") if e["name"].startswith("phụ nữ và")]


def test_a_year_closing_a_clause_does_not_hide_the_next_model(committee: Draft) -> None:
    model = _model(committee, "nuôi gà và tặng sổ tiết kiệm")
    assert model["org"] == "Ban Liên lạc nữ Cựu chiến binh huyện"


def test_a_column_counted_by_its_issues_is_named(committee: Draft) -> None:
    assert _model(committee, "gương sáng quê hương")["category"] == "chuyên mục"


def test_counted_works_and_the_reports_topic_name_no_model(committee: Draft) -> None:
    names = [e["name"] for e in _kind(committee, "model")]
    assert not [n for n in names if "nhà vệ sinh" in n], names  # "05 công trình nhà vệ sinh": counted
    assert not [n for n in names if "làm theo gương Bác" in n], names  # the report's own topic


def test_a_theme_of_a_span_of_years_is_named_by_its_wording(committee: Draft) -> None:
    themes = [e for e in _kind(committee, "theme") if e.get("name")]
    assert [t["name"] for t in themes] == ["Nêu cao trách nhiệm nêu gương của người đứng đầu"]


def test_a_description_cut_before_a_documents_number_ends_before_its_phrase(committee: Draft) -> None:
    # "… xuất sắc trong thực hiện Chỉ thị | 05 về …": not "… trong thực hiện Chỉ thị"
    assert _figure(committee, "30 cá nhân")["counts"].endswith("có thành tích xuất sắc")
    assert _figure(committee, "21 tập thể")["counts"].endswith("có thành tích xuất sắc")


def test_doi_voi_ends_a_description_whole(committee: Draft) -> None:
    counts = _figure(committee, "trên 9.000 việc")["counts"]
    assert not counts.endswith(("đối", "với")), counts
