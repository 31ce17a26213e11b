"""Figures in a clause: each number a report gives as a result, with what it counts.

A number is a figure unless it is part of a date, a year, a document's number,
a duration ("02 năm qua": the period, not the result), an anniversary or a
quoted name ("Gian hàng 0 đồng"). The value is kept exactly as printed, with
its qualifier ("trên", "hơn") and its unit or counted noun ("176 căn",
"trên 52 tỷ đồng", "98,4%", "66/47").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.curation.drafting.periods import all_periods
from bot.curation.drafting.phrasing import lower_first
from bot.curation.drafting.vietnamese import CLAUSE_FINAL_WORDS, LEADING_PHRASES, PHRASE_OPENERS, word_set
from bot.curation.drafting.words import counted_noun, starts_with_noun
from bot.language.folding import NUMBER_RE, collapse_spaces

_NUMBER = NUMBER_RE.pattern
_QUALIFIER = re.compile(
    r"(?:trên|hơn|gần|khoảng|ít nhất|tối thiểu|tới|lên đến|lên tới|xấp xỉ|tổng cộng|tổng số|tổng)\s+$", re.IGNORECASE
)
_PER = r"(?:\s?/\s?(?:đảng viên|hội viên|học sinh|[\wđ]+))?"
_MEASURE = re.compile(
    rf"^\s?(?:tỷ\s+{_NUMBER}\s+triệu\s+đồng|tỷ\s+{_NUMBER}\s+triệu|tỷ đồng|triệu đồng|nghìn đồng|ngàn đồng|tỷ|triệu|"
    rf"đồng|đ|km2|km|m2|m²|m3|m|ha|hecta|tấn|tạ|kg|lít|%)(?![\w]){_PER}",
)
# Nouns of two syllables that a count names ("12 tập thể", "2.401 đảng viên"), in lower case:
# `_counted_noun` looks up two words, so a longer noun here would never be found.
_TWO_SYLLABLE_NOUNS = frozenset(
    noun.lower()
    for noun in word_set(
        "tập thể|cá nhân|đảng viên|hội viên|đoàn viên|học sinh|sinh viên|công trình|phần quà|phần việc|"
        "chi bộ|điểm cầu|mô hình|điển hình|tin bài|gia đình|cán bộ|thanh niên|thiếu nhi|"
        "lượt người|ngày công|cây cầu|tuyến đường|chương trình|chuyên mục|cuộc thi|hội nghị|tổ chức|cơ sở|"
        "phóng sự|tập san|bồn nước|cột cờ|phương tiện|nội dung|trường hợp|giáo viên|tấm gương|cờ Đảng|"
        "cờ phướn|băng rol|băng rôn|đơn vị|con em",
        "|",
    )
)
# Words that multiply the number before them, not what it counts ("26 ngàn lượt hội viên")
_MULTIPLIERS = word_set("ngàn nghìn vạn trăm chục")
# Words that begin no counted noun: the number belongs to something else.
_NOT_NOUNS = frozenset({"và", "hoặc", "đến", "-", "–", "năm", "tháng", "ngày"})
_WORD_FIGURE = re.compile(
    r"\bhàng (?:chục|trăm|ngàn|nghìn|vạn|triệu)(?: lượt)?(?:\s+[\wđ]+){0,3}?"
    r"(?=[,;.:)]|\s+(?:đã|được|với|tham gia|trên|cho|vào|và)\b|$)"
)

# A number that is part of what a share measures: the words after it, with no break, reach "đạt
# <number>%" ("hộ có ít nhất 1 phụ nữ tham gia sinh hoạt hội đạt 94%")
_DEFINES = re.compile(rf"[^,;:.()“”\"\d]{{1,80}}?\sđạt\s+(?:trên\s+|gần\s+|hơn\s+)?{_NUMBER}\s?%")
_MASKS = (
    re.compile(r"\b\d+\s+tuổi\b", re.IGNORECASE),  # an age: "90 tuổi"
    re.compile(r"\b(?:số|số nhà|hẻm|kiệt|ngõ|ngách)\s+\d+(?:/\d+)+", re.IGNORECASE),  # an address: "số 86/34"
    re.compile(r"“[^”\"]*[”\"]|\"[^\"“”]*[\"”]"),  # quoted names
    re.compile(r"\b\d{1,2}\s?[/-]\s?\d{1,2}\s?[/-]\s?\d{2,4}\b"),  # 18/5/2021, 02-11-2017
    re.compile(r"\b\d{1,2}/\d{4}\b"),  # 7/2023
    re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b"),  # 10:40, 08:05:00
    re.compile(r"\b\d{1,2}\s?(?:giờ|g|h)(?:\s?\d{1,2}(?:\s?phút)?)?(?!\w)", re.IGNORECASE),  # 8 giờ 30: a time of day
    # "Sáng 22/5", "ngày 19/5", "(18, 19/11)": a day and month with no year
    re.compile(
        r"\b(?:sáng|chiều|tối|trưa|đêm|ngày|hôm|dịp|từ|đến|mùng|mồng)\s+(?:\d{1,2}\s*(?:,|và|-|–)\s*)*\d{1,2}\s?/\s?\d{1,2}\b",
        re.IGNORECASE,
    ),
    re.compile(r"(?<![\d/])\d{1,2}/(?:0?[1-9]|1[0-2])(?![\d/])(?=\s*(?:[,.;)]|$|năm|vừa|qua|tới|tại|,))"),
    re.compile(r"\b(?:19|20)\d{2}\s*[-–]\s*(?:(?:19|20)\d{2}|\d{2})\b"),  # 2021 - 2025, 2017-18
    re.compile(r"\b\d+\s*[-–]\s*[A-ZĐ]+/[A-ZĐ]+\b"),  # 01-KL/TW
    re.compile(
        r"\b(?:Chỉ thị|Kết luận|Nghị quyết|Quy định|Kế hoạch|Quyết định|Thông báo|Hướng dẫn|Công văn|Nghị định|"
        r"Thông tư|Chương trình)(?: số)?\s+\d+",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:Trung ương|TW|T\.Ư|khóa|lần thứ|thứ|số|ấp|khu phố|tổ|đội|quý|đợt|lần)\s+\d+\b(?![.,]\d)"
        r"(?!\s*(?:triệu|tỷ|nghìn|ngàn|đồng|%))",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:năm|tháng|ngày|giai đoạn|nhiệm kỳ)\s+\d+(?:\s*(?:[-–]|và|,)\s*(?:năm\s+)?\d+)*", re.IGNORECASE),
    re.compile(r"\bcovid\s*-?\s*19\b", re.IGNORECASE),
    # a range ("thu nhập từ 50 đến trên 400 triệu đồng") says how much each earns, no count of what was done
    re.compile(rf"\btừ\s+{_NUMBER}(?:\s+[^\W\d]+){{0,3}}?\s+(?:đến|tới)\s+(?:trên\s+|hơn\s+|gần\s+)?{_NUMBER}", re.I),
    re.compile(r"\bkỷ niệm\s+\d+", re.IGNORECASE),  # an anniversary, even with "năm" left out
    # a duration or an age is the period of a result, not a result: "02 năm qua", "20 năm thành lập"
    re.compile(r"(?<![\d.,])\d+\s+(?:năm|tháng|tuần|quý|thập kỷ|thế kỷ)\b", re.IGNORECASE),
    re.compile(r"(?<![\d.,])\d+\s+ngày\b(?!\s+(?:công|hội|lễ))", re.IGNORECASE),
    re.compile(r"\b(?:19[4-9]\d|20\d{2})\b(?!\s?(?:kg|tấn|m2|km|m|đồng|đ|%)\b)"),  # a bare year
)
_DAY_MONTH = re.compile(r"(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])")
# "đảng viên có 4.789 tham gia": what the number counts came before it
_NOUN_BEFORE = re.compile(r"[\wđ]{2,}\s+(?:có|là|gồm|đạt|được|với|tổng số)\s+(?:trên\s+|hơn\s+|gần\s+)?$")
_LEAD_START = re.compile(r"[,;:()“”\"]")
_STOP_AFTER = re.compile(
    r"[,;:.()“”\"…]|\s[-–]\s|(?<!\sso)\s(?:đối với|với|trị giá|tổng trị giá|tổng kinh phí|kinh phí|số tiền|chiếm|bằng|"
    r"nhằm|để|giúp|góp phần|đồng thời|trong đó)\s|\s(?:và|,)\s(?=\d)"
)
_EDGE_WORDS = word_set(
    "và với của cho được đạt là có gồm tại ở trong trên hơn gần khoảng tổng đã thêm đến từ thì như "
    "các những để nhằm mà còn"
)
MAX_AFTER_WORDS = 12
MAX_LEAD_WORDS = 10


@dataclass(frozen=True)
class Found:
    start: int  # the value's offsets in the clause
    end: int
    value: str
    counts: str


def _masked(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern in _MASKS:
        spans.extend((m.start(), m.end()) for m in pattern.finditer(text))
    return spans


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= position < e for s, e in spans)


def trim_edges(words: list[str]) -> list[str]:
    """Drop function words at either end: "vận động tiền mặt được" → "vận động tiền mặt"."""
    while words and words[-1].lower().strip(".,") in _EDGE_WORDS:
        words = words[:-1]
    while words and words[0].lower() in _EDGE_WORDS:
        words = words[1:]
    return words


def _counted_noun(rest: str) -> str:
    """The noun right after a bare number, a whole word ("kế hoạch", "căn nhà"), with "/ đảng
    viên" when a rate follows."""
    first = re.match(r"^\s+([\wđ]+)", rest)
    if not first or (first.group(1).lower() in _NOT_NOUNS and not re.match(r"^\s+ngày công\b", rest)):
        return ""
    noun = counted_noun(rest)
    if not noun:
        return ""
    per = re.match(r"^\s?/\s?[\wđ]+(?:\s[\wđ]+)?", rest[len(noun) :])
    if per and f"{noun.strip()} {per.group(0).strip(' /')}".lower() in _TWO_SYLLABLE_NOUNS:
        return noun + per.group(0)
    return noun + per.group(0) if per else noun


