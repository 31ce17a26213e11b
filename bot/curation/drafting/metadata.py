"""An article's metadata from its cleaned text: title, date, author, district, province."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from bot.curation.drafting import divisions
from bot.curation.drafting.vietnamese import CAP_WORD, UPPER
from bot.knowledge.schema import PROVINCE_TO_FILL
from bot.language import lexicon
from bot.language.folding import collapse_spaces, fold

CAPITALISED = CAP_WORD
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_AUTHOR_LINE = re.compile(
    r"^(?:Tác giả(?: bài viết)?|Người viết|Bài(?: và ảnh|, ảnh| - ảnh)?|Tin(?: và ảnh|, ảnh)?|Nguồn)"
    r"\s*:\s*(?P<name>.+?)\.?$"
)
_INITIALS = re.compile(rf"^(?:[{UPPER}]\.)+[{UPPER}]\.?$")  # "M.X", "T.H."
HEADER_LINES = 6


@dataclass
class Metadata:
    """An article's drafted front matter: the writer prints these fields, in this order."""

    id: str
    title: str
    district: str
    province: str
    province_in_text: bool
    date: dt.date | None
    author: str | None
    notes: list[str] = field(default_factory=list)


def slug(text: str, max_length: int = 48) -> str:
    out = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if len(out) > max_length:
        out = out[:max_length].rsplit("-", 1)[0]
    return out or "bai"


def _lines(text: str) -> list[str]:
    return [collapse_spaces(line) for line in text.split("\n") if line.strip()]


def find_title(lines: list[str]) -> str:
    for line in lines[:HEADER_LINES]:
        words = line.split()
        if len(words) < 4 or _DATE.search(line):
            continue  # a section label ("LAI VUNG") or the dateline
        return line
    return lines[0] if lines else ""


def find_date(lines: list[str]) -> dt.date | None:
    """The publication date, from a short line at the top or the bottom (the dateline)."""
    for line in [*lines[:HEADER_LINES], *lines[-3:]]:
        if len(line.split()) > 12:
            continue
        match = _DATE.search(line)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                continue
    return None


def find_author(lines: list[str]) -> str | None:
    for line in lines:
        match = _AUTHOR_LINE.match(line)
        if match and len(match.group("name").split()) <= 6:
            return match.group("name").strip()
    if not lines:
        return None
    last = lines[-1].rstrip(".").strip()
    words = last.split()
    if _INITIALS.match(last):
        return last
    if 2 <= len(words) <= 5 and not re.search(r"[\d():;,\"“”]", last) and all(w[0].isupper() for w in words):
        return last
    return None


def _district_mentions(text: str) -> Counter[str]:
    """District names after "huyện"/"Huyện ủy", as the list prints them when it knows them."""
    found: Counter[str] = Counter()
    pattern = re.compile(rf"\b(?:[Hh]uyện(?: ủy)?|HUYỆN)\s+((?:{CAPITALISED})(?:\s+{CAPITALISED}){{0,3}})")
    for match in pattern.finditer(text):
        words = match.group(1).split()
        if fold(words[0]) in lexicon.NOT_DISTRICT_AFTER_HUYEN:
            continue
        name = None
        for size in range(len(words), 0, -1):
            name = divisions.district_name(fold(" ".join(words[:size])))
            if name:
                break
        found[name or " ".join(words[:2])] += 1
    return found


def find_district(title: str, text: str) -> str | None:
    scores = _district_mentions(text)
    folded_title = f" {fold(title)} "
    for name in list(scores) or divisions.all_district_names():
        if f" {fold(name)} " in folded_title:
            scores[name] += 3
    return scores.most_common(1)[0][0] if scores else None


def find_province(district: str, text: str) -> tuple[str, bool, str | None]:
    """(province, named in the text?, a note for the curator)."""
    folded_text = fold(text)
    # "huyện Châu Thành (Bến Tre)", "huyện X, tỉnh Y": the province the text attaches to the district
    attached = re.compile(rf"{re.escape(fold(district))}\s*(?:\(|,|-)?\s*(?:tinh\s+)?([a-z ]+?)\s*(?:\)|,|\.|:|$)")
    for match in attached.finditer(folded_text):
        name = divisions.province_name(match.group(1).strip())
        if name:
            return name, True, None
    candidates = divisions.provinces_of(district)
    named = [p for p in candidates if fold(p) in folded_text]
    if len(named) == 1:
        return named[0], True, None
    if len(candidates) == 1:
        province = candidates[0]
        return (
            province,
            False,
            f"Bài không ghi tên tỉnh; huyện {district} thuộc tỉnh {province} theo danh mục hành chính "
            f"{divisions.SOURCE}: cần kiểm tra.",
        )
    where = ", ".join(candidates) if candidates else "không có trong danh mục hành chính"
    return (
        PROVINCE_TO_FILL,
        False,
        f"CẦN ĐIỀN TỈNH: bài không ghi tên tỉnh và tên huyện {district} không chỉ ra một tỉnh ({where}); "
        f'thay province: "{PROVINCE_TO_FILL}" bằng tên tỉnh trước khi duyệt.',
    )


def extract(text: str, source_file: str) -> Metadata:
    lines = _lines(text)
    title = find_title(lines)
    notes: list[str] = []
    district = find_district(title, text)
    if district is None:
        district = PROVINCE_TO_FILL
        notes.append(
            f'CẦN ĐIỀN HUYỆN: không tìm thấy tên huyện trong bài; thay district: "{PROVINCE_TO_FILL}" và mã bài.'
        )
    province, in_text, note = find_province(district, text)
    if note:
        notes.append(note)
    date = find_date(lines)
    if date is None:
        notes.append("Bài không ghi ngày đăng.")
    author = find_author(lines)
    if author is None:
        notes.append("Bài không ghi tên tác giả.")
    return Metadata(
        id=slug(district) if district != PROVINCE_TO_FILL else slug(source_file.rsplit(".", 1)[0]),
        title=title,
        district=district,
        province=province,
        province_in_text=in_text,
        date=date,
        author=author,
        notes=notes,
    )
