"""Each extractor on small hand-written sentences (not the fact base's wording)."""

from __future__ import annotations

from bot.curation.drafting.documents import find_documents
from bot.curation.drafting.events import find_events
from bot.curation.drafting.figures import find_figures
from bot.curation.drafting.metadata import extract, find_author, find_province
from bot.curation.drafting.models import find_models
from bot.curation.drafting.orgs import find_orgs, subject
from bot.curation.drafting.people import find_people
from bot.curation.drafting.periods import find_period
from bot.language.sentences import split_sentences


def values(text: str) -> list[str]:
    return [f.value for f in find_figures(text)]


# ------------------------------------------------------------ figures


def test_figures_keep_qualifier_unit_and_counted_noun_as_printed() -> None:
    text = "Năm 2022, Hội Cựu chiến binh đã vận động trên 1,5 tỷ đồng, xây 12 căn nhà tình nghĩa và tặng 300 phần quà."
    assert values(text) == ["trên 1,5 tỷ đồng", "12 căn nhà tình nghĩa", "300 phần quà"]  # units whole


def test_dates_years_codes_and_durations_are_not_figures() -> None:
    text = (
        "Thực hiện Kế hoạch số 15-KH/HU ngày 03/4/2021, trong 3 năm qua, giai đoạn 2021 - 2023 "
        "và đến tháng 6/2023, kỷ niệm 45 năm thành lập xã, Nghị quyết Trung ương 4 khóa XII, dịch Covid-19."
    )
    assert values(text) == []


def test_percentages_fractions_money_per_unit_and_compound_sums() -> None:
    assert values("Tỷ lệ hộ dùng nước sạch đạt 97,5%.") == ["97,5%"]
    assert values("Toàn huyện có 45/50 ấp đạt chuẩn văn hóa.") == ["45/50 ấp"]
    assert values("Mỗi hội viên góp 20.000 đồng/tháng.") == ["20.000 đồng/tháng"]
    assert values("Quỹ hiện có hơn 2 tỷ 300 triệu đồng.") == ["hơn 2 tỷ 300 triệu đồng"]
    assert values("Người dân đóng góp hơn 1.200 ngày công.") == ["hơn 1.200 ngày công"]


def test_numbers_inside_a_quoted_name_are_not_figures() -> None:
    assert values("Chi đoàn duy trì mô hình “Bữa sáng 0 đồng” cho học sinh.") == []


def test_counts_use_the_clause_words_and_a_list_shares_its_verb_and_tail() -> None:
    found = find_figures("Ủy ban nhân dân huyện đã khen thưởng 14 tập thể, 26 cá nhân điển hình.")
    assert [f.value for f in found] == ["14 tập thể", "26 cá nhân"]
    assert "khen thưởng" in found[1].counts and "điển hình" in found[0].counts


# ------------------------------------------------------------ models


def names(text: str) -> list[tuple[str, str, str | None]]:
    return [(m.name, m.category, m.org) for m in find_models(text)]


def test_quoted_names_after_a_cue_with_their_owner() -> None:
    text = (
        "Hội viên duy trì mô hình “Nồi cháo yêu thương”, “Tủ sách nhân ái” của Hội Phụ nữ; phong trào “Xanh sạch đẹp”."
    )
    assert names(text) == [
        ("Nồi cháo yêu thương", "mô hình", "Hội Phụ nữ"),
        ("Tủ sách nhân ái", "mô hình", "Hội Phụ nữ"),
        ("Xanh sạch đẹp", "phong trào", None),
    ]


def test_a_quote_without_a_cue_is_not_a_model() -> None:
    assert names("Cần ngăn chặn biểu hiện “tự diễn biến” trong cán bộ, được xếp loại “Hoàn thành tốt nhiệm vụ”.") == []


def test_unquoted_name_ends_at_the_first_break_or_reporting_verb() -> None:
    found = names("Hội Nông dân xã với mô hình nuôi gà thả vườn theo hướng an toàn, giúp 40 hộ thoát nghèo.")
    assert found == [("nuôi gà thả vườn theo hướng an toàn", "mô hình", None)]
    found = names("Đoàn xã thực hiện chương trình tiếp sức mùa thi được 12 triệu đồng.")
    assert found == [("tiếp sức mùa thi", "chương trình", None)]