def find_figures(text: str) -> list[Found]:
    masks = _masked(text)
    spans: list[tuple[int, int, str, int]] = []  # value start, end, counted noun, where the words after begin
    covered_until = 0
    for match in NUMBER_RE.finditer(text):
        start, end = match.span()
        if start < covered_until or _inside(start, masks):
            continue
        before = text[:start]
        if before.endswith(("-", "/", "–")) or re.search(r"\w$", before):
            continue  # part of a code or a word ("Covid-19", "F0")
        after = text[end:]
        fraction = re.match(r"^/(\d+)(?!\s?/\s?\d)", after)
        if fraction:
            end += fraction.end()
            after = text[end:]
        measure = _MEASURE.match(after)
        shared = ""
        if measure:
            end += measure.end()
            noun = ""
            if measure.group(0).strip() == "%":
                # "100% chi, đảng bộ đã đăng ký": a share of what the noun after it names, whole
                shared = counted_noun(text[end:])
        else:
            noun = _counted_noun(after)
            end += len(noun)
            if noun.strip().lower() in _MULTIPLIERS:
                # "trên 26 ngàn lượt hội viên": the multiplier is part of the number, the noun after it
                # is what is counted (and the value's unit)
                noun = _counted_noun(text[end:])
                end += len(noun)
        final = re.match(r"^ ([^\W\d_]+)(?=\s*(?:[.,;:]|$))", text[end:]) if len(noun.split()) == 1 else None
        if final and final.group(1).islower() and final.group(1) not in CLAUSE_FINAL_WORDS:
            # "với 1.175 bồn chứa.": the one word left before the clause ends is the noun's own
            noun += final.group(0)
            end += len(final.group(0))
        if not measure and not noun and not fraction and not _NOUN_BEFORE.search(before):
            continue  # a bare number with nothing counted is no result a user asks about
        if fraction and not measure and not noun and _DAY_MONTH.fullmatch(text[start:end]):
            continue  # "Quốc khánh 2/9 và …": a day and month with nothing counted is a date
        if _DEFINES.match(text, end + len(shared)):
            continue  # "có ít nhất 1 phụ nữ tham gia sinh hoạt hội đạt 94%": the number defines the share
        qualifier = _QUALIFIER.search(before)
        spans.append((qualifier.start() if qualifier else start, end, noun or shared, end + len(shared)))
        covered_until = end + len(shared)
    for match in _WORD_FIGURE.finditer(text):
        if not _inside(match.start(), masks):
            spans.append((match.start(), match.end(), "", match.end()))
    spans.sort()
    return _describe(text, spans)


