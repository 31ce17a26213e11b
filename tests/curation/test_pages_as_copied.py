"""New districts from pages as curators copy them (tests/curation/pages: fictional pages written
for the project with the quirks real pages have), through the curator's path: drafted into a
copy of the base, accepted, asked. The drafts are compared with each page's gold list."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml

from bot.curation.drafting.cleaning import clean
from bot.curation.drafting.draft import draft_article
from bot.curation.drafting.metadata import extract
from bot.evaluation.page_runs import PageRun, run_page
from bot.knowledge.schema import PROVINCE_TO_FILL

PAGES = Path(__file__).parent / "pages"
KNOWLEDGE = Path(__file__).parents[2] / "knowledge"
STEMS = sorted(p.stem for p in PAGES.glob("*.txt"))

# what the project holds its drafter to on these pages (measured: see the closing note of issue 16)
FIGURES_FOUND = 0.9  # of the gold figures, drafted with what they count
FIGURES_KEPT = 0.9  # of the drafted figures, in the gold list
MODELS_FOUND = 0.8
QUESTIONS_RIGHT = 0.75
WRONG_AT_MOST = 0.12


def gold(stem: str) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load((PAGES / f"{stem}.gold.yaml").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def runs() -> list[PageRun]:
    async def all_pages() -> list[PageRun]:
        return [
            await run_page(KNOWLEDGE, PAGES / f"{s}.txt", PAGES / f"{s}.questions.yaml", PAGES / f"{s}.gold.yaml")
            for s in STEMS
        ]

    return asyncio.run(all_pages())


@pytest.mark.parametrize("stem", STEMS)
def test_the_page_is_placed_dated_and_titled_as_a_curator_would(stem: str) -> None:
    expected = gold(stem)
    meta = extract(clean((PAGES / f"{stem}.txt").read_text(encoding="utf-8")).text, f"{stem}.txt")
    assert meta.district == expected["district"]
    assert meta.division == expected["division"]  # a town or a city is not called "huyện"
    assert meta.province in (expected["province"], PROVINCE_TO_FILL)
    assert meta.province_in_text == expected["province_in_text"]
    assert (str(meta.date) if meta.date else None) == expected["date"]
    if expected["title"]:
        assert meta.title == expected["title"]


def test_site_chrome_and_repeats_are_left_out() -> None:
    chrome = (
        "517 lượt xem",
        "Lượt xem",
        "0:00",
        "Nghe đọc bài",
        "Cỡ chữ",
        "In bài",
        "Chia sẻ",
        "CHÀO MỪNG ĐẾN VỚI",
        "Trang chủ |",
        "Tin liên quan",
    )
    for stem in STEMS:
        lines = clean((PAGES / f"{stem}.txt").read_text(encoding="utf-8")).text.split("\n")
        short = [line for line in lines if len(line.split()) < 8]  # chrome lines, not prose that says "chia sẻ"
        assert not [c for c in chrome for line in short if c in line], stem
    # a lead printed twice is kept once, with a note
    cleaned = clean((PAGES / "07_tho-xuan.txt").read_text(encoding="utf-8"))
    assert any("lặp lại" in note for note in cleaned.notes)


def test_times_dates_and_counters_are_never_figures(runs: list[PageRun]) -> None:
    for run in runs:
        assert not run.not_figures_drafted, run.page
        for entry in run.drafts:
            if entry["kind"] == "figure":
                assert ":" not in entry["value"] and not entry["value"].startswith(("Sáng", "Chiều")), entry


def test_figures_are_drafted_whole_and_kept_true(runs: list[PageRun]) -> None:
    found = sum(r.figures_found[0] for r in runs) / sum(r.figures_found[1] for r in runs)
    kept = sum(r.figures_kept[0] for r in runs) / sum(r.figures_kept[1] for r in runs)
    assert found >= FIGURES_FOUND, found
    assert kept >= FIGURES_KEPT, kept
    values = {e["value"] for r in runs for e in r.drafts if e["kind"] == "figure"}
    assert {"06 kế hoạch", "2.740 ngày công", "3.260 cán bộ, đảng viên"} <= values  # units whole


def test_models_are_found_with_their_organisation(runs: list[PageRun]) -> None:
    found = sum(r.models_found[0] for r in runs) / sum(r.models_found[1] for r in runs)
    assert found >= MODELS_FOUND, found
    by_name = {e["name"]: e for r in runs for e in r.drafts if e["kind"] == "model"}
    assert by_name["Bữa cơm yêu thương"]["org"] == "Hội Chữ thập đỏ thành phố"
    assert by_name["Tuyến đường hoa kiểu mẫu"]["org"] == "xã Hỏa Lựu"
    # a commune's union is the subject of the page's figures, not the district
    ea_kenh = next(r for r in runs if r.page == "04_krong-pac")
    orgs = [e["org"] for e in ea_kenh.drafts if e["kind"] == "figure"]
    assert sum("Ea Kênh" in o or o.startswith("Hội") for o in orgs) > len(orgs) / 2


def test_events_people_and_themes_are_drafted(runs: list[PageRun]) -> None:
    drafts = {r.page: r.drafts for r in runs}
    yen_the = next(e for e in drafts["05_yen-the"] if e["kind"] == "event")
    assert yen_the["date"] == "sáng 16/6" and yen_the["chair"] == ["Lương Văn Tuấn"]
    assert "Nguyễn Thị Hương" in yen_the["speakers"] and yen_the["place"].startswith("Hội trường")
    people = {e["name"]: e["role"] for e in drafts["01_thach-ha"] if e["kind"] == "person"}
    assert people["Trần Đức Hạnh"] == "Tỉnh ủy viên, Bí thư Huyện ủy Thạch Hà"
    assert people["Lê Văn Thắng"] == "Trưởng thôn Bắc Sơn, xã Thạch Đài"
    themes = [e for e in drafts["03_vi-thanh"] if e["kind"] == "theme"]
    assert any(t.get("name") == "Nói đi đôi với làm, cán bộ đi trước, đảng viên gương mẫu" for t in themes)


def test_a_ceremony_in_another_province_keeps_the_district() -> None:
    draft = draft_article((PAGES / "01_thach-ha.txt").read_text(encoding="utf-8"), "01_thach-ha.txt")
    assert (draft.meta.district, draft.meta.province) == ("Thạch Hà", "Hà Tĩnh")
    event = next(e for e in draft.entries if e["kind"] == "event")
    assert "Kim Liên" in event["place"]


def test_the_page_answers_questions_once_accepted(runs: list[PageRun]) -> None:
    turns = [t for r in runs for t in r.turns]
    right = sum(t.outcome == "right" for t in turns) / len(turns)
    wrong = sum(t.outcome == "wrong" for t in turns) / len(turns)
    assert right >= QUESTIONS_RIGHT, right
    assert wrong <= WRONG_AT_MOST, wrong


def test_a_page_question_set_conversation_is_asked_in_one_chat(tmp_path: Path) -> None:
    """Conversations of a page's question set are asked turn after turn in one chat: a follow-up
    leans on the turn before it, as it does in a user's chat."""
    questions = tmp_path / "q.yaml"
    questions.write_text(
        yaml.safe_dump(
            {
                "conversations": [
                    {
                        "id": "t1",
                        "turns": [
                            {"q": "thach ha lam dc bao nhieu can nha dai doan ket", "kind": "fact",
                             "expect": ["87"]},
                            {"q": "het bao nhieu tien", "kind": "followup", "expect": ["4,35 tỷ"]},
                        ],
                    }
                ],
                "singles": [{"q": "het bao nhieu tien", "kind": "followup", "decline": True}],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )  # fmt: skip
    run = asyncio.run(run_page(KNOWLEDGE, PAGES / "01_thach-ha.txt", questions))
    assert [t.q for t in run.turns] == ["thach ha lam dc bao nhieu can nha dai doan ket", *["het bao nhieu tien"] * 2]
    assert [t.outcome for t in run.turns[:2]] == ["right", "right"], run.turns  # the follow-up knew the district
    assert run.turns[2].outcome == "right"  # the same words alone name nothing to answer
