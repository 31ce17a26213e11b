"""The curators' overview: the store's figures of the last 30 or 90 days with the knowledge base's
names (districts, entry titles), drawn as SVG charts (pygal) and as one standalone HTML page.

The SVGs are static pictures: no script, no link, nothing fetched (pygal's own script, comments
and tooltip data are taken out of the tree before it is written), so a page may inline them or
show them as images under a Content-Security-Policy that allows no script."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

import pygal  # type: ignore[import-untyped]
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from pygal.style import Style  # type: ignore[import-untyped]

from bot.curation import curator_texts as texts
from bot.knowledge.schema import Article, KnowledgeBase
from bot.store import Store
from bot.store.statistics import TOP_ENTRIES, Outcomes, StoreDay

TOP_DISTRICTS = 15
ENTRY_LABEL_CHARS = 40  # an entry's title on the chart, cut to this
# the articles' sentences are answered from too; their ids are "<article id>-cau-<n>" (bot.answering.passages)
_PASSAGE_ID = re.compile(r"(?P<article>.+)-cau-(?P<number>[1-9][0-9]*)")


@dataclass(frozen=True)
class TopEntry:
    entry_id: str
    title: str  # the entry's title; its id, marked, when the base no longer has it
    district: str | None  # None when the base no longer has it
    questions: int

    @property
    def in_base(self) -> bool:
        return self.district is not None


@dataclass(frozen=True)
class TopDistrict:
    district: str  # as the base names it (the articles' `district`)
    label: str  # "huyện Bù Đốp", "thị xã Kinh Môn"
    questions: int  # questions whose answer used at least one entry of the district


@dataclass(frozen=True)
class Overview:
    days: int  # the window: the last `days` days, today included
    first_day: dt.date
    last_day: dt.date
    daily: tuple[StoreDay, ...]  # every day of the window, oldest first
    doors: tuple[str, ...]  # the busiest first
    outcomes: Outcomes
    entries: tuple[TopEntry, ...]  # the most asked about first
    districts: tuple[TopDistrict, ...]  # the most asked about first

    @property
    def questions(self) -> int:
        return self.outcomes.total

    @property
    def up(self) -> int:
        return sum(d.up for d in self.daily)

    @property
    def down(self) -> int:
        return sum(d.down for d in self.daily)


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str  # a whole <svg> element, without XML declaration


async def build_overview(store: Store, kb: KnowledgeBase, days: int) -> Overview:
    """The store's figures of the last ``days`` days, the entries and districts named from ``kb``."""
    figures = await store.statistics.overview(days, top=TOP_ENTRIES)
    entries = []
    for counted in figures.entries:
        article, title = _find(kb, counted.entry_id)
        entries.append(TopEntry(counted.entry_id, title, article.district if article else None, counted.questions))
    per_district: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for answer in figures.entry_sets:
        for article in {a.district: a for a in (_find(kb, i)[0] for i in answer.entry_ids) if a}.values():
            per_district[article.district] += answer.questions
            labels.setdefault(article.district, article.named)
    ranked = sorted(per_district.items(), key=lambda pair: (-pair[1], pair[0]))[:TOP_DISTRICTS]
    return Overview(
        days=days,
        first_day=figures.first_day,
        last_day=figures.last_day,
        daily=figures.days,
        doors=figures.doors,
        outcomes=figures.outcomes,
        entries=tuple(entries),
        districts=tuple(TopDistrict(d, labels[d], n) for d, n in ranked),
    )


def _find(kb: KnowledgeBase, entry_id: str) -> tuple[Article | None, str]:
    """The article an entry cites and the entry's title; (None, the id marked) when it is gone."""
    located = kb.by_id.get(entry_id)
    if located is not None:
        return located.article, located.entry.title
    passage = _PASSAGE_ID.fullmatch(entry_id)
    if passage and (article := kb.articles.get(passage["article"])) is not None:
        return article, texts.passage_title(article.title, int(passage["number"]))
    return None, texts.entry_gone(entry_id)


# ---------------------------------------------------------------- charts

