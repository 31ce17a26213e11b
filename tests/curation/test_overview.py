"""The curators' overview: the store's figures over the last 30 or 90 days of Vietnam's calendar
(on SQLite and PostgreSQL), named from the knowledge base, drawn as static SVG charts and written
as one HTML page by `python -m bot report --html FILE`."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest

from bot.answering.answerer import Answerer
from bot.answering.passages import passages_of
from bot.curation import curator_texts
from bot.curation.overview import Chart, Overview, TopEntry, build_overview, charts, is_static_svg, report_html
from bot.knowledge.schema import KnowledgeBase
from bot.store import Store
from bot.store.statistics import EntryCount, EntrySet, Outcomes
from tests.conftest import run_cli
from tests.store.conftest import FakeClock

NOW = datetime(2025, 3, 10, 3, 0, tzinfo=UTC)  # 10:00 on 10 March in Vietnam
SVG = "{http://www.w3.org/2000/svg}"
NAMESPACES = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink")

# entries of the shipped base: two of Bù Đốp, one of Lai Vung, a sentence of Lai Vung's article
# (the passages' ids), and one the base no longer has
A1, A2, B1 = "bd-ket-luan-01", "bd-chi-thi-05", "lv-cau-duong-nguon-luc"
PASSAGE, GONE = "lai-vung-cau-2", "zz-muc-da-xoa"


def vietnam(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    """A moment given as Vietnam's wall clock (UTC+7), as the store keeps it: in UTC."""
    return datetime(2025, month, day, hour, minute, tzinfo=UTC) - timedelta(hours=7)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
async def store(database: str, clock: FakeClock) -> AsyncIterator[Store]:
    opened = await Store.open(database, clock=clock)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
def kb(answerer: Answerer) -> KnowledgeBase:
    return answerer.kb


async def ask(store: Store, door: str, at: datetime, kind: str, entries: tuple[str, ...] = ()) -> int:
    return await store.questions.record(
        door=door,
        chat_id=1,
        user_id=1,
        text=f"câu hỏi {kind} {at.isoformat()}",
        kind=kind,
        answered=kind in ("fact", "list"),
        entry_ids=entries,
        asked_at=at,
    )


async def rate(store: Store, clock: FakeClock, question: int, value: int, at: datetime, user: int) -> None:
    clock.now = at.timestamp()
    assert await store.feedback.record(question, value, door="telegram", user_id=user) is not None
    clock.now = NOW.timestamp()


async def record_the_month(store: Store, clock: FakeClock) -> None:
    """Questions and thumbs on chosen days, some just inside or outside a day or the window."""
    q1 = await ask(store, "telegram", vietnam(10, 9), "fact", (A1,))
    q2 = await ask(store, "telegram", vietnam(10, 0, 30), "list", (A1, A2))  # 17:30 UTC on the 9th
    await ask(store, "zalo", vietnam(10, 8), "clarify", (B1, A1))
    await ask(store, "web", vietnam(9, 23, 59), "decline")
    q5 = await ask(store, "web", vietnam(9, 12), "fact", (GONE,))
    await ask(store, "cli", vietnam(9, 13), "decline")
    await ask(store, "telegram", vietnam(9, 14), "smalltalk")  # "xin chào": no question
    await ask(store, "zalo", vietnam(9, 0, 0, month=2), "fact", (PASSAGE,))  # the window's first minute
    q9 = await ask(store, "telegram", vietnam(8, 23, 59, month=2), "fact", (A1,))  # the day before it
    await rate(store, clock, q1, 1, vietnam(10, 9, 5), user=1)
    await rate(store, clock, q2, -1, vietnam(10, 0, 40), user=1)
    await rate(store, clock, q5, 1, vietnam(9, 23, 30), user=2)
    await rate(store, clock, q5, -1, vietnam(9, 23, 40), user=3)
    await rate(store, clock, q9, -1, vietnam(8, 23, 0, month=2), user=1)  # before the window


