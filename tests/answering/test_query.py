from __future__ import annotations

import pytest

from bot.answering.answerer import Answerer
from bot.answering.query import find
from bot.language.expansion import expand, normalize


def test_short_forms_and_abbreviations() -> None:
    assert normalize("bn dv dc khen") == ["bao", "nhieu", "dang", "vien", "duoc", "khen"]
    assert normalize("LĐLĐ, MTTQ, BHYT, CCB, LHPN") == (
        [
            "lien",
            "doan",
            "lao",
            "dong",
            "|",
            "mat",
            "tran",
            "to",
            "quoc",
            "|",
            "bao",
            "hiem",
            "y",
            "te",
            "|",
            "cuu",
            "chien",
            "binh",
            "|",
            "lien",
            "hiep",
            "phu",
            "nu",
        ]
    )
    assert normalize("bao nhiu") == ["bao", "nhieu"]


def test_context_dependent_abbreviations() -> None:
    assert expand(["hu", "gao"]) == ["hu", "gao"]  # hũ gạo, not Huyện ủy
    assert expand(["btv", "hu"]) == ["ban", "thuong", "vu", "huyen", "uy"]
    assert expand(["5", "ct", "tw"]) == ["5", "chi", "thi", "trung", "uong"]
    assert expand(["ct", "ubnd"]) == ["chu", "tich", "uy", "ban", "nhan", "dan"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("kien luogn", ["kien", "luong"]),  # transposed letters
        ("bao nhieeu", ["bao", "nhieu"]),  # doubled letter
        ("kienluong", ["kien", "luong"]),  # no space
        ("lai vugn", ["lai", "vung"]),
    ],
)
def test_speller(answerer: Answerer, typed: str, meant: list[str]) -> None:
    q = answerer.snapshot.analyzer.analyze(typed)
    assert q.toks == meant


def test_speller_leaves_unknown_short_words_alone(answerer: Answerer) -> None:
    # "vàng" is near "vung" but guessing a short syllable without context does harm
    assert answerer.snapshot.analyzer.analyze("gia vang").toks == ["gia", "vang"]


@pytest.mark.parametrize(
    ("question", "known", "unknown"),
    [
        ("Bù Đốp có bao nhiêu nhà", ["Bù Đốp"], []),
        ("kien giang co mo hinh gi", ["Kiên Lương"], []),  # the province names our district
        ("Huyện Củ Chi có bao nhiêu mô hình", [], ["Huyện Củ Chi"]),
        ("chau thanh tien giang co mo hinh gi", [], ["Huyện Châu Thành"]),  # a namesake
        ("Giồng Trôm (Bến Tre) có gì", [], ["Huyện Giồng Trôm"]),  # the province only locates it
        ("Hoa giữa đời thường là gì", [], []),  # "là gì", not the town of La Gi
        ("tu tuong Ho Chi Minh", [], []),
        ("huyện Long Điền có gì", [], ["Huyện Long Dien"]),  # not in the 2025 list, still a district
        ("hũ gạo tình thương", [], []),  # "tình", not "tỉnh"
    ],
)
def test_places(answerer: Answerer, question: str, known: list[str], unknown: list[str]) -> None:
    q = answerer.snapshot.analyzer.analyze(question)
    assert q.districts == known
    assert [p.name for p in q.unknown_places] == unknown


def test_question_parts(answerer: Answerer) -> None:
    analyzer = answerer.snapshot.analyzer
    assert analyzer.analyze("Lai Vung khen bao nhiêu tập thể, cá nhân").target_parts == [["tap", "the"], ["ca", "nhan"]]
    assert analyzer.analyze("lai vung khen bn tap the ca nhan").target_parts == [["tap", "the"], ["ca", "nhan"]]
    assert analyzer.analyze("Bù Đốp có bao nhiêu điểm cầu học chuyên đề").target_parts == [
        ["diem", "cau", "hoc", "chuyen"]
    ]


def test_intents(answerer: Answerer) -> None:
    analyzer = answerer.snapshot.analyzer
    q = analyzer.analyze("Bù Đốp thu được bao nhiêu tiền từ phong trào tiết kiệm?")
    assert q.quantity and q.unit == "money"
    q = analyzer.analyze("Hoi Nong dan Bu Dop lam duoc gi")
    assert q.listing and q.orgs == ["Hội Nông dân"] and q.districts == ["Bù Đốp"]
    q = analyzer.analyze("Chỉ thị 05 là của Bộ Chính trị khóa mấy?")
    assert not q.quantity  # "khóa mấy" asks which, not how many
    q = analyzer.analyze("Kết luận 01 ban hành ngày nào")
    assert q.when
    assert analyzer.analyze("số điện thoại huyện ủy").unanswerable
    assert not analyzer.analyze("Quỹ cựu chiến binh hiện dư bao nhiêu").unanswerable


def test_find_gives_every_span_phrase_by_phrase_in_order() -> None:
    toks = ["bao", "nhieu", "tap", "the", "bao", "nhieu"]
    assert find(toks, [("bao", "nhieu"), ("nhieu",), ("the", "bao", "nhieu", "x")]) == [(0, 2), (4, 6), (1, 2), (5, 6)]
    assert find([], [("bao",)]) == []
