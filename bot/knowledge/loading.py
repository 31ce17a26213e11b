"""Loading a knowledge directory: read it all, validate it fully, return an immutable base.

:func:`load` returns a :class:`~bot.knowledge.schema.KnowledgeBase`, or raises
:class:`~bot.knowledge.problems.KnowledgeError` listing every problem with its file, entry and
field; provenance is checked by :mod:`bot.knowledge.provenance`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any

import frontmatter
import yaml
from pydantic import StringConstraints, ValidationError

from bot.knowledge.problems import KnowledgeError, Problem
from bot.knowledge.provenance import check_provenance
from bot.knowledge.schema import (
    _ARTICLE_META,
    DRAFTER_NOTE,
    KINDS,
    PROVINCE_TO_FILL,
    Article,
    FactFile,
    KnowledgeBase,
    Located,
    _Strict,
)
from bot.knowledge.yaml_reading import LOADER as YAML_LOADER
from bot.knowledge.yaml_reading import read_all, read_text, yaml_reason
from bot.language.folding import collapse_spaces, fold

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
    # …nor one the drafter wrote with nothing drafted (a page with no figure): until a curator has
    # read it, its words are not the bot's to quote
    with_entries = {e.article.id for e in served}
    unreviewed |= {
        k for k, a in articles.items() if k not in with_entries and any(n.startswith(DRAFTER_NOTE) for n in a.notes)
    }
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
        if value and collapse_spaces(value) not in text and not (name == "title" and _in_address(value, article.url)):
            problems.append(Problem(_rel(path), "không có trong nội dung bài", field=name))
    if article.province_in_text and fold(article.province) not in fold(text):
        problems.append(Problem(_rel(path), "không có trong nội dung bài (province_in_text: true)", field="province"))
    if article.date and not _date_in_text(article.date, text):
        problems.append(Problem(_rel(path), "ngày đăng không có trong nội dung bài", field="date"))
    return article


def _in_address(title: str, url: str | None) -> bool:
    """A title only the page's address gives: its words are the address's ("…/anh-son-bieu-duong-43-…")."""
    if not url:
        return False
    words = re.sub(r"[^a-z0-9]+", " ", fold(title)).split()
    return bool(words) and "-".join(words) in re.sub(r"[^a-z0-9]+", "-", fold(url))


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