_LOOK: dict[str, Any] = {
    "background": "white",
    "plot_background": "white",
    "foreground": "#333333",
    "foreground_strong": "#111111",
    "foreground_subtle": "#dddddd",
    "font_family": "'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif",  # the reader's own fonts, none fetched
    "label_font_size": 14,
    "major_label_font_size": 14,
    "legend_font_size": 15,
    "value_font_size": 13,
    "no_data_font_size": 20,
}
DOOR_COLORS = ("#1f6fb2", "#e08a1e", "#3a9d5d", "#7d55a6", "#5d6d7e", "#b7950b", "#17a2b8", "#c0392b")
OUTCOME_COLORS = ("#3a9d5d", "#e0b21e", "#c0392b")  # answered, suggested, declined
THUMB_COLORS = ("#3a9d5d", "#c0392b")


def charts(overview: Overview) -> list[Chart]:
    """The overview drawn: questions per day and door, the outcomes' shares, 👍/👎 per day, the
    districts and entries most asked about. A chart with nothing to show says so."""
    return [
        _questions_chart(overview),
        _outcomes_chart(overview),
        _feedback_chart(overview),
        _top_chart(texts.CHART_DISTRICTS, [(d.label, d.questions) for d in overview.districts]),
        _top_chart(texts.CHART_ENTRIES, [(e.title, e.questions) for e in overview.entries]),
    ]


def _questions_chart(overview: Overview) -> Chart:
    most = max((d.total for d in overview.daily), default=0)
    if not most:
        return _empty(texts.CHART_QUESTIONS)
    chart = _new(pygal.StackedBar, texts.CHART_QUESTIONS, **_calendar(overview, most))
    for door in overview.doors:
        chart.add(texts.door_name(door), [d.questions[door] for d in overview.daily])
    return _drawn(chart, texts.CHART_QUESTIONS)


def _outcomes_chart(overview: Overview) -> Chart:
    o = overview.outcomes
    if not o.total:
        return _empty(texts.CHART_OUTCOMES)
    chart = _new(
        pygal.Pie, texts.CHART_OUTCOMES, style=_style(OUTCOME_COLORS), inner_radius=0.45, legend_at_bottom=False
    )
    for label, count in (
        (texts.OUTCOME_ANSWERED, o.answered),
        (texts.OUTCOME_SUGGESTED, o.suggested),
        (texts.OUTCOME_DECLINED, o.declined),
    ):
        chart.add(texts.outcome_legend(label, count, o.total), [count])
    return _drawn(chart, texts.CHART_OUTCOMES)


def _feedback_chart(overview: Overview) -> Chart:
    most = max((max(d.up, d.down) for d in overview.daily), default=0)
    if not most:
        return _empty(texts.CHART_FEEDBACK)
    chart = _new(pygal.Bar, texts.CHART_FEEDBACK, style=_style(THUMB_COLORS), **_calendar(overview, most))
    chart.add(texts.THUMBS_UP, [d.up for d in overview.daily])
    chart.add(texts.THUMBS_DOWN, [d.down for d in overview.daily])
    return _drawn(chart, texts.CHART_FEEDBACK)


def _top_chart(title: str, rows: Sequence[tuple[str, int]]) -> Chart:
    if not rows:
        return _empty(title)
    shown = list(reversed(rows))  # a horizontal bar chart draws its first label at the bottom
    chart = _new(
        pygal.HorizontalBar,
        title,
        height=max(140, 70 + 24 * len(rows)),
        show_legend=False,
        x_labels=[_cut(label) for label, _ in shown],
        y_labels=_ticks(max(n for _, n in rows)),
        truncate_label=-1,
        print_values=True,
        print_values_position="top",
    )
    chart.add(texts.COLUMN_QUESTIONS, [n for _, n in shown])
    return _drawn(chart, title)


def _empty(title: str) -> Chart:
    """A chart with nothing to show: the words saying so, no axes."""
    return _drawn(_new(pygal.Pie, title, height=140, show_legend=False), title)


