"""Drafts a curator can trust on a page copied the way real pages come: no title, a date line
without its year, "Chỉ thị 05/CT-TW", straight and curly quotes mixed, a caption printed twice,
a view counter, an audio player's "0:00", a menu line, a commune's committee and unions as the
subjects, results listed between semicolons, and a copy that stops in the middle of a sentence.

The page is invented for these tests (a real district, Quỳ Hợp in Nghệ An; the commune, people,
models and figures are made up); it mimics the quirks of the real pages the drafter was measured on.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter

from bot.curation.drafting.draft import Draft, draft_article
from bot.curation.drafting.flags import flag_entries, reasons
from bot.knowledge.schema import Entry, Figure, Person

PAGE = """Trang chủ | Xây dựng Đảng | Học tập và làm theo Bác
0:00
1.204 lượt xem
Sáng 22/5, Đảng ủy xã Châu Quang tổ chức hội nghị sơ kết 3 năm thực hiện Kết luận 01-KL/TW và Chỉ thị 05/CT-TW \
của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.

Dự hội nghị có đồng chí Lô Văn Thắng – Phó Bí thư Huyện ủy, Chủ tịch UBND huyện Quỳ Hợp; đồng chí Vi Thị Hoa – \
Trưởng ban Tuyên giáo Huyện ủy.

Qua 3 năm, 100% chi, đảng bộ trong xã đã đăng ký nội dung làm theo Bác gắn với nhiệm vụ chuyên môn. Từ chương trình \
xây dựng nông thôn mới, Nhân dân đóng góp 2.140 ngày công lao động, hiến 3.600 m2 đất làm đường. Cũng trong dịp này \
Hội Nông dân xã Châu Quang tặng giấy khen cho 6 tập thể và 9 hội viên có thành tích trong phong trào nông dân \
học tập và làm theo gương Bác và trao 15 suất quà cho hộ nghèo trị giá 7,5 triệu đồng.

Các đại biểu tham quan mô hình trồng cam của xã. Ảnh: Thu Hà

Các đại biểu tham quan mô hình trồng cam của xã. Ảnh: Thu Hà

Đảng ủy xã kêu gọi cán bộ, đảng viên tích cực hưởng ứng phong trào học tập và làm theo tấm gương đạo đức Hồ Chí \
Minh trong thời gian tới.