async def test_the_figures_per_day_door_outcome_and_entry(store: Store, clock: FakeClock) -> None:
    await record_the_month(store, clock)
    figures = await store.statistics.overview(30)

    assert (figures.first_day, figures.last_day) == (date(2025, 2, 9), date(2025, 3, 10))
    assert [d.day for d in figures.days] == [date(2025, 2, 9) + timedelta(days=i) for i in range(30)]
    assert figures.doors == ("telegram", "web", "zalo", "cli")  # the busiest first, ties by name
    per_day = {d.day: dict(d.questions) for d in figures.days}
    assert per_day[date(2025, 3, 10)] == {"telegram": 2, "web": 0, "zalo": 1, "cli": 0}
    assert per_day[date(2025, 3, 9)] == {"telegram": 0, "web": 2, "zalo": 0, "cli": 1}
    assert per_day[date(2025, 2, 9)] == {"telegram": 0, "web": 0, "zalo": 1, "cli": 0}
    empty = [d for d in figures.days if d.day not in (date(2025, 2, 9), date(2025, 3, 9), date(2025, 3, 10))]
    assert len(empty) == 27 and all(d.total == 0 and d.up == d.down == 0 for d in empty)
    assert figures.outcomes == Outcomes(answered=4, suggested=1, declined=2)
    assert figures.questions == 7
    thumbs = {d.day: (d.up, d.down) for d in figures.days if d.up or d.down}
    assert thumbs == {date(2025, 3, 10): (1, 1), date(2025, 3, 9): (1, 1)}
    assert (figures.up, figures.down) == (2, 2)
    assert figures.entries == (
        EntryCount(A1, 3),
        EntryCount(A2, 1),
        EntryCount(PASSAGE, 1),
        EntryCount(B1, 1),
        EntryCount(GONE, 1),
    )
    assert set(figures.entry_sets) == {
        EntrySet((A1,), 1),
        EntrySet((A1, A2), 1),
        EntrySet((B1, A1), 1),
        EntrySet((GONE,), 1),
        EntrySet((PASSAGE,), 1),
    }
    assert [e.entry_id for e in (await store.statistics.overview(30, top=2)).entries] == [A1, A2]


async def test_ninety_days_reach_further_back(store: Store, clock: FakeClock) -> None:
    await record_the_month(store, clock)
    figures = await store.statistics.overview(90)
    assert len(figures.days) == 90 and figures.first_day == date(2024, 12, 11)
    assert {d.day: d.total for d in figures.days if d.total}[date(2025, 2, 8)] == 1
    assert figures.outcomes == Outcomes(answered=5, suggested=1, declined=2)
    assert figures.entries[0] == EntryCount(A1, 4)
    assert (figures.up, figures.down) == (2, 3)


async def test_an_empty_window_is_all_zeros(store: Store) -> None:
    figures = await store.statistics.overview(30)
    assert len(figures.days) == 30 and figures.doors == ()
    assert all(d.total == 0 and dict(d.questions) == {} for d in figures.days)
    assert figures.outcomes == Outcomes(0, 0, 0) and figures.entries == () and figures.entry_sets == ()


async def test_the_overview_names_districts_and_entries(store: Store, clock: FakeClock, kb: KnowledgeBase) -> None:
    await record_the_month(store, clock)
    overview = await build_overview(store, kb, 30)

    assert overview.days == 30 and overview.questions == 7 and (overview.up, overview.down) == (2, 2)
    lai_vung = kb.articles["lai-vung"]
    sentence = next(p for p in passages_of(kb).entries if p.id == PASSAGE)  # what the bot answered with
    assert sentence.article.id == "lai-vung"
    assert overview.entries == (
        TopEntry(A1, kb.by_id[A1].entry.title, "Bù Đốp", 3),
        TopEntry(A2, kb.by_id[A2].entry.title, "Bù Đốp", 1),
        TopEntry(PASSAGE, curator_texts.passage_title(lai_vung.title, 2), "Lai Vung", 1),
        TopEntry(B1, kb.by_id[B1].entry.title, "Lai Vung", 1),
        TopEntry(GONE, curator_texts.entry_gone(GONE), None, 1),
    )
    assert not overview.entries[-1].in_base
    # a question is counted once for a district, however many of its entries the answer used
    assert [(d.district, d.label, d.questions) for d in overview.districts] == [
        ("Bù Đốp", "huyện Bù Đốp", 3),
        ("Lai Vung", "huyện Lai Vung", 2),
    ]