def _calendar(overview: Overview, most: int) -> dict[str, Any]:
    """A per-day chart's axes: the date of every few days (weekly beyond a month), counted back
    from today so that today is always named; whole numbers up."""
    labels = [d.day.strftime("%d/%m") for d in overview.daily]
    every = 1 if len(labels) <= 14 else 3 if len(labels) <= 31 else 7
    return {
        "x_labels": labels,
        "x_labels_major": labels[::-1][::every],
        "show_minor_x_labels": False,
        "x_label_rotation": 45,
        "y_labels": _ticks(most),
        "margin_bottom": 30,  # room for the legend under the rotated dates
    }


def _ticks(most: int) -> list[int]:
    """Whole-number steps from 0 to ``most`` or just past it: 1, 2 or 5 times a power of ten, at most seven."""
    scale = 1
    while True:
        for step in (scale, 2 * scale, 5 * scale):
            if most <= 6 * step:
                return list(range(0, most + step, step))
        scale *= 10


def _new(kind: Callable[..., Any], title: str, **config: Any) -> Any:
    settings: dict[str, Any] = {
        "js": [],  # no script linked (the one pygal writes inline, _static takes out)
        "disable_xml_declaration": True,
        "style": _style(DOOR_COLORS),
        "width": 600,
        "height": 320,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 4,
        "no_data_text": texts.NO_DATA,
        "include_x_axis": True,
        "truncate_legend": -1,
        "pretty_print": False,
    }
    settings.update(config)
    chart = kind(**settings)
    chart.add_xml_filter(_static(title))
    return chart


def _style(colors: Sequence[str]) -> Style:
    return Style(colors=tuple(colors), **_LOOK)


def _drawn(chart: Any, title: str) -> Chart:
    return Chart(title=title, svg=str(chart.render()))


def _cut(label: str) -> str:
    return label if len(label) <= ENTRY_LABEL_CHARS else label[: ENTRY_LABEL_CHARS - 1].rstrip() + "…"


# pygal writes its config script even with js=[] (which only stops it linking more); desc holds tooltip data
_DROPPED = {"script", "desc"}


def _static(title: str) -> Callable[[Any], Any]:
    """An xml filter for pygal: the chart without script, comments or tooltip data, titled."""

    def strip(root: Any) -> Any:
        for parent in list(root.iter()):
            for child in list(parent):
                if not isinstance(child.tag, str) or child.tag.rsplit("}", 1)[-1] in _DROPPED:
                    parent.remove(child)  # a comment or processing instruction's tag is a function
                elif child.tag.rsplit("}", 1)[-1] == "title" and parent is root:
                    child.text = title
        return root

    return strip


def is_static_svg(svg: str) -> bool:
    """No script, no event handler, no address but the SVG namespaces': what charts() promises."""
    root = ElementTree.fromstring(svg)
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag.rsplit("}", 1)[-1] in ("script", "foreignObject"):
            return False
        if any(name.lower().startswith("on") or name.endswith("}href") or name == "href" for name in element.attrib):
            return False
    rest = svg.replace("http://www.w3.org/2000/svg", "").replace("http://www.w3.org/1999/xlink", "")
    return "<script" not in svg.lower() and "http" not in rest and "url(" not in rest.replace("url(#", "")


# ---------------------------------------------------------------- the page

_TEMPLATES = Environment(
    loader=PackageLoader("bot.curation", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def report_html(overview: Overview, charts: Sequence[Chart]) -> str:
    """A standalone HTML document: the charts inlined, the figures in tables, nothing fetched."""
    for chart in charts:
        if not is_static_svg(chart.svg):
            raise ValueError(f"chart {chart.title!r} is not a static SVG")
    day = "%d/%m/%Y"
    return _TEMPLATES.get_template("report.html").render(
        texts=texts,
        overview=overview,
        period=texts.overview_period(overview.days, overview.first_day.strftime(day), overview.last_day.strftime(day)),
        charts=[(chart.title, Markup(chart.svg)) for chart in charts],  # checked static just above
        days=list(reversed(overview.daily)),  # the newest first
    )
