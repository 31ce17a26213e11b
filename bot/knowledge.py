"""The curated fact base: schema, loading and validation.

A knowledge directory holds ``articles/*.txt`` (front matter with the article's
metadata, then its cleaned text) and ``facts/*.yaml`` (curated entries citing
one article each). :func:`load` reads it all, validates it fully and returns an
immutable :class:`KnowledgeBase`, or raises :class:`KnowledgeError` listing
every problem with its file, entry and field. Validation also proves
provenance: each quote must occur in its article and every number a user is
shown must occur in the quote it comes from.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, ClassVar, Literal

import frontmatter
import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError

from .text import collapse_spaces, fold, numbers
from .yaml_reading import LOADER as YAML_LOADER
from .yaml_reading import read_all, read_text, yaml_reason

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
    notes: tuple[str, ...] = ()
    source_file: Text
    text: Text

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
    kind: Literal["event"]
    name: Text
    date: Text | None = None
    SHOWN = (*_Entry.SHOWN, "name", "date")


Entry = Annotated[Figure | Model | Person | Document | Event, Field(discriminator="kind")]
KINDS = ("figure", "model", "person", "document", "event")


class FactFile(_Strict):
    article: Slug
    entries: tuple[Entry, ...] = Field(min_length=1)


_ARTICLE_META = TypeAdapter(dict[str, Any])


@dataclass(frozen=True)
class Problem:
    """One validation error, located as precisely as we can."""

    file: str
    message: str
    entry: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.entry:
            where += f", mục {self.entry}"
        if self.field:
            where += f", trường {self.field}"
        return f"{where}: {self.message}"


class KnowledgeError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Located:
    """An entry together with the article it cites."""

    entry: Figure | Model | Person | Document | Event
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


# ---------------------------------------------------------------- loading


def load(directory: str | Path) -> KnowledgeBase:
    """Read and validate a knowledge directory; raise KnowledgeError on any problem."""
    root = Path(directory)
    problems: list[Problem] = []
    if not root.is_dir():
        raise KnowledgeError([Problem(str(root), "thư mục tri thức không tồn tại")])

    articles: dict[str, Article] = {}
    article_files = sorted((root / "articles").glob("*.txt"))
    if not article_files:
        problems.append(Problem(str(root / "articles"), "không có bài viết nào (*.txt)"))
    for path in article_files:
        article = _load_article(path, problems)
        if article is None:
            continue
        if article.id in articles:
            problems.append(Problem(_rel(path), f"mã bài '{article.id}' bị trùng", field="id"))
            continue
        articles[article.id] = article

    entries: list[Located] = []
    fact_files = sorted((root / "facts").glob("*.yaml"))
    if not fact_files:
        problems.append(Problem(str(root / "facts"), "không có tệp dữ kiện nào (*.yaml)"))
    for path, data, problem in read_all(fact_files):
        if problem is not None:
            problems.append(Problem(_rel(path), problem))
            continue
        entries.extend(_load_facts(path, data, articles, problems))

    seen: dict[str, str] = {}
    for located in entries:  # drafts included: accepting one must not create a duplicate
        if located.id in seen:
            problems.append(
                Problem(located.file, f"mã mục bị trùng (đã có trong {seen[located.id]})", entry=located.id, field="id")
            )
        seen.setdefault(located.id, located.file)

    examples = _load_examples(root / EXAMPLES_FILE, problems)

    if problems:
        raise KnowledgeError(problems)
    served = tuple(e for e in entries if not e.entry.draft)
    drafts = tuple(e for e in entries if e.entry.draft)
    # an article whose every entry is still a draft is not served either: until a curator accepts
    # something of it, its district is not known to the bot and its drafted metadata is not shown.
    # Nor is one still holding the drafter's placeholder (refused above once it has accepted entries).
    unreviewed = {e.article.id for e in drafts} - {e.article.id for e in served}
    unreviewed |= {k for k, a in articles.items() if PROVINCE_TO_FILL in (a.province, a.district)}
    return KnowledgeBase(
        directory=root,
        articles=MappingProxyType({k: a for k, a in articles.items() if k not in unreviewed}),
        entries=served,
        loaded_at=dt.datetime.now(dt.UTC),
        examples=examples,
        drafts=drafts,
        draft_articles=MappingProxyType({k: a for k, a in articles.items() if k in unreviewed}),
    )


EXAMPLES_FILE = "examples.yaml"


class _Examples(_Strict):
    examples: tuple[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)], ...]


def _load_examples(path: Path, problems: list[Problem]) -> tuple[str, ...]:
    """Example questions for /start and hints (optional file)."""
    if not path.exists():
        return ()
    raw = _read_text(path, problems)
    if raw is None:
        return ()
    try:
        data = yaml.load(raw, Loader=YAML_LOADER)
        return _Examples.model_validate(data).examples
    except yaml.YAMLError as exc:
        problems.append(Problem(_rel(path), f"YAML không hợp lệ: {yaml_reason(exc)}"))
    except ValidationError as exc:
        problems.extend(_pydantic_problems(_rel(path), exc, entry_ids=None))
    return ()


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    text, problem = read_text(path)
    if problem is not None:
        problems.append(Problem(_rel(path), problem))
    return text


def _load_article(path: Path, problems: list[Problem]) -> Article | None:
    raw = _read_text(path, problems)
    if raw is None:
        return None
    try:
        post = frontmatter.loads(raw)
    except yaml.YAMLError as exc:
        problems.append(Problem(_rel(path), f"phần đầu (front matter) không phải YAML hợp lệ: {yaml_reason(exc)}"))
        return None
    try:
        article = Article.model_validate({**_ARTICLE_META.validate_python(post.metadata), "text": post.content})
    except ValidationError as exc:
        problems.extend(_pydantic_problems(_rel(path), exc, entry_ids=None))
        return None
    if path.stem != article.id:
        problems.append(Problem(_rel(path), f"tên tệp phải là '{article.id}.txt'", field="id"))
    text = collapse_spaces(article.text)
    for name in ("title", "author"):
        value = getattr(article, name)
        if value and collapse_spaces(value) not in text:
            problems.append(Problem(_rel(path), "không có trong nội dung bài", field=name))
    if article.province_in_text and fold(article.province) not in fold(text):
        problems.append(Problem(_rel(path), "không có trong nội dung bài (province_in_text: true)", field="province"))
    if article.date and not _date_in_text(article.date, text):
        problems.append(Problem(_rel(path), "ngày đăng không có trong nội dung bài", field="date"))
    return article


def _date_in_text(date: dt.date, text: str) -> bool:
    pattern = rf"\b0?{date.day}/0?{date.month}/{date.year}\b"
    return re.search(pattern, text) is not None


def _pydantic_problems(file: str, exc: ValidationError, entry_ids: list[Any] | None) -> list[Problem]:
    out: list[Problem] = []
    for err in exc.errors():
        loc = list(err["loc"])
        entry: str | None = None
        if entry_ids is not None and len(loc) >= 2 and loc[0] == "entries" and isinstance(loc[1], int):
            index = loc[1]
            ident = entry_ids[index] if index < len(entry_ids) else None
            entry = f"#{index + 1}" + (f" ({ident})" if isinstance(ident, str) else "")
            loc = loc[2:]
            if loc and loc[0] in KINDS:  # the discriminator's branch name adds nothing
                loc = loc[1:]
        field_name = ".".join(str(p) for p in loc) or None
        out.append(Problem(file, _message(err), entry=entry, field=field_name))
    return out


_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không được phép (gõ sai tên trường?)",
    "string_too_short": "không được để trống",
    "string_too_long": "quá dài",
    "string_pattern_mismatch": "chỉ dùng chữ thường không dấu, số và dấu gạch nối",
    "union_tag_invalid": "kind phải là một trong: " + ", ".join(KINDS),
    "union_tag_not_found": "thiếu trường kind (" + ", ".join(KINDS) + ")",
}


def _message(err: Any) -> str:
    text = str(_MESSAGES.get(err["type"], err["msg"]))
    if err["type"] == "literal_error":
        text = str(err["msg"])
    if err["type"] not in ("missing",) and "input" in err and not isinstance(err["input"], (dict, list)):
        text += f" (giá trị: {str(err['input'])[:60]!r})"
    return text


def _load_facts(path: Path, data: Any, articles: Mapping[str, Article], problems: list[Problem]) -> list[Located]:
    file = _rel(path)
    if not isinstance(data, dict):
        problems.append(Problem(file, "tệp phải là một bảng có 'article' và 'entries'"))
        return []
    raw_entries = data.get("entries")
    ids = [e.get("id") if isinstance(e, dict) else None for e in raw_entries] if isinstance(raw_entries, list) else []
    try:
        facts = FactFile.model_validate(data)
    except ValidationError as exc:
        problems.extend(_pydantic_problems(file, exc, entry_ids=ids))
        return []
    article = articles.get(facts.article)
    if article is None:
        problems.append(Problem(file, f"không có bài viết '{facts.article}' trong articles/", field="article"))
        return []
    text = collapse_spaces(article.text)
    if PROVINCE_TO_FILL in (article.province, article.district) and any(not e.draft for e in facts.entries):
        problems.append(
            Problem(
                file,
                f"bài '{article.id}' chưa có tên tỉnh/huyện (province hoặc district: \"{PROVINCE_TO_FILL}\"): "
                "điền tỉnh, huyện trước khi duyệt mục",
            )
        )
    out: list[Located] = []
    for entry in facts.entries:
        entry_problems = check_provenance(file, entry, text)
        problems.extend(entry_problems)
        if not entry_problems:
            out.append(Located(entry=entry, article=article, file=file))
    return out


def quote_pieces(quote: str) -> list[str]:
    """A quote may join verbatim pieces of one passage with '…' (or '...')."""
    return [collapse_spaces(p) for p in re.split(r"\s*(?:…|\.\.\.)\s*", quote) if p.strip()]


def check_provenance(file: str, entry: Any, article_text: str) -> list[Problem]:
    """What an entry's quote and fields fail against its article: the quote's pieces must occur
    in order in ``article_text`` (the article with its spaces collapsed), every number a user sees
    in the quote, every verbatim field word for word in it. The drafter runs it on each candidate."""
    problems: list[Problem] = []
    position = 0
    for piece in quote_pieces(entry.quote):
        found = article_text.find(piece, position)
        if found < 0:
            problems.append(
                Problem(
                    file, f"đoạn trích không có nguyên văn trong bài: {piece[:80]!r}", entry=entry.id, field="quote"
                )
            )
            return problems
        position = found + len(piece)
    quote = collapse_spaces(entry.quote)
    quoted_numbers = set(numbers(quote))
    for name, value in entry.shown_fields().items():
        for number in numbers(value):
            if number not in quoted_numbers:
                problems.append(
                    Problem(file, f"con số {number} không có trong đoạn trích (quote)", entry=entry.id, field=name)
                )
    folded_quote = fold(quote) if entry.VERBATIM else ""
    for name in entry.VERBATIM:
        value = getattr(entry, name, None)
        if value and fold(collapse_spaces(value)) not in folded_quote:
            problems.append(Problem(file, "không có nguyên văn trong đoạn trích (quote)", entry=entry.id, field=name))
    return problems