def test_lower_case_words_after_a_cue_with_no_evidence_of_a_name_are_not_drafted() -> None:
    # what kind of model, said in common words: no quotes, no capital, no owner, no result of its own
    assert names("Xã đã nhân rộng mô hình nuôi gà thả vườn theo hướng an toàn, giúp 40 hộ thoát nghèo.") == []
    assert names("Đoàn xã thực hiện chương trình tiếp sức mùa thi được nhiều người ủng hộ.") == []
    assert names("Phong trào phát triển kinh tế, giúp nhau xóa đói, giảm nghèo được đẩy mạnh.") == []
    # a body's acronym is no capital of a name
    assert names("Xuất hiện nhiều mô hình hội viên CCB có thu nhập cao.") == []
    # a capital beyond the first word, a naming cue: a name
    assert names("Xã duy trì mô hình thắp sáng đường quê Ea Tam, được nhân dân ủng hộ.")[0][0] == (
        "thắp sáng đường quê Ea Tam"
    )
    assert names("Chi đoàn ra mắt mô hình mang tên ngôi nhà xanh, được 30 em tham gia.") == [
        ("ngôi nhà xanh", "mô hình", None)
    ]


def test_a_list_of_communes_or_bodies_after_a_cue_is_no_list_of_models() -> None:
    text = "Điển hình trong thực hiện mô hình là Hội Nông dân các xã Ea Tam, Cư Né, Krông Búk, Ea Sin."
    assert names(text) == []


def test_a_quoted_phrase_that_the_model_is_in_is_not_its_name() -> None:
    text = "Hội đã lấy đó làm mô hình tiêu biểu trong “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”."
    assert names(text) == []
    # "về" names a theme by its content
    assert "Ý chí tự lực, tự cường" in [
        n for n, _, _ in names("Các chi bộ học chuyên đề toàn khóa về “Ý chí tự lực, tự cường”.")
    ]


def test_items_after_nhu_are_models_and_generic_mentions_are_not() -> None:
    text = "Nổi bật có các mô hình như: Tổ vay vốn xoay vòng, Đội xung kích tình nguyện, mô hình vườn rau sạch,…"
    assert [n for n, _, _ in names(text)] == ["Tổ vay vốn xoay vòng", "Đội xung kích tình nguyện", "vườn rau sạch"]
    assert names("Nhiều mô hình hay, cách làm sáng tạo, các mô hình, điển hình tiên tiến được nhân rộng.") == []


def test_yearly_topic_is_named_with_its_year() -> None:
    found = names("Các chi bộ học tập Chuyên đề năm 2025 trong toàn Đảng bộ.")
    assert found == [("Chuyên đề năm 2025", "chuyên đề", None)]


# ------------------------------------------------------------ organisations, people, documents, events


def test_organisations_and_the_subject_after_a_leading_phrase() -> None:
    text = "Nhân dịp Tết, Ủy ban Mặt trận Tổ quốc huyện Hòa Lộc Tây phối hợp Hội Chữ thập đỏ tặng quà."
    assert [o.name for o in find_orgs(text, ("Hòa Lộc Tây",))] == [
        "Ủy ban Mặt trận Tổ quốc huyện Hòa Lộc Tây",
        "Hội Chữ thập đỏ",
    ]
    found = subject(text, ("Hòa Lộc Tây",))
    assert found is not None and found.name.startswith("Ủy ban Mặt trận")


def test_people_have_a_role_before_or_after_their_name() -> None:
    found = find_people("Phó Chủ tịch UBND huyện Lê Văn Tám cho biết, chị Trần Thị Mơ được tuyên dương.")
    assert (found[0].name, found[0].role) == ("Lê Văn Tám", "Phó Chủ tịch UBND huyện")
    assert found[1].name == "Trần Thị Mơ" and found[1].role.startswith("chị")
    after = find_people("Đồng chí Đinh Công Lý – Trưởng ban Dân vận Huyện ủy nhấn mạnh vai trò của cơ sở.")
    assert [(p.name, p.role) for p in after] == [("Đinh Công Lý", "Trưởng ban Dân vận Huyện ủy")]
    assert find_people("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.") == []