Điển hình như: mô hình "Thắp sáng đường quê" được 86 bóng đèn, tổng kinh phí 54 triệu đồng; mô hình “Hũ gạo nghĩa \
tình” của Hội Liên hiệp Phụ nữ xã Châu Quang; mô hình “Câu lạc bộ dân vũ” của Hội Người cao tuổi; HTX Tân Lập với \
mô hình chế biến mật ong, HTX Châu Cường (xã Châu Cư
"""

_ENTRY: TypeAdapter[Any] = TypeAdapter(Entry)


@pytest.fixture(scope="module")
def drafted() -> Draft:
    return draft_article(PAGE, "quy-hop.txt")


def _figure(draft: Draft, value: str) -> dict[str, Any]:
    found = [e for e in draft.entries if e["kind"] == "figure" and e["value"] == value]
    assert len(found) == 1, (value, [e["value"] for e in draft.entries if e["kind"] == "figure"])
    return found[0]


def _model(draft: Draft, name: str) -> dict[str, Any]:
    found = [e for e in draft.entries if e["kind"] == "model" and e["name"] == name]
    assert len(found) == 1, (name, [e["name"] for e in draft.entries if e["kind"] == "model"])
    return found[0]


def test_a_unit_is_whole_and_no_sum_is_glued_to_it(drafted: Draft) -> None:
    assert _figure(drafted, "100%")["counts"].startswith("chi, đảng bộ")  # not "chi"
    assert _figure(drafted, "86 bóng đèn")["counts"] == "bóng đèn"  # not "86 bóng đèn, tổng"
    assert _figure(drafted, "2.140 ngày công")
    assert _figure(drafted, "3.600 m2")


def test_the_subject_after_an_opening_phrase_owns_its_figures(drafted: Draft) -> None:
    for value in ("6 tập thể", "9 hội viên", "15 suất quà", "7,5 triệu đồng"):
        assert _figure(drafted, value)["org"] == "Hội Nông dân xã Châu Quang", value
    assert _figure(drafted, "15 suất quà")["counts"].startswith("trao suất quà")  # not "… gương Bác và trao"


def test_a_commune_committee_is_the_page_s_own_body(drafted: Draft) -> None:
    assert _model(drafted, "Thắp sáng đường quê")["org"] == "Đảng ủy xã Châu Quang"


def test_no_date_time_or_document_number_is_a_figure(drafted: Draft) -> None:
    values = {e["value"] for e in drafted.entries if e["kind"] == "figure"}
    assert not values & {"22/5", "05", "01", "1.204 lượt xem", "0:00"}
    assert not [v for v in values if "/" in v and "%" not in v]


def test_the_whole_clauses_of_a_cut_sentence_are_drafted_and_its_cut_end_is_not(drafted: Draft) -> None:
    assert _figure(drafted, "54 triệu đồng")  # a clause before the cut is whole
    assert _model(drafted, "Hũ gạo nghĩa tình")["org"] == "Hội Liên hiệp Phụ nữ xã Châu Quang"
    assert _model(drafted, "Câu lạc bộ dân vũ")["org"] == "Hội Người cao tuổi"
    honey = _model(drafted, "chế biến mật ong")
    assert honey["org"] == "HTX Tân Lập" and "HTX Tân Lập có mô hình" in honey["answer"]
    assert not [e for e in drafted.entries if "Châu Cư" in e["answer"].replace("Châu Cường", "")]


def test_the_topic_and_the_state_s_programme_are_no_models(drafted: Draft) -> None:
    names = {e["name"].lower() for e in drafted.entries if e["kind"] == "model"}
    assert not [n for n in names if "nông thôn mới" in n or "làm theo" in n], names


def test_people_keep_every_post(drafted: Draft) -> None:
    people = {e["name"]: e for e in drafted.entries if e["kind"] == "person"}
    assert people["Lô Văn Thắng"]["role"] == "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện Quỳ Hợp"
    assert people["Vi Thị Hoa"]["answer"].startswith("Dự hội nghị có đồng chí Lô Văn Thắng")


def test_one_event_and_every_answer_a_whole_sentence_unflagged(drafted: Draft) -> None:
    assert len([e for e in drafted.entries if e["kind"] == "event"]) == 1
    assert not drafted.dropped
    for entry in drafted.entries:
        answer = entry["answer"]
        assert answer[:1].isupper() and answer.rstrip('”"').endswith((".", "…")), answer
    models = [_ENTRY.validate_python(e) for e in drafted.entries]
    assert flag_entries(models, drafted.text) == {}


def test_a_glued_caption_and_a_post_with_a_number_are_flagged() -> None:
    glued = _ENTRY.validate_python(
        {
            "id": "x-so-ket",
            "kind": "figure",
            "draft": True,
            "title": "Sơ kết",
            "org": "Đảng ủy xã Châu Quang",
            "value": "2 năm",
            "counts": "thời gian",
            "answer": "Quang cảnh hội nghị sơ kết 2 năm của Đảng ủy xãTại hội nghị, đại biểu đã nghe báo cáo.",
            "quote": "Quang cảnh hội nghị sơ kết 2 năm của Đảng ủy xãTại hội nghị, đại biểu đã nghe báo cáo",
        }
    )
    assert isinstance(glued, Figure)
    assert any("dính liền" in r for r in reasons(glued, glued.quote))
    person = _ENTRY.validate_python(
        {
            "id": "x-ng-a",
            "kind": "person",
            "draft": True,
            "title": "Bí thư A",
            "name": "Lô Văn A",
            "role": "Bí thư Huyện ủy và 181 đại biểu",
            "answer": "Dự có đồng chí Lô Văn A, Bí thư Huyện ủy và 181 đại biểu.",
            "quote": "Dự có đồng chí Lô Văn A, Bí thư Huyện ủy và 181 đại biểu",
        }
    )
    assert isinstance(person, Person)
    assert any("chức vụ" in r for r in reasons(person, person.quote))


def test_a_post_ends_where_the_next_person_or_the_verb_begins() -> None:
    from bot.curation.drafting.people import find_people

    text = (
        "Đồng chí Lò Văn Tám - TUV, Bí thư Huyện ủy, đồng chí Vi Văn Sáu - Phó Bí thư Thường trực Huyện ủy và "
        "đồng chí Lô Thị Năm – Phó Bí thư Huyện uỷ, Chủ tịch UBND huyện đồng chủ trì hội nghị."
    )
    roles = {p.name: p.role for p in find_people(text)}
    assert roles == {
        "Lò Văn Tám": "TUV, Bí thư Huyện ủy",
        "Vi Văn Sáu": "Phó Bí thư Thường trực Huyện ủy",
        "Lô Thị Năm": "Phó Bí thư Huyện uỷ, Chủ tịch UBND huyện",
    }
