"""Flags on drafted entries that look wrong, on small hand-written entries (no real page's text)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.curation.drafting.flags import flag_entries, reasons
from bot.knowledge.schema import Event, Figure, Model, Person

ARTICLE = (
    "Năm 2023, Ban Thường vụ Huyện ủy ban hành 06 kế hoạch và 12 công văn chỉ đạo việc học tập và làm theo Bác. "
    "Hội Nông dân huyện xây dựng 37 căn nhà tình thương cho hội viên nghèo. "
    "Hội Phụ nữ huyện gắn việc học tập và làm theo Bác với phong trào “Hũ gạo tiết kiệm”, giúp 40 hội viên khó khăn. "
    "Huyện duy trì mô hình “Tổ hùn vốn mua bảo hiểm y tế” giúp 90 hộ nghèo."
)


def figure(value: str, quote: str, **fields: Any) -> Figure:
    data: dict[str, Any] = {
        "id": "tp-so-lieu",
        "kind": "figure",
        "draft": True,
        "title": f"Số liệu: {value} (Tân Phước)",
        "org": "Huyện Tân Phước",
        "value": value,
        "counts": "kết quả",
        "answer": f"Huyện Tân Phước đạt {value}.",
        "quote": quote,
    }
    return Figure(**(data | fields))


def model(name: str, quote: str, **fields: Any) -> Model:
    data: dict[str, Any] = {
        "id": "tp-mh-mo-hinh",
        "kind": "model",
        "draft": True,
        "title": f"Mô hình {name} (Tân Phước)",
        "org": "Hội Nông dân huyện",
        "name": name,
        "category": "mô hình",
        "answer": f"Huyện Tân Phước duy trì mô hình {name}.",
        "quote": quote,
    }
    return Model(**(data | fields))


def joined(found: list[str]) -> str:
    return " | ".join(found)


# ---------------------------------------------------------------- figures


@pytest.mark.parametrize(
    ("value", "quote", "what"),
    [
        ("22/5", "Ngày 22/5, huyện tổ chức hội nghị tổng kết.", "ngày tháng"),
        ("Sáng: 22/5", "Sáng: 22/5, huyện tổ chức hội nghị tổng kết.", "ngày tháng"),
        ("19/5/2021", "Ngày 19/5/2021, huyện tổ chức lễ kỷ niệm.", "ngày tháng"),
        ("10:40", "Đến 10:40, hội nghị bế mạc.", "giờ"),
        ("2016-2019", "Giai đoạn 2016-2019, huyện xây dựng nhiều nhà.", "khoảng năm"),
        ("2021", "Trong năm 2021, huyện xây dựng nhiều nhà.", "một năm"),
        ("năm 2021", "Trong năm 2021, huyện xây dựng nhiều nhà.", "một năm"),
    ],
)
def test_a_figure_whose_value_is_a_date_or_a_time_is_flagged(value: str, quote: str, what: str) -> None:
    found = reasons(figure(value, quote), quote)
    assert any(value in r and what in r for r in found), found


@pytest.mark.parametrize(
    ("value", "quote"),
    [
        ("2.401 đảng viên", "Có 2.401 đảng viên tham gia học tập chuyên đề."),
        ("98,4%", "Tỷ lệ đảng viên tham gia học tập đạt 98,4%."),
        ("37 căn nhà", "Hội Nông dân huyện xây dựng 37 căn nhà tình thương cho hội viên nghèo."),
        ("trên 52 tỷ đồng", "Huyện huy động trên 52 tỷ đồng làm đường."),
        ("4 năm", "Qua 4 năm thực hiện Chỉ thị, huyện đạt nhiều kết quả."),
    ],
)
def test_an_ordinary_figure_is_not_flagged(value: str, quote: str) -> None:
    assert reasons(figure(value, quote), quote) == []


@pytest.mark.parametrize(
    ("value", "longer"),
    [("06 kế", "06 kế hoạch"), ("12 công", "12 công văn")],
)
def test_a_unit_cut_to_one_syllable_is_flagged_with_what_the_quote_says(value: str, longer: str) -> None:
    quote = "Năm 2023, Ban Thường vụ Huyện ủy ban hành 06 kế hoạch và 12 công văn chỉ đạo việc học tập và làm theo Bác."
    found = joined(reasons(figure(value, quote), ARTICLE))
    assert "bị cắt" in found and f"«{longer}»" in found


def test_a_unit_at_the_end_of_the_quote_is_read_on_in_the_article() -> None:
    quote = "Năm 2023, Ban Thường vụ Huyện ủy ban hành 06 kế"  # the quote itself stops at the value
    article = quote + "hoạch chỉ đạo."
    assert "«06 kế hoạch»" not in joined(reasons(figure("06 kế", quote), article))  # "kếhoạch": no word follows
    assert "«06 kế hoạch»" in joined(reasons(figure("06 kế", quote), quote + " hoạch chỉ đạo."))


@pytest.mark.parametrize(
    ("value", "quote"),
    [
        ("37 căn", "Hội Nông dân huyện xây dựng 37 căn nhà tình thương."),  # a measure word before its noun
        ("250 thẻ", "Hội Cựu chiến binh huyện tặng 250 thẻ bảo hiểm y tế."),
        ("39 căn", "Huyện sửa chữa 39 căn cho các hộ khó khăn."),
        ("16 km", "Huyện thắp sáng 16 km đường quê."),
        ("40 hộ", "Hội giúp 40 hộ, trong đó có 12 hộ nghèo."),  # punctuation follows
    ],
)
def test_a_one_syllable_unit_that_stands_alone_is_not_flagged(value: str, quote: str) -> None:
    assert not any("bị cắt" in r for r in reasons(figure(value, quote), quote))


def test_a_unit_that_starts_a_longer_noun_is_flagged_even_when_it_is_a_measure_word() -> None:
    quote = "Huyện có 10 tổ chức cơ sở đảng đạt trong sạch, vững mạnh."
    assert "«10 tổ chức»" in joined(reasons(figure("10 tổ", quote), quote))


# ---------------------------------------------------------------- models


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("3 sạch”", "không cân"),
        ("“5 không", "không cân"),
        ("“”Hũ gạo tiết kiệm", "lặp"),
        ('Ngôi nhà "xanh', "không cân"),
    ],
)
def test_a_model_name_with_stray_quote_marks_is_flagged(name: str, why: str) -> None:
    quote = f"Hội Nông dân huyện duy trì mô hình {name} ở các xã."
    found = joined(reasons(model(name, quote), quote))
    assert "dấu ngoặc kép" in found and why in found


def test_a_name_with_balanced_quotes_inside_is_not_flagged() -> None:
    name = "Thi đua “Dân vận khéo”"
    quote = f"Hội Nông dân huyện phát động phong trào {name} trong hội viên."
    assert not any("ngoặc" in r for r in reasons(model(name, quote), quote))


@pytest.mark.parametrize(
    ("name", "org"),
    [
        ("Hội Nông dân huyện", "Hội Nông dân huyện"),  # the org itself
        ("Hội Cựu chiến binh", "Huyện Tân Phước"),  # an organisation's name
        ("Ủy ban Mặt trận Tổ quốc huyện", "Huyện Tân Phước"),
        ("Huyện ủy", "Huyện Tân Phước"),
        ("Đoàn Thanh niên xã", "Huyện Tân Phước"),
    ],
)
def test_a_movement_named_after_an_organisation_is_flagged(name: str, org: str) -> None:
    quote = f"Phong trào {name} được đông đảo người dân hưởng ứng."
    found = joined(reasons(model(name, quote, org=org, category="phong trào"), quote))
    assert f"tên «{name}»" in found and ("tổ chức" in found)


def test_a_name_that_is_the_sentence_subject_is_flagged() -> None:
    quote = "Đồng thời, Hội Liên hiệp Phụ nữ huyện vận động hội viên tiết kiệm."
    named = model("Hội Liên hiệp Phụ nữ huyện", quote, org="Huyện Tân Phước")
    assert any("tên «Hội Liên hiệp Phụ nữ huyện»" in r for r in reasons(named, quote))
    plain = model("Tiết kiệm vì người nghèo", quote, org="Hội Liên hiệp Phụ nữ huyện")
    assert reasons(plain, quote) == []


def test_an_event_named_with_hoi_is_no_organisation() -> None:
    quote = "Huyện tổ chức Hội thi kể chuyện về Bác cho đoàn viên, thanh niên."
    entry = model("Hội thi kể chuyện về Bác", quote, org="Huyện Tân Phước", category="hoạt động")
    assert not any("tổ chức" in r for r in reasons(entry, quote))


def test_a_generic_org_where_the_quote_names_a_specific_one_is_flagged() -> None:
    quote = (
        "Hội Phụ nữ huyện gắn việc học tập và làm theo Bác với phong trào “Hũ gạo tiết kiệm”, giúp 40 hội viên "
        "khó khăn."
    )
    entry = model("Hũ gạo tiết kiệm", quote, org="Huyện Tân Phước", category="phong trào")
    found = joined(reasons(entry, ARTICLE))
    assert "chung chung" in found and "«Hội Phụ nữ huyện»" in found
    right = model("Hũ gạo tiết kiệm", quote, org="Hội Phụ nữ huyện", category="phong trào")
    assert not any("chung chung" in r for r in reasons(right, ARTICLE))


def test_a_leading_body_or_an_earlier_sentence_is_not_taken_for_the_runner() -> None:
    directing = "Ban Thường vụ Huyện ủy chỉ đạo nhân rộng mô hình “Nuôi bò vỗ béo” ở các xã."
    entry = model("Nuôi bò vỗ béo", directing, org="Huyện Tân Phước")
    assert not any("chung chung" in r for r in reasons(entry, directing))
    earlier = "Hội Nông dân huyện họp tổng kết. Năm qua, các xã nhân rộng mô hình “Nuôi cá lồng bè”."
    entry = model("Nuôi cá lồng bè", earlier, org="Huyện Tân Phước")
    assert not any("chung chung" in r for r in reasons(entry, earlier))


def test_a_name_cut_inside_its_quoted_phrase_is_flagged() -> None:
    quote = "Huyện duy trì mô hình “Tổ hùn vốn mua bảo hiểm y tế” giúp 90 hộ nghèo."
    found = joined(reasons(model("Tổ hùn vốn", quote), ARTICLE))
    assert "bị cắt" in found and "“Tổ hùn vốn mua bảo hiểm y tế”" in found
    assert not any("bị cắt" in r for r in reasons(model("Tổ hùn vốn mua bảo hiểm y tế", quote), ARTICLE))


# ---------------------------------------------------------------- answers


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        ("và tặng 20 suất học bổng cho học sinh nghèo.", "chữ thường"),
        ("Hội Nông dân huyện xây dựng 37 căn nhà tình thương", "dấu chấm"),
        ("Nhà tình thương của Hội Nông dân huyện cho hội viên nghèo.", "động từ"),
    ],
)
def test_an_answer_that_is_a_fragment_is_flagged(answer: str, why: str) -> None:
    quote = "Hội Nông dân huyện xây dựng 37 căn nhà tình thương cho hội viên nghèo."
    entry = figure("37 căn", quote, answer=answer)
    assert why in joined(reasons(entry, quote))


@pytest.mark.parametrize(
    "answer",
    [
        "Năm 2023, Hội Nông dân huyện Tân Phước đã xây dựng 37 căn nhà tình thương cho hội viên nghèo.",
        "Hội Nông dân huyện Tân Phước xây dựng 37 căn nhà “tình thương”.",  # the stop inside closing quotes
        "“Hội Nông dân huyện xây dựng 37 căn nhà tình thương…”",
    ],
)
def test_a_whole_sentence_is_no_fragment(answer: str) -> None:
    quote = "Hội Nông dân huyện xây dựng 37 căn nhà tình thương cho hội viên nghèo."
    assert reasons(figure("37 căn", quote, answer=answer), quote) == []


# ---------------------------------------------------------------- duplicates


def test_a_second_draft_with_the_same_figure_is_flagged_the_first_is_not() -> None:
    quote = "Hội Nông dân huyện xây dựng 37 căn nhà tình thương cho hội viên nghèo."
    first = figure("37 căn", quote, id="tp-nha-1", counts="căn nhà tình thương")
    second = figure("37 căn", quote + " ", id="tp-nha-2", counts="căn nhà tình thương")
    flags = flag_entries([first, second], quote)
    assert list(flags) == ["tp-nha-2"] and "tp-nha-1" in flags["tp-nha-2"][0]


def test_figures_sharing_a_quote_are_no_duplicates() -> None:
    quote = (
        "Hội xây dựng 01 căn nhà cho học sinh nghèo và 01 căn nhà cho giáo viên khó khăn, tặng 250 thẻ bảo hiểm y tế."
    )
    pupils = figure("01 căn nhà", quote, id="tp-nha-hoc-sinh", counts="căn nhà cho học sinh nghèo")
    teachers = figure("01 căn nhà", quote, id="tp-nha-giao-vien", counts="căn nhà cho giáo viên khó khăn")
    cards = figure("250 thẻ", quote, id="tp-the", counts="thẻ bảo hiểm y tế")
    assert flag_entries([pupils, teachers, cards], quote) == {}
    once = "Hội xây dựng 37 căn nhà tình thương cho hội viên nghèo."
    a = figure("37 căn nhà", once, id="tp-a", counts="nhà tình thương")
    b = figure("37 căn nhà", once, id="tp-b", counts="nhà cho hội viên nghèo")  # the same value, found once
    assert list(flag_entries([a, b], once)) == ["tp-b"]


def test_models_with_the_same_name_or_one_inside_the_other_are_duplicates() -> None:
    quote = "Huyện duy trì các mô hình “Tổ hùn vốn tiết kiệm” và “Tổ góp vốn xoay vòng” ở các xã."
    first = model("Tổ hùn vốn tiết kiệm", quote, id="tp-mh-hun-von")
    same = model("Tổ hùn vốn tiết kiệm", "Huyện duy trì mô hình Tổ hùn vốn tiết kiệm.", id="tp-mh-hun-von-2")
    inside = model("Tổ hùn vốn", quote, id="tp-mh-hun")
    other = model("Tổ góp vốn xoay vòng", quote, id="tp-mh-gop-von")
    flags = flag_entries([first, same, inside, other], quote)
    assert set(flags) == {"tp-mh-hun-von-2", "tp-mh-hun"}
    assert all("tp-mh-hun-von" in joined(found) for found in flags.values())


def test_other_kinds_are_checked_for_their_answer_and_duplicates() -> None:
    quote = "Đồng chí Nguyễn Văn An, Bí thư Huyện ủy, phát biểu tại hội nghị."
    person = Person(
        id="tp-ng-an",
        kind="person",
        draft=True,
        title="Bí thư Huyện ủy Nguyễn Văn An (Tân Phước)",
        name="Nguyễn Văn An",
        role="Bí thư Huyện ủy",
        answer="Đồng chí Nguyễn Văn An là Bí thư Huyện ủy Tân Phước.",
        quote=quote,
    )
    again = person.model_copy(update={"id": "tp-ng-an-2"})
    event = Event(
        id="tp-sk-hoi-nghi",
        kind="event",
        draft=True,
        title="Hội nghị (Tân Phước)",
        name="hội nghị",
        answer="hội nghị của huyện",
        quote=quote,
    )
    flags = flag_entries([person, again, event], quote)
    assert set(flags) == {"tp-ng-an-2", "tp-sk-hoi-nghi"}
    assert "chữ thường" in joined(flags["tp-sk-hoi-nghi"])
