"""The curated fact base's schema: articles, the five kinds of entry, and the validated base.

A knowledge directory holds ``articles/*.txt`` (front matter with the article's metadata, then
its cleaned text) and ``facts/*.yaml`` (curated entries citing one article each); these models
say what each may hold. Loading them is :mod:`bot.knowledge.loading`."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, TypeAdapter

from bot.language.today_map import division_of, province_named, province_today

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=48)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]

ModelCategory = Literal[
    "mô hình",
    "phong trào",
    "cuộc vận động",
    "chương trình",
    "chuyên mục",
    "công trình",
    "chuyên đề",
    "chủ đề",
    "hoạt động",
]


# A drafted article whose text does not name the province, and whose district the
# administrative list cannot place in one province, carries this until a curator fills it in.
PROVINCE_TO_FILL = "?"
# How the drafter's last note on an article it drafted begins while its drafts wait for review
DRAFTER_NOTE = "Bản nháp do `python -m bot draft` soạn"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Article(_Strict):
    """One source article: its metadata and cleaned text."""

    id: Slug
    title: Text
    district: Text
    province: Text
    province_in_text: bool
    date: dt.date | None = None
    author: Text | None = None
    division: Literal["huyện", "thị xã", "thành phố", "quận"] | None = None  # None: from the map
    publisher: Text | None = None  # the newspaper or site that published it, where known
    url: Text | None = None  # the page's address, where known
    notes: tuple[str, ...] = ()
    source_file: Text
    text: Text
    # what the maps say of its places, worked out once (and kept with a pickled snapshot, so that a
    # process started from one does not read the maps to name a source)
    _from_maps: dict[str, str | None] = PrivateAttr(default_factory=dict)

    @property
    def province_today(self) -> str | None:
        """The province of today's map (34 provinces since 1 July 2025) the district is in now."""
        if "today" not in self._from_maps:
            today = province_today(self.province) if self.province != PROVINCE_TO_FILL else None
            self._from_maps["today"] = today
        return self._from_maps["today"]

    @property
    def division_word(self) -> str:
        """What the district is on the articles' map: "huyện", "thị xã", "thành phố" or "quận"."""
        if self.division:
            return self.division
        if "division" not in self._from_maps:
            self._from_maps["division"] = division_of(self.district, self.province) or "huyện"
        return self._from_maps["division"] or "huyện"

    @property
    def named(self) -> str:
        """ "huyện Châu Thành", "thị xã Kinh Môn": the district as what it was."""
        return f"{self.division_word} {self.district}"

    @property
    def province_named(self) -> str:
        """ "tỉnh Bến Tre", "thành phố Hà Nội"."""
        if "province" not in self._from_maps:
            self._from_maps["province"] = province_named(self.province)
        return self._from_maps["province"] or ""

    @property
    def province_today_named(self) -> str | None:
        """Today's province as what it is ("thành phố Hồ Chí Minh"), where the map knows it."""
        if "today_named" not in self._from_maps:
            today = self.province_today
            self._from_maps["today_named"] = province_named(today) if today else None
        return self._from_maps["today_named"]

    def __eq__(self, other: object) -> bool:
        # what the maps said (a cache) is no part of the article: compare the fields only
        if not isinstance(other, Article):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((self.id, self.source_file, self.text))

    def read_maps(self) -> None:
        """Work out now what the maps say of it (a snapshot does, before it is kept)."""
        self.named, self.province_named, self.province_today_named  # noqa: B018

    @property
    def date_label(self) -> str:
        return self.date.strftime("%d/%m/%Y") if self.date else "bài không ghi ngày đăng"


class _Entry(_Strict):
    id: Slug
    title: Label = Field(description="Short label for lists and suggestion buttons.")
    answer: Text = Field(description="The reply, as a chat user reads it.")
    quote: Text = Field(description="Verbatim sentence or clause of the article; '…' may join pieces.")
    org: Text | None = Field(default=None, description="Organisation the entry belongs to.")
    period: Text | None = None
    keywords: tuple[Text, ...] = Field(default=(), description="Other ways users name it; not shown.")
    note: Text | None = Field(default=None, description="Curator's remark shown with the answer.")
    draft: bool = Field(default=False, description="Proposed by `python -m bot draft`; validated, never served.")

    # Fields whose text a user sees: each of their numbers must occur in the quote.
    SHOWN: ClassVar[tuple[str, ...]] = ("title", "answer", "org", "period", "note")
    # Fields that must appear word for word (any case) in the quote.
    VERBATIM: ClassVar[tuple[str, ...]] = ()

    def shown_fields(self) -> dict[str, str]:
        return {name: value for name in self.SHOWN if isinstance(value := getattr(self, name, None), str)}


class Figure(_Entry):
    """A quantitative result: the figure, what it counts, who, when."""

    kind: Literal["figure"]
    org: Text
    value: Text = Field(description="The figure exactly as printed, e.g. '2.401' or '98,4%'.")
    counts: Text = Field(description="What the figure counts.")
    SHOWN = (*_Entry.SHOWN, "value", "counts")
    VERBATIM = ("value",)