def test_documents_with_date_and_issuer() -> None:
    found = find_documents(
        "Thực hiện Nghị quyết số 12-NQ/HU ngày 05/6/2022 của Ban Thường vụ Huyện ủy và Chỉ thị số 05 về học tập."
    )
    assert [(d.name, d.date, d.issuer) for d in found] == [
        ("Nghị quyết số 12-NQ/HU", "05/6/2022", "Ban Thường vụ Huyện ủy"),
        ("Chỉ thị số 05", None, None),
    ]
    assert found[1].key == ("chỉ thị", "5") and not found[1].full


def test_events_with_their_dates() -> None:
    found = find_events("Huyện long trọng kỷ niệm 20 năm thành lập huyện (20/02/2003 - 20/02/2023), biểu dương 9 xã.")
    assert [(e.name, e.date) for e in found] == [("kỷ niệm 20 năm thành lập huyện", "20/02/2003 - 20/02/2023")]
    # the nation's anniversary a visit was made on is its occasion, not an event of the district
    assert (
        find_events("Nhân kỷ niệm 75 năm Ngày Thương binh - Liệt sĩ (27/7/1947 - 27/7/2022), xã tổ chức thăm hỏi.")
        == []
    )


def test_periods_and_sentences() -> None:
    match = find_period("Từ năm 2019 đến nay, hội đã giúp 30 hộ.")
    assert match is not None and match.group(0) == "Từ năm 2019 đến nay"
    parts = split_sentences("Ông M.X nói vậy. TP. Cần Thơ có 98,4% hộ đạt chuẩn; 12 xã về đích. Hết./.")
    assert [s.text for s in parts] == [
        "Ông M.X nói vậy.",
        "TP. Cần Thơ có 98,4% hộ đạt chuẩn; 12 xã về đích.",
        "Hết./.",
    ]
    assert [c.text for c in parts[1].clauses] == ["TP. Cần Thơ có 98,4% hộ đạt chuẩn", "12 xã về đích."]


# ------------------------------------------------------------ metadata


ARTICLE = """TIN HUYỆN

Huyện Cái Bè đẩy mạnh học tập và làm theo Bác trong năm 2023

Cập nhật: 12/03/2024 10:20

Năm qua, Ban Thường vụ Huyện ủy Cái Bè tập trung lãnh đạo việc học tập và làm theo Bác ở huyện Cái Bè.

Lê Hoàng
"""


def test_metadata_title_date_author_district_and_province_from_the_list() -> None:
    meta = extract(ARTICLE, "cai-be.txt")
    assert meta.title == "Huyện Cái Bè đẩy mạnh học tập và làm theo Bác trong năm 2023"
    assert str(meta.date) == "2024-03-12"
    assert meta.author == "Lê Hoàng"
    assert (meta.id, meta.district) == ("cai-be", "Cái Bè")
    # the text does not name the province; the district belongs to one province only
    assert (meta.province, meta.province_in_text) == ("Tiền Giang", False)
    assert any("Tiền Giang" in note and "kiểm tra" in note for note in meta.notes)


def test_province_named_by_the_text_or_left_to_fill() -> None:
    assert find_province("Châu Thành", "ở huyện Châu Thành (Bến Tre) năm qua") == ("Bến Tre", True, None)
    province, in_text, note = find_province("Châu Thành", "ở huyện Châu Thành năm qua")
    assert (province, in_text) == ("?", False) and note is not None and "CẦN ĐIỀN TỈNH" in note


def test_author_from_a_label_and_not_from_an_attribution() -> None:
    assert find_author(["Bài viết", "Tác giả bài viết: Ngọc Ánh"]) == "Ngọc Ánh"
    assert find_author(["Bài viết", "(Bí thư Huyện ủy Trần Văn Ba)"]) is None