def svg_root(chart: Chart) -> ElementTree.Element:
    root = ElementTree.fromstring(chart.svg)  # well-formed XML, or this raises
    assert root.tag == f"{SVG}svg"
    return root


def assert_static(chart: Chart) -> None:
    root = svg_root(chart)
    assert "<script" not in chart.svg and "<!--" not in chart.svg
    assert not chart.svg.startswith("<?xml")
    assert all(element.tag.rsplit("}", 1)[-1] not in ("script", "desc", "image") for element in root.iter())
    assert not any(name.startswith("on") or name.endswith("href") for e in root.iter() for name in e.attrib)
    rest = chart.svg
    for namespace in NAMESPACES:
        rest = rest.replace(namespace, "")
    assert "http" not in rest and "//" not in rest
    assert is_static_svg(chart.svg)


def texts_of(chart: Chart) -> list[str]:
    return ["".join(e.itertext()) for e in svg_root(chart).iter(f"{SVG}text")]


async def test_the_charts_are_static_svg_of_the_figures(store: Store, clock: FakeClock, kb: KnowledgeBase) -> None:
    await record_the_month(store, clock)
    drawn = charts(await build_overview(store, kb, 30))

    assert [c.title for c in drawn] == [
        curator_texts.CHART_QUESTIONS,
        curator_texts.CHART_OUTCOMES,
        curator_texts.CHART_FEEDBACK,
        curator_texts.CHART_DISTRICTS,
        curator_texts.CHART_ENTRIES,
    ]
    for chart in drawn:
        assert_static(chart)
        assert svg_root(chart).find(f"{SVG}title") is not None
        assert svg_root(chart).findtext(f"{SVG}title") == chart.title
        assert curator_texts.NO_DATA not in texts_of(chart)
        assert len(chart.svg) < 60_000
    questions, outcomes, feedback, districts, entries = (texts_of(c) for c in drawn)
    assert {"Telegram", "Trang web", "Zalo", "Dòng lệnh"} <= set(questions)
    # under the bars, every third day's date counted back from today: today always named
    dates = {t for t in questions if re.fullmatch(r"\d\d/\d\d", t)}
    assert dates == {(date(2025, 3, 10) - timedelta(days=3 * i)).strftime("%d/%m") for i in range(10)}
    assert set(outcomes) >= {"Trả lời được: 4 (57,1%)", "Gợi ý câu gần nhất: 1 (14,3%)", "Từ chối: 2 (28,6%)"}
    assert {curator_texts.THUMBS_UP, curator_texts.THUMBS_DOWN} <= set(feedback)
    assert {"huyện Bù Đốp", "huyện Lai Vung"} <= set(districts)
    assert kb.by_id[A1].entry.title[:30] in " ".join(entries)
    assert curator_texts.entry_gone(GONE)[:30] in " ".join(entries)
    bars = svg_root(drawn[4]).findall(f".//{SVG}g[@class='bar']")
    assert len(bars) == 5  # one bar per entry


async def test_with_nothing_recorded_each_chart_says_so(store: Store, kb: KnowledgeBase) -> None:
    drawn = charts(await build_overview(store, kb, 90))
    assert len(drawn) == 5
    for chart in drawn:
        assert_static(chart)
        assert curator_texts.NO_DATA in texts_of(chart)