@dataclass
class _Parts:
    start: int
    end: int
    lead: str  # the words before the figure, from the last break
    noun: str  # the counted noun printed with the number
    after: str  # the words after it, to the next break
    tail: int  # where the words after it begin (after a shared noun: "100% chi, đảng bộ")


def _describe(text: str, spans: list[tuple[int, int, str, int]]) -> list[Found]:
    parts: list[_Parts] = []
    previous_end = 0
    for start, end, noun, after_from in spans:
        parts.append(_Parts(start, end, _lead(text, start, previous_end), noun, _after(text, after_from), after_from))
        previous_end = after_from
    # "giới thiệu 113 tập thể, 1.525 cá nhân điển hình": the items of a list share
    # the verb before the first and the words after the last
    runs: list[list[_Parts]] = []
    for i, part in enumerate(parts):
        if i and _only_joined(text[parts[i - 1].tail : part.start]):
            runs[-1].append(part)
        else:
            runs.append([part])
    found: list[Found] = []
    for run in runs:
        lead, after = run[0].lead, run[-1].after
        for part in run:
            lead_words, after_words = (part.lead or lead).split(), (part.after or after).split()
            if not part.noun and _measured(text[part.start : part.end]) and starts_with_noun(" ".join(after_words)):
                # "hiến 38.500 m2 đất làm đường": what a measure counts comes after it, and leads
                words = trim_edges([*after_words, *lead_words])
            elif part.noun and _WITH.search(text[: part.start]):
                # "nhân rộng tới 100% xã, thị trấn trên địa bàn huyện với 1.175 bồn chứa": "với" gives how
                # many of its own noun the clause before has; that clause does not describe the noun
                words = trim_edges([*part.noun.split(), *after_words])
            elif lead_words[:2] == ["tổng", "số"] and part.noun.strip().lower() in " ".join(lead_words).lower():
                words = trim_edges([*lead_words, *after_words])  # the total names its noun already
            else:
                words = trim_edges([*lead_words, *part.noun.split(), *after_words])
            counts = lower_first(" ".join(words).strip(" ,;:"))
            if not counts or _WORTH_ONLY.match(counts) or _COMPARED_ONLY.match(counts):
                counts = _fallback(text, part.start, counts, found)
            found.append(Found(part.start, part.end, text[part.start : part.end].strip(), counts))
    return found


