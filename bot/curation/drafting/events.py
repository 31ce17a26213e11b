"""Events and dates an article names: anniversaries, reviews, launch ceremonies."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.curation.drafting.vietnamese import GREETING_WORDS, NATIONAL_OCCASIONS
from bot.language.folding import fold

_END = r"(?=\s*[,;.(]|\s+(?:bằng|gắn|với|và|đã|tạo|huyện đã|Huyện ủy|trong thời gian|là)\b|$)"
_PATTERNS = (
    re.compile(rf"(?:[Kk]ỷ niệm|[Đđ]ánh dấu|chào mừng)\s+\d+\s+(?:năm\s+)?[^,;.()“”\"]+?{_END}"),
    re.compile(
        r"(?:[Hh]ội nghị\s+)?(?:[Ss]ơ kết|[Tt]ổng kết)\s+\d+\s+năm\s+(?:thực hiện|triển khai)\s+"
        r"(?:Chỉ thị|Kết luận|Nghị quyết)[^,;.()]*?(?=\s+(?:gắn|của|tại|đã|và)\b|[,;.()]|$)"
    ),
    re.compile(
        r"[Ll]ễ (?:phát động|kỷ niệm|khánh thành|ra mắt|tuyên dương|báo công|biểu dương)[^,;.“\"]*"
        r"(?:[“\"][^”\"]*[”\"])?(?: năm \d{4})?"
    ),
    re.compile(r"(?:[Đđ]ại hội|[Hh]ội nghị)\s+(?:điển hình|biểu dương|tuyên dương)[^,;.()]*?(?=[,;.()]|$)"),
    re.compile(
        r"(?:[Bb]uổi |[Cc]hương trình )?(?:[Tt]ọa đàm|[Gg]iao lưu)(?: điển hình| biểu dương| các điển hình)?"
        r"[^,;.()]{0,80}?(?=[,;.()]|$)"
    ),
)
_DATES = re.compile(r"^\s*\(([^()]*\d{4}[^()]*)\)")
# two years in one bracket: a span of dates ("19/5/1890 – 19/5/2023", "1930 - 2023")
_SPAN_OF_DATES = re.compile(r"(?<!\d)\d{4}(?!\d).*?(?<!\d)\d{4}(?!\d)")
# the gathering held for an anniversary, named right before it ("tổ chức tọa đàm kỷ niệm 86 năm …")
# ("Lễ báo công dâng Bác nhân kỷ niệm 133 năm …": its own words, then "nhân")
_HELD_BEFORE = re.compile(
    r"(?<!\w)(?:[Bb]uổi\s+|[Hh]ội nghị\s+)?(?:[Tt]ọa đàm|[Gg]ặp mặt|[Mm]ít tinh|[Hh]ội thảo|[Ll]ễ|[Hh]ội nghị)"
    r"(?:(?:\s+[^\s,;.()“”\"]+){1,4}?\s+nhân(?:\s+dịp)?)?\s+$"
)
_YEAR = re.compile(r"\bnăm \d{4}\b")


@dataclass(frozen=True)
class EventFind:
    name: str
    date: str | None
    start: int
    end: int


def find_events(text: str) -> list[EventFind]:
    """The events a sentence names. An anniversary ("kỷ niệm 133 năm Ngày sinh Bác") is the
    occasion, not the event, when the sentence names the conference or ceremony held for it."""
    found = [e for e in _finds(text) if not _greeted_national(text, e)]
    held = [e for e in found if not _ANNIVERSARY.match(e.name)]
    return held if held else found


_ANNIVERSARY = re.compile(r"(?:[Kk]ỷ niệm|[Đđ]ánh dấu|chào mừng)\s+\d")
_GREETED = re.compile(r"(?<!\w)(?:" + "|".join(GREETING_WORDS) + r")(?!\w)", re.IGNORECASE)
_HOLDS = re.compile(r"(?<!\w)tổ chức\s+(?:lễ\s+|buổi\s+)?(?:kỷ niệm\s+)?$", re.IGNORECASE)
GREETING_REACH = 160  # characters back from an anniversary to the word greeting it, across a list of them


def _greeted_national(text: str, event: EventFind) -> bool:
    """ "… có ý nghĩa chào mừng kỷ niệm 64 năm Cách mạng Tháng Tám và Quốc khánh 2/9, kỷ niệm 40
    năm thực hiện Di chúc của Bác": the nation's anniversaries that what the page tells of greets."""
    if not _ANNIVERSARY.match(event.name):
        return False
    if _HOLDS.search(text[: event.start]):
        return False  # "… tổ chức kỷ niệm chào mừng 60 năm ngày truyền thống Hội LHTN Việt Nam": held, not greeted
    before = text[max(0, event.start - GREETING_REACH) : event.start + len("chào mừng")]
    folded = " ".join(re.findall(r"\w+", fold(event.name)))  # "Thương binh - Liệt sĩ": the words only
    return bool(_GREETED.search(before)) and any(o in folded for o in NATIONAL_OCCASIONS)


