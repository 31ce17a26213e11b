"""Events and dates an article names: anniversaries, reviews, launch ceremonies."""

from __future__ import annotations

import re
from dataclasses import dataclass

_END = r"(?=\s*[,;.(]|\s+(?:bằng|gắn|với|và|đã|tạo|huyện đã|Huyện ủy|trong thời gian|là)\b|$)"
_PATTERNS = (
    re.compile(rf"(?:[Kk]ỷ niệm|[Đđ]ánh dấu|chào mừng)\s+\d+\s+(?:năm\s+)?[^,;.()“”\"]+?{_END}"),
    re.compile(
        r"(?:[Hh]ội nghị\s+)?(?:[Ss]ơ kết|[Tt]ổng kết)\s+\d+\s+năm\s+(?:thực hiện|triển khai)\s+"
        r"(?:Chỉ thị|Kết luận|Nghị quyết)[^,;.()]*?(?=\s+(?:gắn|của|tại|đã|và)\b|[,;.()]|$)"
    ),
    re.compile(
        r"Lễ (?:phát động|kỷ niệm|khánh thành|ra mắt|tuyên dương)[^,;.“\"]*"
        r"(?:[“\"][^”\"]*[”\"])?(?: năm \d{4})?"
    ),
    re.compile(r"(?:[Đđ]ại hội|[Hh]ội nghị)\s+(?:điển hình|biểu dương|tuyên dương)[^,;.()]*?(?=[,;.()]|$)"),
)
_DATES = re.compile(r"^\s*\(([^()]*\d{4}[^()]*)\)")
_YEAR = re.compile(r"\bnăm \d{4}\b")


@dataclass(frozen=True)
class EventFind:
    name: str
    date: str | None
    start: int
    end: int


def find_events(text: str) -> list[EventFind]:
    found: list[EventFind] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(s <= match.start() < e or match.start() <= s < match.end() for s, e in taken):
                continue
            name = match.group(0).strip()
            if len(name.split()) < 3:
                continue
            taken.append(match.span())
            dates = _DATES.match(text[match.end() :])
            year = _YEAR.search(name)
            date = dates.group(1).strip() if dates else (year.group(0) if year else None)
            found.append(EventFind(name, date, match.start(), match.end()))
    found.sort(key=lambda e: e.start)
    return found
