"""Precision first, for what the copy or the find cuts: a name or an answer that is not whole is
not drafted, or is flagged; one event per gathering.

The page is invented for these tests (an invented district, Nậm Khoa; its communes, people,
models and figures are made up). It holds what blind pages showed to be drafted wrongly: one
meeting told twice, once with its day and once with its directive's code; a talk whose quoted
title has commas in it; a yearly theme whose name the find stops before its year; a clause
opening «trong đó» after a period; and a copy that stops in the middle of a word.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter

from bot.curation.drafting.draft import Draft, draft_article
from bot.curation.drafting.flags import flag_entries
from bot.curation.drafting.wholeness import cut_name
from bot.knowledge.schema import Entry

PAGE = """Huyện đoàn Nậm Khoa tuyên dương thanh niên làm theo lời Bác

Chiều ngày 12/6/2024, Ban Thường vụ Huyện đoàn Nậm Khoa tổ chức chương trình tuyên dương nhằm sơ kết 03 năm \
thực hiện Chỉ thị 05 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.

Cuộc họp mặt đã sơ kết 03 năm thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị về “Đẩy mạnh học tập và làm theo tư \
tưởng, đạo đức, phong cách Hồ Chí Minh”. Đoàn viên trong huyện đã nhận thức rõ việc làm theo lời Bác.

Sáng 20/6, Ủy ban MTTQ Việt Nam huyện Nậm Khoa tổ chức tọa đàm “Giải pháp đưa việc học tập, làm theo Bác vào \
sinh hoạt, lao động của thanh niên vùng cao"; sơ kết công tác Mặt trận 6 tháng đầu năm 2024.

Tại hội nghị, Ban Thường vụ Huyện đoàn đã triển khai chuyên đề Chỉ thị 05-CT/TW năm 2024 “Học tập về tinh thần \
đoàn kết, tự lực vươn lên của thanh niên”.

Chỉ riêng trong 6 tháng đầu năm 2024, các cơ sở Đoàn đã xây dựng mới được 24 mô hình tập thể, 41 mô hình cá \
nhân, nâng tổng số mô hình làm theo Bác của tuổi trẻ huyện lên 352 mô hình, gồm 210 mô hình tập thể, 142 mô \
hình cá nhân trên các lĩnh vực; trong đó, mô hình về phát triển kinh tế là nhiều nhất, với trên 150 mô hình.

Tại buổi họp mặt, 7 tập thể và 12 cá nhân, điển hình tiên tiến đã đư
"""


@pytest.fixture(scope="module")
def page() -> Draft:
    return draft_article(PAGE, "nam-khoa.txt")


def _kind(draft: Draft, kind: str) -> list[dict[str, Any]]:
    return [e for e in draft.entries if e["kind"] == kind]


def _flags(draft: Draft) -> dict[str, list[str]]:
    adapter: TypeAdapter[Entry] = TypeAdapter(Entry)
    return flag_entries([adapter.validate_python(e) for e in draft.entries], draft.text)


def test_one_event_per_gathering_the_dated_mention_kept(page: Draft) -> None:
    reviews = [e for e in _kind(page, "event") if "sơ kết 03 năm" in e["name"]]
    assert len(reviews) == 1
    assert reviews[0]["date"] == "Chiều ngày 12/6/2024"


def test_a_quoted_title_is_not_cut_at_a_comma_inside_it(page: Draft) -> None:
    talks = [e for e in _kind(page, "event") if e["name"].startswith("tọa đàm")]
    assert [t["name"] for t in talks] == [
        'tọa đàm “Giải pháp đưa việc học tập, làm theo Bác vào sinh hoạt, lao động của thanh niên vùng cao"'
    ]


def test_a_name_cut_before_its_year_is_not_drafted(page: Draft) -> None:
    names = [e.get("name", "") for e in page.entries]
    assert not any(n.rstrip().endswith(" năm") for n in names), names
    assert any("năm" in d and "bị cắt" in d for d in page.dropped), page.dropped


def test_a_clause_going_on_from_the_one_before_is_answered_with_its_sentence(page: Draft) -> None:
    (most,) = [e for e in _kind(page, "figure") if e["value"] == "trên 150 mô hình"]
    assert "chỉ riêng trong 6 tháng đầu năm 2024, các cơ sở Đoàn" in most["answer"]
    assert "tháng: trong đó" not in most["answer"]
    assert not _flags(page).get(most["id"])


def test_a_figure_cut_by_the_copy_is_not_drafted(page: Draft) -> None:
    values = [e["value"] for e in _kind(page, "figure")]
    assert "7 tập thể" not in values and "12 cá nhân" not in values
    assert not any("đư" in e["counts"].split() for e in _kind(page, "figure"))


@pytest.mark.parametrize(
    ("name", "cut"),
    [
        ("Chỉ thị 05-CT/TW năm", True),
        ("phong trào thi đua của", True),
        ("tọa đàm “Giải pháp đẩy mạnh việc học tập", True),
        ("Hũ gạo tiết kiệm,", True),
        ("Gian hàng 0 đồng", False),
        ("Người tốt việc tốt", False),
    ],
)
def test_cut_name(name: str, cut: bool) -> None:
    assert (cut_name(name, "") is not None) is cut


def test_a_quoted_name_is_whole_however_it_ends() -> None:
    article = "mô hình “Gian hàng 0 đồng người thiếu đến nhận, người thừa đến cho” được duy trì"
    assert cut_name("Gian hàng 0 đồng người thiếu đến nhận, người thừa đến cho", article) is None


def test_what_a_figure_counts_ends_with_a_whole_word() -> None:
    drafted = draft_article(
        "Ở huyện Nậm Khoa, thôn Pắc Nậm có 1 homestay gắn với trải nghiệm nông nghiệp, đem lại thu nhập cho người dân.",
        "nam-khoa-homestay.txt",
    )
    counts = [e["counts"] for e in drafted.entries if e["kind"] == "figure"]
    assert counts and not any(c.split()[-1] in {"gắn", "với"} for c in counts), counts


def test_flags_an_answer_begun_mid_sentence_and_counts_cut() -> None:
    adapter: TypeAdapter[Entry] = TypeAdapter(Entry)
    text = (
        "Trong 6 tháng, trong đó, mô hình về kinh tế là nhiều nhất, với trên 150 mô hình. "
        "Có 1 homestay gắn với du lịch."
    )
    mid = adapter.validate_python(
        {
            "id": "nk-mo-hinh",
            "kind": "figure",
            "title": "Mô hình: trên 150 mô hình (Nậm Khoa)",
            "org": "Huyện Nậm Khoa",
            "value": "trên 150 mô hình",
            "counts": "mô hình",
            "answer": (
                "Ở huyện Nậm Khoa, trong 6 tháng: trong đó, mô hình về kinh tế là nhiều nhất, với trên 150 mô hình."
            ),
            "quote": "trong đó, mô hình về kinh tế là nhiều nhất, với trên 150 mô hình",
        }
    )
    cut = adapter.validate_python(
        {
            "id": "nk-homestay",
            "kind": "figure",
            "title": "Homestay: 1 homestay (Nậm Khoa)",
            "org": "Huyện Nậm Khoa",
            "value": "1 homestay",
            "counts": "homestay gắn",
            "answer": "Ở huyện Nậm Khoa, có 1 homestay gắn với du lịch.",
            "quote": "Có 1 homestay gắn với du lịch",
        }
    )
    flags = flag_entries([mid, cut], text)
    assert any("giữa câu" in f for f in flags["nk-mo-hinh"])
    assert any("«gắn»" in f for f in flags["nk-homestay"])
