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
    "nghe doc bai",
    "nghe bai viet",
    "nghe audio",
    "doc bai viet",
    "xem co chu",
    "co chu",
    "in bai",
    "chia se",
    "binh luan (",
    "google news",
    "theo doi tren",
)
# Lines a site prints above its article (folded starts): greetings, hot lines, language switches.
_HEADER_LINES: tuple[str, ...] = (
    "chao mung den voi",
    "chao mung ban den voi",
    "welcome to",
    "duong day nong",
    "english",
    "tieng viet",
    "trang chu",
    "dang nhap",
    "dang ky",
    "tim kiem",
    "lien he",
    "so do site",
)
_HEADER_ANYWHERE: tuple[str, ...] = ("google news", "cong thong tin dien tu", "trang thong tin dien tu")
# An audio player's clock and a lone share or view count: "0:00", "00:00 / 03:25", "392 lượt xem".
_PLAYER = re.compile(r"^\s*(?:\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?|[\d.,]+\s+(?:lượt xem|lượt đọc|views?))\s*$", re.I)
# A menu or breadcrumb: short items between bars or arrows ("Trang chủ | Tin tức | Chính trị").
_MENU = re.compile(r"^(?:[^|›»>]{1,40}[|›»>]){2,}[^|›»>]{0,40}$")
# Widget words a page glues after the dateline: "09/03/2018 08:05:00 Xem cỡ chữ".
_GLUED_WIDGET = re.compile(
    r"(?<=\S)\s*(?:[|•·-]\s*)?(?:Xem cỡ chữ|Cỡ chữ|In bài|Chia sẻ|Nghe đọc bài|Lưu bài|[\d.,]+\s+lượt (?:xem|đọc)"
    r"|Lượt (?:xem|đọc)\s*:\s*[\d.,]+)\s*$",
    re.IGNORECASE,
)
_COPY_MARKER = re.compile(r"^\s*date:?\s+\d{4}-\d{2}(?:-\d{2})?\s+")
MIN_REPEATED_WORDS = 8  # a repeated line this long is the page printing the lead or a caption twice
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
    """A line of the article's prose: long, in words (not counting "|", "-", "•"…)."""
    return sum(1 for w in line.split() if any(c.isalnum() for c in w)) >= PROSE_WORDS


def _is_listed(line: str) -> bool:
    """An item of a list of links ("- Ninh Hòa: Hội thi …", "• …"): after a tail marker, chrome."""
    return line.lstrip().startswith(("- ", "• ", "· ", "+ ", "* ", "» "))


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
    folded = fold(line.strip().lstrip("•·-* "))
    return (
        bool(_COUNTER.match(line) or _PLAYER.match(line) or _MENU.match(line.strip()))
        or folded.startswith(_WIDGET_LINES)
        or _repeats_itself(line)
    )


def _is_header_chrome(line: str) -> bool:
    """A line of the site above the article: a greeting, a hot line, a language switch, a bullet."""
    if _is_prose(line):
        return False
    stripped = line.strip()
    folded = fold(stripped.lstrip("•·-* "))
    return (
        folded.startswith(_HEADER_LINES)
        or any(marker in folded for marker in _HEADER_ANYWHERE)
        or (stripped.startswith(("•", "·")) and len(stripped.split()) <= 8)
    )


def _is_tail_marker(line: str) -> bool:
    folded = fold(line.strip())
    return any(folded == m or (folded.startswith(m) and not _is_prose(line)) for m in TAIL_MARKERS)


def shorten_line(line: str, limit: int = 60) -> str:
    line = " ".join(line.split())
    return line if len(line) <= limit else line[: limit - 1].rsplit(" ", 1)[0] + "…"


def clean(raw: str) -> Cleaned:
    """The article without the site's chrome; the text itself is never retyped."""
    out = Cleaned(text="")
    lines = [line.rstrip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line.lstrip("\ufeff") for line in lines]
    # a copy that opens with a marker of its own ("date 2021-07 …") before the page's words
    if lines and _COPY_MARKER.match(lines[0]):
        out.removed.append(_COPY_MARKER.match(lines[0]).group(0).strip())  # type: ignore[union-attr]
        lines[0] = _COPY_MARKER.sub("", lines[0], count=1)

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
        if _is_prose(lines[i]) and not _is_notice(lines[i]) and not _is_listed(lines[i]):
            break
        if lines[i].strip() and _is_tail_marker(lines[i]):
            cut = i
    out.removed.extend(line.strip() for line in lines[cut:] if line.strip())
    lines = lines[:cut]

    # Above the first line of prose, the site's own lines.
    first_prose = next((i for i, line in enumerate(lines) if _is_prose(line)), len(lines))
    kept_lines: list[str] = []
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if line.strip() and (_is_widget(line) or (i < first_prose and _is_header_chrome(line))):
            out.removed.append(line.strip())
            continue
        glued = _GLUED_WIDGET.search(line)
        if glued and not _is_prose(line):
            out.removed.append(glued.group(0).strip())
            line = line[: glued.start()]
        key = fold(" ".join(line.split()))
        if len(key.split()) >= MIN_REPEATED_WORDS and key in seen:
            out.notes.append(f'Trang in lặp lại nguyên văn đoạn "{shorten_line(line)}"; đã bỏ lần lặp.')
            continue
        seen.add(key)
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