async def test_the_report_page_inlines_the_charts(store: Store, clock: FakeClock, kb: KnowledgeBase) -> None:
    await record_the_month(store, clock)
    overview = await build_overview(store, kb, 30)
    page = report_html(overview, charts(overview))

    assert page.startswith("<!DOCTYPE html>") and '<html lang="vi">' in page and '<meta charset="utf-8">' in page
    assert page.count("<svg") == 5 and "<script" not in page
    assert not re.search(r"\b(src|href)=|@import|<link|<img", page)
    rest = page
    for namespace in NAMESPACES:
        rest = rest.replace(namespace, "")
    assert "http" not in rest
    assert curator_texts.overview_period(30, "09/02/2025", "10/03/2025") in page
    assert curator_texts.overview_totals(7, 2, 2) in page
    # the table of days: the newest first, the empty ones as zeros
    rows = re.findall(r"<tr[^>]*><td>(\d\d/\d\d/\d{4})</td>((?:<td>\d+</td>)+)</tr>", page)
    assert len(rows) == 30 and rows[0][0] == "10/03/2025" and rows[-1][0] == "09/02/2025"
    cells = {day: re.findall(r"<td>(\d+)</td>", numbers) for day, numbers in rows}
    # telegram, web, zalo, cli, total, 👍, 👎
    assert cells["10/03/2025"] == ["2", "0", "1", "0", "3", "1", "1"]
    assert cells["09/03/2025"] == ["0", "2", "0", "1", "3", "1", "1"]
    assert cells["20/02/2025"] == ["0"] * 7
    assert f"<code>{GONE}</code>" in page and "huyện Lai Vung" in page


def test_the_page_escapes_what_it_shows() -> None:
    """Titles come from curators' files: they are text on the page, never markup."""
    day = date(2025, 3, 10)
    overview = Overview(
        days=30,
        first_day=day,
        last_day=day,
        daily=(),
        doors=(),
        outcomes=Outcomes(1, 0, 0),
        entries=(TopEntry("x-1", "<b>Nhà</b> & cầu", "Bù Đốp", 1),),
        districts=(),
    )
    drawn = charts(overview)
    page = report_html(overview, drawn)
    assert "<b>Nhà</b>" not in page and "&lt;b&gt;Nhà&lt;/b&gt; &amp; cầu" in page
    assert_static(drawn[4])
    assert "<b>Nhà</b> &amp; cầu" not in drawn[4].svg  # escaped in the SVG too
    with pytest.raises(ValueError, match="not a static SVG"):
        report_html(overview, [dataclasses.replace(drawn[0], svg=drawn[0].svg.replace("</svg>", "<script/></svg>"))])


async def test_report_html_writes_the_page(tmp_path: Path, own_database: Path, kb: KnowledgeBase) -> None:
    store = await Store.open(f"sqlite:///{own_database}")
    try:
        asked = await store.questions.record(
            door="telegram", chat_id=1, user_id=1, text="Bù Đốp?", kind="fact", answered=True, entry_ids=[A1]
        )
        await store.questions.record(door="zalo", chat_id=2, user_id=2, text="giá lúa?", kind="decline", answered=False)
        await store.feedback.record(asked, 1, door="telegram", user_id=1)
    finally:
        await store.close()
    target = tmp_path / "tong-quan.html"

    done = run_cli("report", "--html", str(target), "--days", "90")

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == curator_texts.overview_written(str(target), 90)
    page = target.read_text(encoding="utf-8")
    assert page.count("<svg") == 5 and "<script" not in page
    assert "90 ngày gần đây" in page and curator_texts.overview_totals(2, 1, 0) in page
    assert kb.by_id[A1].entry.title in page and "huyện Bù Đốp" in page
    assert curator_texts.outcome_legend(curator_texts.OUTCOME_ANSWERED, 1, 2) in page
    bad = run_cli("report", "--html", str(target), "--days", "45")
    assert bad.returncode == 2 and "--days" in bad.stderr
