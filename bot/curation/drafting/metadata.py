"""An article's metadata from its cleaned text: title, date, author, district, province."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from bot.curation.drafting import divisions
from bot.curation.drafting.vietnamese import CAP_WORD, PHRASE_OPENERS, UPPER
from bot.knowledge.schema import PROVINCE_TO_FILL
from bot.language import lexicon, today_map
from bot.language.folding import collapse_spaces, fold

CAPITALISED = CAP_WORD
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_AUTHOR_LINE = re.compile(
    r"^(?:Tác giả(?: bài viết)?|Người viết|Bài(?: và ảnh|, ảnh| - ảnh)?|Tin(?: và ảnh|, ảnh)?|Nguồn)"
    r"\s*:\s*(?P<name>.+?)\.?$"
)
_INITIALS = re.compile(rf"^(?:[{UPPER}]\.)+[{UPPER}]\.?$")  # "M.X", "T.H."
HEADER_LINES = 6
# a dateline: a weekday, a time or "cập nhật" beside the date ("Cập nhật: 10:35, Thứ Hai, 05/07/2021")
_DATELINE = re.compile(
    r"\b(?:[Tt]hứ (?:hai|ba|tư|năm|sáu|bảy|Hai|Ba|Tư|Năm|Sáu|Bảy)|[Cc]hủ nhật|[Cc]ập nhật|[Nn]gày đăng|\d{1,2}:\d{2})"
)
DATELINE_WORDS = 20
TITLE_MAX_WORDS = 40  # a longer line is the lead, not a title
LEAD_MIN_WORDS = 12  # a line this long that ends with a full stop is the lead
_URL = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")
# A district as articles name it: "huyện Trà Cú", "Huyện ủy Trà Cú", "thị xã Nghĩa Lộ", "Thị ủy
# Nghĩa Lộ", "TX Bình Minh", "thành phố Dĩ An", "TP. Dĩ An", "Thành ủy Dĩ An", "quận 3".
_DIVISION_MENTION = re.compile(
    rf"\b(?P<division>[Hh]uyện(?: ủy| uỷ)?|HUYỆN|[Tt]hị xã|THỊ XÃ|[Tt]hị ủy|[Tt]hị uỷ|TX\.?|[Tt]hành phố|THÀNH PHỐ"
    rf"|[Tt]hành ủy|[Tt]hành uỷ|TP\.?|[Qq]uận(?: ủy| uỷ)?)"
    rf"[ \t]+(?P<name>(?:{CAPITALISED}|\d+)(?:[ \t]+{CAPITALISED}){{0,3}})"
)
_DIVISION_OF_MENTION = {
    "huyen": "huyện",
    "huyen uy": "huyện",
    "thi xa": "thị xã",
    "thi uy": "thị xã",
    "tx": "thị xã",
    "thanh pho": "thành phố",
    "thanh uy": "thành phố",
    "tp": "thành phố",
    "quan": "quận",
    "quan uy": "quận",
}
# "Phù Cát: Phát động mô hình…": a headline that opens with the district's name
_HEADLINE_PLACE = re.compile(rf"^(?P<name>{CAPITALISED}(?:[ \t]+{CAPITALISED}){{0,3}})[ \t]*:")
_COMMUNE_MENTION = re.compile(
    rf"\b(?:[Tt]hị trấn|xã|phường)[ \t]+(?P<name>{CAPITALISED}(?:[ \t]+{CAPITALISED}){{0,3}})"
)


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
    division: str | None = None  # "huyện", "thị xã", "thành phố", "quận": what the article calls it
    url: str | None = None  # the page's address, when the copy carries it
    notes: list[str] = field(default_factory=list)


def slug(text: str, max_length: int = 48) -> str:
    out = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if len(out) > max_length:
        out = out[:max_length].rsplit("-", 1)[0]
    return out or "bai"


def _lines(text: str) -> list[str]:
    return [collapse_spaces(line) for line in text.split("\n") if line.strip()]


def find_url(lines: list[str]) -> str | None:
    return next((line.strip() for line in lines[:HEADER_LINES] if _URL.match(line)), None)


def find_title(lines: list[str]) -> str | None:
    """The headline: the longest short line above the prose (a section label above it is
    shorter; of two as long, the later). None when the page starts with its lead."""
    candidates: list[str] = []
    for line in lines[:HEADER_LINES]:
        words = line.split()
        if _URL.match(line) or len(words) < 4 or (_DATE.search(line) and (len(words) < 12 or _DATELINE.search(line))):
            continue  # the address, a section label ("LAI VUNG") or the dateline
        if len(words) > TITLE_MAX_WORDS or (len(words) >= LEAD_MIN_WORDS and line.rstrip().endswith((".", "…"))):
            break  # the lead: a headline does not end with a full stop
        candidates.append(line)
    # of lines as long, the one nearest the prose: a site's menu or section line stands above its headline
    return max(reversed(candidates), key=lambda line: len(line.split())) if candidates else None


def title_from_url(url: str, text: str) -> str | None:
    """The address's words ("anh-son-bieu-duong-43-dien-hinh-…"), with the diacritics the
    article gives the same syllables; None when the address carries no words."""
    path = re.sub(r"^\w+://[^/]+", "", url).rstrip("/").rsplit("/", 1)[-1]
    path = re.sub(r"\.(?:html?|aspx?|php|epi)$", "", path)
    words = [w for w in re.split(r"[-_]+", path) if w]
    while words and (re.fullmatch(r"(?:post|a|c|d|ct|bc|id)?\d+|[a-z]?\d[\w]*", words[-1]) or len(words[-1]) > 12):
        words = words[:-1]  # the page's id: "post58056", "a4907", "bc6a"
    if len(words) < 3:
        return None
    # the article's words, folded, with where each is printed: a run of the address's words found
    # in the article is taken as printed ("Chỉ thị 05-CT/TW"), a lone word in its commonest form
    text = "\n".join(line for line in text.split("\n") if not _URL.match(line))  # not the address itself
    found = [(fold(m.group(0)), m.start(), m.end()) for m in re.finditer(r"\w+", text)]
    folded = [f for f, _, _ in found]
    common: dict[str, Counter[str]] = {}
    for key, start, end in found:
        common.setdefault(key, Counter())[text[start:end]] += 1
    out: list[str] = []
    i = 0
    while i < len(words):
        run, at = _longest_run(words[i:], folded)
        if run >= 2:
            out.append(text[found[at][1] : found[at + run - 1][2]])
            i += run
            continue
        forms = common.get(words[i])
        out.append(forms.most_common(1)[0][0] if forms else words[i])
        i += 1
    joined = " ".join(out)
    return joined[:1].upper() + joined[1:]


def _longest_run(words: list[str], folded: list[str]) -> tuple[int, int]:
    """(length, position) of the longest prefix of ``words`` found in ``folded`` in a row."""
    best = (0, 0)
    for at in range(len(folded)):
        length = 0
        while length < len(words) and at + length < len(folded) and folded[at + length] == words[length]:
            length += 1
        if length > best[0]:
            best = (length, at)
    return best


def find_date(lines: list[str], title: str | None = None) -> dt.date | None:
    """The publication date, from a short line at the top or the bottom (the dateline). A date
    above the title is the site's (today's date in its header) when one follows the title."""
    head = lines[:HEADER_LINES]
    if title in head:
        at = head.index(title)
        head = head[at + 1 :] + head[:at]
    for line in [*head, *lines[-3:]]:
        if len(line.split()) > 12 and not (_DATELINE.search(line) and len(line.split()) <= DATELINE_WORDS):
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


def _known_prefix(words: list[str]) -> str | None:
    """The longest run of the words that the administrative list knows as a district, spelled
    as the article spells it when the list has that spelling ("Phú Ninh", not "Phù Ninh")."""
    for size in range(len(words), 0, -1):
        printed = " ".join(words[:size])
        names = divisions.district_names(fold(printed))
        if names:
            return printed if printed in names else names[0]
    return None


def _district_mentions(text: str) -> tuple[Counter[str], dict[str, Counter[str]]]:
    """District names after a division word ("huyện", "Thị ủy", "TX"…), as the list prints them
    when it knows them, and the division each mention gives."""
    found: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = {}
    for match in _DIVISION_MENTION.finditer(text):
        words = match.group("name").split()
        if fold(words[0]) in lexicon.NOT_DISTRICT_AFTER_HUYEN:
            continue
        division = _DIVISION_OF_MENTION.get(fold(match.group("division")).rstrip("."), "huyện")
        known = _known_prefix(words)
        if known is None and not match.group("division").lower().startswith(("huyện", "thị xã", "thành phố")):
            continue  # "TP Hồ Chí Minh", "Thành ủy Hà Nội": short forms only for names the list knows
        name = known or " ".join(words[:2])
        found[name] += 1
        kinds.setdefault(name, Counter())[division] += 1
    return found, kinds


def _commune_districts(text: str) -> Counter[str]:
    """The districts of the communes and towns the article names ("thị trấn Bắc Hà")."""
    found: Counter[str] = Counter()
    for match in _COMMUNE_MENTION.finditer(text):
        for commune in today_map.communes().get(today_map.run_together(match.group("name")), ()):
            found[commune.district] += 1
    return found


def find_district(title: str | None, text: str) -> tuple[str | None, str | None]:
    """(district, division as the article names it)."""
    scores, kinds = _district_mentions(text)
    folded_title = f" {fold(title)} " if title else ""
    headline = _HEADLINE_PLACE.match(title or "")
    if headline:
        known = _known_prefix(headline.group("name").split())
        if known:
            scores[known] += 3
    for name in list(scores):
        if f" {fold(name)} " in folded_title:
            scores[name] += 3
    towns = _commune_districts(text)
    for name in list(scores):
        scores[name] += towns.get(name, 0)
    if not scores:
        # only communes: the district most of them belong to, when one does
        top = towns.most_common(2)
        if top and (len(top) == 1 or top[0][1] > top[1][1]):
            return top[0][0], None
        return None, None
    district = scores.most_common(1)[0][0]
    division = kinds[district].most_common(1)[0][0] if district in kinds else None
    return district, division


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
    url = find_url(lines)
    title = find_title(lines)
    notes: list[str] = []
    if title is None and url:
        title = title_from_url(url, text)
        if title:
            notes.append(f"Tựa đề lấy từ địa chỉ trang ({url}), dấu theo chữ trong bài: cần kiểm tra.")
    district, division = find_district(title, text)
    if title is None:
        leads = [line for line in lines if not _URL.match(line) and len(line.split()) >= 4]
        # a lead that lists who attended says nothing of what was held: the next one does
        first = next((line for line in leads if not _ATTENDANCE.match(line)), leads[0] if leads else "")
        title = _shortened(first) or "Bài không có tựa đề"
        notes.append("CẦN ĐIỀN TỰA ĐỀ: trang không có dòng tựa đề; tựa đề tạm là câu mở đầu của bài.")
    if district is None:
        district = PROVINCE_TO_FILL
        notes.append(
            f'CẦN ĐIỀN HUYỆN: không tìm thấy tên huyện trong bài; thay district: "{PROVINCE_TO_FILL}" và mã bài.'
        )
    province, in_text, note = find_province(district, text)
    if note:
        notes.append(note)
    if division is None and province != PROVINCE_TO_FILL:
        division = today_map.division_of(district, province)
    date = find_date(lines, title)
    if date is None:
        partial = _PARTIAL_DATE.search(" ".join(lines[:3]))
        notes.append(
            f'Bài chỉ ghi "{partial.group(0)}", không có năm: cần điền ngày đăng nếu biết.'
            if partial
            else "Bài không ghi ngày đăng."
        )
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
        division=division,
        url=url,
        notes=notes,
    )


_PARTIAL_DATE = re.compile(r"\b(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Nn]gày|[Đđ]êm)\s+\d{1,2}/\d{1,2}\b(?!/)")


_ATTENDANCE = re.compile(r"^\s*(?:[Tt]ham dự|[Đđ]ến dự|[Dd]ự)\b[^.]{0,40}\bcó\b")
_OPENING_CLAUSE = re.compile(
    r"^(?:\([^()]{1,12}\)\s*[-–]\s*|(?:[Nn]gày|[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Đđ]êm)(?:\s+(?:nay|qua|ngày))?\s+\d[^,]{0,20},\s*"
    r"|(?:[Tt]ại|[Nn]hân dịp|[Tt]hông qua|[Tt]riển khai|[Tt]hực hiện|[Qq]ua)\s[^,]{1,80},\s*)"
)
# what follows the head of a lead sentence: whose document, about what, on what day
_TITLE_TAIL = re.compile(r"\s+(?:của|về)\s|,\s*ngày\s+\d|\s*[“\"(]")


def _shortened(line: str, limit: int = 120) -> str:
    """The opening words of the lead, verbatim (an article's title is found in its text): the
    first sentence, or its clauses up to ``limit`` characters."""
    first = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0].rstrip(".")
    # "Ngày 22/4, tại tỉnh Thanh Hóa, Huyện ủy Yên Định tổ chức …": from the subject on, without
    # the day, the place or the occasion that open the sentence
    while True:
        opening = _OPENING_CLAUSE.match(first)
        if not opening or len(first[opening.end() :].split()) < 6:
            break
        first = first[opening.end() :]
    # "… Hội nghị sơ kết 5 năm thực hiện Chỉ thị số 05-CT/TƯ | của Bộ Chính trị khóa XII về “…”":
    # what the conference reviews is told in the text
    tail = _TITLE_TAIL.search(first)
    if tail and len(first[: tail.start()].split()) >= 6:
        first = first[: tail.start()]
    if len(first) <= limit:
        return first
    cuts = [m.start() for m in re.finditer(r"[,;:]", first) if 30 <= m.start() <= limit]
    if cuts:
        return first[: cuts[-1]]
    words = first[:limit].rsplit(" ", 1)[0].split()
    # cut short: before the last phrase that opens, not in the middle of it ("… tiêu biểu | trong học tập")
    opens = [i for i, w in enumerate(words) if i >= 6 and w.lower() in PHRASE_OPENERS]
    return " ".join(words[: opens[-1]] if opens else words).rstrip(" ,;:")
