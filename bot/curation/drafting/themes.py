"""Themes, mottos, plans and ways of working an article states.

- a quoted wording after its cue: phương châm “Nói đi đôi với làm”, khẩu hiệu “…”, chủ đề năm
  2024 (là) “…”: the wording is the theme's name;
- a plan: a sentence that opens by saying what comes next ("Thời gian tới, huyện tập trung …",
  "Về nhiệm vụ giai đoạn 2021-2025, …") or says what was set ("đề ra 5 nhóm giải pháp");
The category comes from the cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# cue as printed (any case) → category of the knowledge schema (ThemeCategory)
_QUOTED_CUES: tuple[tuple[str, str], ...] = (
    ("phương châm", "phương châm"),
    ("khẩu hiệu", "khẩu hiệu"),
    ("chủ đề", "chủ đề"),
    ("thông điệp", "khẩu hiệu"),
)
_QUOTED = re.compile(
    r"(?<!\w)(?P<cue>"
    + "|".join(re.escape(c) for c, _ in _QUOTED_CUES)
    + r")(?P<gap>(?:\s+(?:năm\s+\d{4}(?:\s*[-–]\s*\d{4})?|toàn khóa|hành động|của năm|\d{4}(?:\s*[-–]\s*\d{4})?))?"
    r"\s*(?:là|:|về)?\s*)"
    r"[“\"](?P<name>[^“”\"]{3,200})[”\"]",
    re.IGNORECASE,
)
# "Thời gian tới, …", "Về nhiệm vụ giai đoạn 2021-2025, …": a sentence that says what comes next
_PLAN_OPENING = re.compile(
    r"^(?:[\"“(]?\s*)(?:Thời gian tới|Trong thời gian tới|Thời gian tới đây|Sắp tới|Tới đây|Năm tới|Trong năm tới|"
    r"Về (?:nhiệm vụ|phương hướng|giải pháp|mục tiêu)|Phương hướng|Nhiệm vụ (?:trọng tâm|thời gian tới)|"
    r"Để (?:tiếp tục|thực hiện|nâng cao|đưa)|Giai đoạn \d{4}\s*[-–]\s*\d{4}\s*,)",
    re.IGNORECASE,
)
_PLAN_WORDS = re.compile(r"\b(?:đề ra|xác định|đặt ra)\b[^.;]{0,60}\b(?:nhiệm vụ|giải pháp|mục tiêu|chỉ tiêu)\b", re.I)
_CATEGORY_OF_PLAN = (("giải pháp", "giải pháp"), ("nhiệm vụ", "nhiệm vụ"), ("mục tiêu", "nhiệm vụ"))


@dataclass(frozen=True)
class ThemeFind:
    category: str
    name: str | None  # the quoted wording, verbatim
    start: int  # where it is in the sentence
    end: int


def find_themes(text: str) -> list[ThemeFind]:
    """The themes of one sentence: its quoted wordings, or the sentence itself as a plan."""
    found: list[ThemeFind] = []
    for match in _QUOTED.finditer(text):
        cue = match.group("cue").lower()
        category = next(c for k, c in _QUOTED_CUES if k == cue)
        found.append(ThemeFind(category, match.group("name").strip(), match.start(), match.end()))
    if found:
        return found
    if _PLAN_OPENING.match(text) or _PLAN_WORDS.search(text):
        lowered = text.lower()
        category = next((c for word, c in _CATEGORY_OF_PLAN if word in lowered), "kế hoạch")
        return [ThemeFind(category, None, 0, len(text))]
    return []
