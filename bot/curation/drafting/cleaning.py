"""Removing a news site's chrome from an article copied off the page.

A curator copies the whole page: the article, and around it the site's
visitor counters, rating widget, comment box, "related news" lists, login
notices and breadcrumbs. These rules recognise that chrome by what it *is*
(counters are a label and a number, a breadcrumb repeats itself, the trailing
widgets follow the last paragraph of prose), not by what five particular
pages happened to show. What is removed is reported, so a curator can audit it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.language.folding import fold

# Widgets that, once met after the article, only more widgets follow (folded line starts).
TAIL_MARKERS: tuple[str, ...] = (
    "tong so diem cua bai viet",
    "click de danh gia",
    "danh gia bai viet",
    "y kien ban doc",
    "thong ke truy cap",
    "phan hoi",
    "thong tin nguoi gui",
    "gui binh luan",
    "gui y kien",
    "binh luan",
    "cac tin khac",
    "tin khac",
    "tin lien quan",
    "tin cung chuyen muc",
    "bai viet lien quan",
    "bai lien quan",
    "co the ban quan tam",
    "moi nhat",
    "xem nhieu nhat",
    "doc nhieu nhat",
    "lien ket website",
    "lien ket web",
    "trung binh (",
    "ty le trung binh",
    "chia se bai viet",
    "in bai viet",
    "tu khoa",
    "tags",
)
# The same widgets as printed, for when the page glued one to the last line ("Kim ThưCó thể bạn quan tâm").
_GLUED = re.compile(
    r"(?<=\S)(Có thể bạn quan tâm|Các tin khác|Tin liên quan|Ý kiến bạn đọc|Gửi bình luận|Bài viết liên quan"
    r"|Tin cùng chuyên mục|Thống kê truy cập|Tổng số điểm của bài viết)\b.*$"
)
# A counter: a label and a number ("Đang truy cập197", "Tất cả: 3199695", "• Hôm nay57,732").
_COUNTER = re.compile(
    r"^[•·\-*\s]*(đang truy cập|đang online|hôm nay|hôm qua|tuần này|tháng này|tháng hiện tại|năm nay|"
    r"tổng lượt truy cập|tổng truy cập|lượt truy cập|lượt xem|lượt đọc|tất cả|truy cập)\s*:?\s*[\d.,]+\s*$",
    re.IGNORECASE,
)
# Widgets that may stand anywhere on the page (folded, matched from the line's start).
_WIDGET_LINES: tuple[str, ...] = (
    "tong so diem cua bai viet",
    "click de danh gia",
    "ty le trung binh la",
    "trung binh (",
    "thong ke truy cap",
    "y kien ban doc",
    "chia se bai viet",
    "in bai viet",
)
# Session notices, however long they are.
_NOTICES: tuple[str, ...] = (
    "ban da khong su dung site",
    "bam vao day de duy tri trang thai dang nhap",
    "dang nhap de binh luan",
    "vui long dang nhap",
    "phien dang nhap",
)
# "Thứ ba - 26/09/2023 23:57 392 0": a dateline with the page's view and comment counts after the time.
_DATELINE_COUNTS = re.compile(
    r"^(?P<keep>.*\b\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?)(?P<counts>(?:\s+\d+)+)\s*$"
)
PROSE_WORDS = 15  # a line this long is the article's prose, never a widget


@dataclass
class Cleaned:
    text: str
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _is_prose(line: str) -> bool:
    return len(line.split()) >= PROSE_WORDS


def _repeats_itself(line: str) -> bool:
    """A breadcrumb or box heading printed twice: "Thống Kê Truy Cập Thống Kê Truy Cập"."""
    words = line.split()
    half = len(words) // 2
    return len(words) >= 4 and len(words) % 2 == 0 and fold(" ".join(words[:half])) == fold(" ".join(words[half:]))


def _is_notice(line: str) -> bool:
    return fold(line.strip()).startswith(_NOTICES)


def _is_widget(line: str) -> bool:
    if _is_notice(line):
        return True
    if _is_prose(line):
        return False
    folded = fold(line.strip())
    return bool(_COUNTER.match(line)) or folded.startswith(_WIDGET_LINES) or _repeats_itself(line)


def _is_tail_marker(line: str) -> bool:
    folded = fold(line.strip())
    return any(folded == m or (folded.startswith(m) and not _is_prose(line)) for m in TAIL_MARKERS)


def clean(raw: str) -> Cleaned:
    """The article without the site's chrome; the text itself is never retyped."""
    out = Cleaned(text="")
    lines = [line.rstrip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line.lstrip("\ufeff") for line in lines]

    # A widget glued to the last word of the article goes on a line of its own.
    split: list[str] = []
    for line in lines:
        glued = _GLUED.search(line)
        if glued and not _is_prose(glued.group(0)):
            kept = line[: glued.start()].rstrip()
            out.notes.append(
                f'Dòng gốc "{line.strip()}" dính phần của trang vào cuối; '
                f'đã tách "{kept.strip()}" và bỏ phần của trang.'
            )
            split.extend([kept, glued.group(0)])
        else:
            split.append(line)
    lines = split

    # The trailing widgets: from the first marker after which no prose follows.
    cut = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        if _is_prose(lines[i]) and not _is_notice(lines[i]):
            break
        if lines[i].strip() and _is_tail_marker(lines[i]):
            cut = i
    out.removed.extend(line.strip() for line in lines[cut:] if line.strip())
    lines = lines[:cut]

    kept_lines: list[str] = []
    for line in lines:
        if line.strip() and _is_widget(line):
            out.removed.append(line.strip())
            continue
        dateline = _DATELINE_COUNTS.match(line)
        if dateline:
            counts = ", ".join(dateline.group("counts").split())
            out.notes.append(
                f'Dòng ngày đăng gốc "{line.strip()}" có thêm số đếm của trang ({counts}) sau giờ đăng; đã bỏ.'
            )
            line = dateline.group("keep")
        kept_lines.append(line if line.strip() else "")

    # at most one blank line between paragraphs, none at either end
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept_lines)).strip("\n")
    out.text = text + "\n"
    if out.removed:
        shown = "; ".join(f'"{r[:50]}"' for r in out.removed[:6])
        more = f" và {len(out.removed) - 6} dòng khác" if len(out.removed) > 6 else ""
        out.notes.append(f"Đã bỏ {len(out.removed)} dòng của trang (không thuộc bài): {shown}{more}.")
    return out