_WITH = re.compile(r"(?<!\w)(?<!gắn )với\s+$", re.IGNORECASE)


def _measured(value: str) -> bool:
    """A value in a unit of measure ("38.500 m2", "5,8 km"), not money or a share."""
    return bool(re.search(r"\d\s?(?:km2|km|m2|m²|m3|m|ha|hecta|tấn|tạ|kg|lít)$", value))


def _only_joined(between: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", between))


# "(vượt 4 tỷ đồng)" after "quỹ hội đạt 13 tỷ đồng": by how much the figure before it was passed
_COMPARED_ONLY = re.compile(r"^(?:vượt|tăng|giảm|tăng thêm|giảm được)$")
_WORTH_ONLY = re.compile(r"^(?:với )?(?:tổng )?(?:trị giá|kinh phí|chi phí|số tiền|đạt|tỷ lệ)?$")


def _fallback(text: str, start: int, counts: str, found: list[Found]) -> str:
    """Nothing named next to the figure: the words before the last break, or the previous figure's."""
    if found and (counts or "%" in text[start : start + 12]):
        prefix = counts or "tỷ lệ"
        return f"{prefix} {found[-1].counts}".strip()
    segment = re.split(r"[,;:(]", text[:start].rstrip(" :,"))[-1]
    words = trim_edges(segment.split())[-MAX_LEAD_WORDS:]
    return " ".join(words) or counts


# "trị giá" ends the words before a sum of money; the sum is the worth *of* what they name.
_WORTH = re.compile(
    r"^(?P<what>.*?)\s*(?P<worth>(?:với )?(?:tổng )?(?:trị giá|kinh phí|chi phí|số tiền|số dư)(?: hiện tại)?)$"
)


_CONNECTIVE = re.compile(
    r"^(?:" + "|".join(re.escape(p) for p in sorted(LEADING_PHRASES, key=len, reverse=True)) + r")\s*[,:]?\s*", re.I
)


_RAISED = re.compile(r"(?:nâng|đưa)\s+(?:tổng\s+)?số\s+(?P<what>.+?)\s+lên(?:\s+(?:thành|đến|tới))?\s*$", re.I)


def _lead(text: str, start: int, previous_end: int) -> str:
    head = text[:start]
    lead_from = previous_end
    for match in _LEAD_START.finditer(head, previous_end):
        lead_from = match.end()
    lead_text = head[lead_from:]
    for period in all_periods(lead_text):  # the period has a field of its own
        lead_text = lead_text.replace(period.group(0), " ")
    lead_text = _CONNECTIVE.sub("", collapse_spaces(lead_text))
    raised = _RAISED.search(lead_text)
    if raised:
        # "nâng tổng số mô hình cấp huyện và cấp tỉnh của huyện lên 543 mô hình": a total, of what it names
        return f"tổng số {raised.group('what')}"
    worth = _WORTH.match(lead_text)
    if worth and worth.group("what"):
        lead_text = f"{worth.group('worth')} {worth.group('what')}"
    lead = trim_edges(lead_text.split())
    if len(lead) > MAX_LEAD_WORDS and " và " in f" {' '.join(lead[1:])} ":
        # "… trong phong trào học tập và làm theo gương Bác và trao 25 suất": the last "và" joins the
        # figure's own verb to what came before
        last = max(i for i, w in enumerate(lead) if w == "và" and i > 0)
        if last < len(lead) - 1:
            lead = trim_edges(lead[last + 1 :])
    if len(lead) > MAX_LEAD_WORDS + 4:
        lead = trim_edges(lead[-MAX_LEAD_WORDS:])
    return " ".join(lead)


def _after(text: str, end: int) -> str:
    """The words after a figure, up to the next break or figure."""
    tail = text[end:]
    stop = _STOP_AFTER.search(tail)
    after_text = tail[: stop.start()] if stop else tail
    pieces = re.split(rf"\s{_NUMBER}", after_text)
    words = pieces[0].split()
    # "… xuất sắc trong thực hiện Chỉ thị | 05 …": a name cut before its number is cut short too
    named_before_a_number = len(pieces) > 1 and any(w[:1].isupper() for w in words[-2:])
    if len(words) > MAX_AFTER_WORDS or named_before_a_number:
        # cut short: end before the last phrase that opens ("đạt thành tích xuất sắc | trong học tập
        # và làm theo tư…"), not in the middle of it
        words = words[:MAX_AFTER_WORDS]
        opens = [i for i, w in enumerate(words) if i > 1 and w.lower() in PHRASE_OPENERS]
        if opens:
            words = words[: opens[-1]]
    while words and words[-1].lower() in _EDGE_WORDS:
        words = words[:-1]
    return " ".join(words)
