"""When a result was achieved, as the article says it: "Trong 02 năm qua", "từ năm 2022 đến 7/2023"…"""

from __future__ import annotations

import re

_YEAR = r"(?:19|20)\d{2}"
_MONTH_YEAR = r"\d{1,2}/(?:19|20)\d{2}"
_PERIOD = re.compile(
    r"(?:"
    rf"[Tt]ừ (?:tháng |năm )?(?:{_MONTH_YEAR}|{_YEAR})"
    rf"(?: đến (?:nay|hết năm {_YEAR}|tháng {_MONTH_YEAR}|tháng \d{{1,2}}|{_MONTH_YEAR}|năm {_YEAR}|{_YEAR}))?"
    rf"|(?:[Tt]rong|[Qq]ua|[Ss]au|[Tt]rong thời gian|[Hh]ơn) (?:\d+|hai|ba|bốn|năm) (?:năm|tháng)(?: qua| gần đây)?"
    rf"(?: (?:triển khai )?(?:thực hiện|triển khai) [^,;.]{{0,40}}?(?=,|;|\.|$| đã| có| huyện))?"
    rf"(?: \(từ [^)]*\))?"
    rf"|[Gg]iai đoạn {_YEAR}\s*[-–]\s*{_YEAR}"
    rf"|(?:[Tt]rong |[Cc]ả )?[Nn]ăm {_YEAR}(?:\s*(?:-|–|và)\s*(?:năm )?{_YEAR})*(?: và \d+ tháng(?: đầu)? năm {_YEAR})?"
    rf"|\d+ tháng(?: đầu)? năm {_YEAR}"
    rf"|[Nn]hiệm kỳ {_YEAR}\s*[-–]\s*{_YEAR}"
    rf"|[Hh][àằ]ng năm|[Hh][àằ]ng tháng|[Hh]iện nay|[Đđ]ến nay|[Hh]iện tại"
    rf"|[Tt]rong (?:đại dịch|đợt)[^,;.]{{0,40}}?(?=,|;|\.| đã)"
    r")"
)


def find_period(text: str) -> re.Match[str] | None:
    """The first period expression of a clause or sentence."""
    return _PERIOD.search(text)


def all_periods(text: str) -> list[re.Match[str]]:
    return list(_PERIOD.finditer(text))