class Model(_Entry):
    """A named model, movement, column, programme or campaign."""

    kind: Literal["model"]
    org: Text
    name: Text
    category: ModelCategory
    SHOWN = (*_Entry.SHOWN, "name")
    VERBATIM = ("name",)


class Person(_Entry):
    kind: Literal["person"]
    name: Text
    role: Text
    SHOWN = (*_Entry.SHOWN, "name", "role")
    VERBATIM = ("name",)


class Document(_Entry):
    kind: Literal["document"]
    name: Text = Field(description="The document's number and kind, e.g. 'Kết luận số 01-KL/TW'.")
    issuer: Text | None = None
    date: Text | None = Field(default=None, description="Date as printed, e.g. '18/5/2021'.")
    SHOWN = (*_Entry.SHOWN, "name", "issuer", "date")
    VERBATIM = ("name", "date")


class Event(_Entry):
    """A conference, ceremony or campaign launch: when, where, who chaired, spoke, attended."""

    kind: Literal["event"]
    name: Text
    date: Text | None = Field(default=None, description="As printed: 'sáng 22/5', '19/5/2021'.")
    place: Text | None = Field(default=None, description="Where it was held, as printed.")
    chair: tuple[Text, ...] = Field(default=(), description="Who chaired it (chủ trì), as printed.")
    speakers: tuple[Text, ...] = Field(default=(), description="Who spoke (phát biểu), as printed.")
    attendees: tuple[Text, ...] = Field(default=(), description="Who attended (tham dự, đến dự), as printed.")
    SHOWN = (*_Entry.SHOWN, "name", "date", "place")
    VERBATIM = ("date", "place")


ThemeCategory = Literal["chủ đề", "phương châm", "khẩu hiệu", "kế hoạch", "nhiệm vụ", "giải pháp", "cách làm"]


class Theme(_Entry):
    """A theme, motto, plan or way of working the article states ("phương châm “…”", "thời gian
    tới, huyện tập trung …"): what the district set out to do and how."""

    kind: Literal["theme"]
    category: ThemeCategory
    name: Text | None = Field(default=None, description="Its wording, when the article quotes one.")
    SHOWN = (*_Entry.SHOWN, "name")
    VERBATIM = ("name",)


class Passage(_Entry):
    """A sentence of a served article, as it stands: never in a facts file, built when a base is
    read (bot.answering.passages) to answer what no curated entry does ("Bài viết ghi: …")."""

    kind: Literal["passage"]


Entry = Annotated[Figure | Model | Person | Document | Event | Theme, Field(discriminator="kind")]
KINDS = ("figure", "model", "person", "document", "event", "theme")


class FactFile(_Strict):
    article: Slug
    entries: tuple[Entry, ...] = Field(min_length=1)


_ARTICLE_META = TypeAdapter(dict[str, Any])


@dataclass(frozen=True)
class Located:
    """An entry together with the article it cites."""

    entry: Figure | Model | Person | Document | Event | Theme | Passage
    article: Article
    file: str

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def district(self) -> str:
        return self.article.district


@dataclass(frozen=True)
class KnowledgeBase:
    """An immutable, validated snapshot of the knowledge directory."""

    directory: Path
    articles: Mapping[str, Article]
    entries: tuple[Located, ...]
    loaded_at: dt.datetime
    examples: tuple[str, ...] = ()
    # Entries still marked `draft: true`: validated like the others, kept out of `entries` (what is served).
    drafts: tuple[Located, ...] = ()
    # Articles not yet reviewed (drafts only, or the drafter's placeholders): validated, kept out of `articles`.
    draft_articles: Mapping[str, Article] = field(default_factory=lambda: MappingProxyType({}))
    by_id: Mapping[str, Located] = field(init=False)
    districts: tuple[str, ...] = field(init=False)  # in the order of their first article
    by_district: Mapping[str, tuple[Located, ...]] = field(init=False)
    district_articles: Mapping[str, tuple[Article, ...]] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", MappingProxyType({e.id: e for e in self.entries}))
        articles: dict[str, list[Article]] = {}
        for article in self.articles.values():
            articles.setdefault(article.district, []).append(article)
        entries: dict[str, list[Located]] = {d: [] for d in articles}
        for located in self.entries:
            entries[located.district].append(located)
        object.__setattr__(self, "districts", tuple(articles))
        object.__setattr__(self, "by_district", MappingProxyType({d: tuple(e) for d, e in entries.items()}))
        object.__setattr__(self, "district_articles", MappingProxyType({d: tuple(a) for d, a in articles.items()}))

    def named(self, district: str) -> str:
        """The district as its article calls it: "huyện Châu Thành", "thị xã Kinh Môn"."""
        articles = self.district_articles.get(district)
        return articles[0].named if articles else f"huyện {district}"

    def summary(self) -> dict[str, Any]:
        per_district: dict[str, Counter[str]] = {d: Counter() for d in self.districts}
        for located in self.entries:
            per_district[located.district][located.entry.kind] += 1
        return {
            "articles": len(self.articles),
            "entries": len(self.entries),
            "districts": {d: dict(sorted(c.items())) for d, c in per_district.items()},
            "loaded_at": self.loaded_at.isoformat(timespec="seconds"),
        }