def _finds(text: str) -> list[EventFind]:
    found: list[EventFind] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(s <= match.start() < e or match.start() <= s < match.end() for s, e in taken):
                continue
            start = match.start()
            held = _HELD_BEFORE.search(text[:start]) if pattern is _PATTERNS[0] else None
            if held:
                start = held.start()  # "tọa đàm kỷ niệm 86 năm ngày thành lập Đoàn": the gathering held
            name, end = _closed(text, text[start : match.end()].strip(), start, match.end())
            if len(name.split()) < 3:
                continue
            taken.append((start, end))
            dates = _DATES.match(text[end:])
            if dates and held and _SPAN_OF_DATES.search(dates.group(1)):
                # "tọa đàm kỷ niệm 86 năm … (26-3-1931/26-3-2017)": the anniversary's first day and
                # this year's, not the day the gathering was held (an anniversary alone keeps them)
                dates = None
            year = _YEAR.search(name)
            date = dates.group(1).strip() if dates else (year.group(0) if year else None)
            found.append(EventFind(name, date, start, end))
    found.sort(key=lambda e: e.start)
    return found


QUOTED_TITLE_REACH = 200  # characters from a name's open quote to its closing one
_CLOSING_QUOTE = re.compile(r"[”\"]")


def _closed(text: str, name: str, start: int, end: int) -> tuple[str, int]:
    """A name whose quoted title the pattern cut at a comma inside it ("tọa đàm “Giải pháp đẩy
    mạnh việc học tập …, đạo đức, phong cách … trong giai đoạn mới\"") goes on to its closing quote."""
    if name.count("“") <= name.count("”") + name.count('"'):
        return name, end
    closing = _CLOSING_QUOTE.search(text, end, end + QUOTED_TITLE_REACH)
    if not closing or re.search(r"[.;]\s", text[end : closing.start()]):
        return name, end  # left open: the drafter leaves the cut name out
    return text[start : closing.end()].strip(), closing.end()


# ---------------------------------------------------------------- what the article says of an event

_DAY = r"\d{1,2}(?:\s*(?:,|và|-|–)\s*\d{1,2})*\s?/\s?\d{1,2}(?:\s?/\s?\d{4})?"
# "Sáng 22/5", "chiều 19/5/2021", "ngày 17/5", "Ngày 18, 19/11": when it was held
_WHEN = re.compile(rf"(?<!\w)(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Nn]gày|[Đđ]êm)(?:\s+nay)?\s+(?:ngày\s+)?{_DAY}")
# "tại Hội trường Trung tâm Chính trị huyện", "tại Khu di tích … (huyện Nam Đàn, tỉnh Nghệ An)"
_WHERE = re.compile(r"(?<!\w)tại\s+(?P<place>[A-ZĐÀ-Ỹ][^,;.]*?(?:\([^()]*\))?)(?=\s*[,;.]|\s+(?:với|nhằm|để|có)\b|$)")
_ATTENDED = re.compile(
    r"(?:(?:[Tt]ham dự|[Đđ]ến dự|[Dd]ự)(?:\s+(?:hội nghị|buổi lễ|lễ|chương trình|buổi giao lưu))?(?:\s+còn)?\s+có"
    r"|[Tt]ham dự(?: còn có)?)\s+(?P<who>[^.]+)"
)


@dataclass(frozen=True)
class EventDetails:
    date: str | None = None
    place: str | None = None
    chair: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    attendees: tuple[str, ...] = ()
    quoted: tuple[str, ...] = ()  # the sentences saying it, to join to the quote


def when_of(text: str) -> str | None:
    match = _WHEN.search(text)
    return match.group(0) if match else None


def undated(name: str) -> str:
    """An event's name without the day it was held ("giao lưu sáng nay 19/5" → "giao lưu")."""
    return " ".join(_WHEN.sub(" ", name).split())


def where_of(text: str) -> str | None:
    match = _WHERE.search(text)
    return match.group("place").strip() if match else None


def attendees_of(text: str) -> tuple[str, ...]:
    """ "Tham dự có đồng chí A, Phó Trưởng ban …; lãnh đạo các ban … và bí thư 9 xã" → its items."""
    match = _ATTENDED.search(text)
    if not match:
        return ()
    who = match.group("who")
    parts = re.split(
        r";\s*|,\s*(?=(?:lãnh đạo|đại diện|các|bí thư|cùng|đồng chí)\b)|\s+cùng\s+|\s+và\s+(?=\S+\s+\S+)", who
    )
    return tuple(p.strip(" ,") for p in parts if len(p.split()) >= 2)
