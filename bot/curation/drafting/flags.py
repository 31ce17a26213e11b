"""Flags on drafted entries that look wrong: what a curator should read twice before accepting.

:func:`reasons` looks at one drafted entry (the validated model) and its article's text and
returns the reasons, in Vietnamese, that it may be wrong; :func:`flag_entries` does it for the
drafts of one file (which adds the duplicates). `check --drafts` prints them, and accepting a
flagged draft needs ``--force`` (`/duyet … force` in the chat).

The checks are heuristics about the drafter's known slips, kept deliberately modest: a flag is
a reason to look, never a verdict, and a curator may accept a flagged draft anyway.

- a figure whose value is a date, a time, a span of years or a year alone ("22/5", "10:40",
  "2016-2019", "2021"): the drafter took a date for a result;
- a figure the sentence expects rather than reports ("Được biết sẽ có 120 đại biểu …"): a forecast;
- a figure whose unit is one syllable that the quote continues into a longer noun ("06 kế" for
  "06 kế hoạch"): the unit was cut;
- a model name with unbalanced or doubled quote marks; a name that is an organisation (the org
  itself, the sentence's subject, or a name starting with Hội/Đoàn/Ban/Huyện ủy/Ủy ban…); a name
  cut short (the quote has a longer quoted phrase that starts with it);
- a model whose org is the generic "Huyện <district>" while the quote names a more specific
  organisation before the name ("Hội Phụ nữ huyện gắn … phong trào “…”");
- an answer that reads as a fragment: it starts with a lower-case letter, does not end with
  . ! ? or …, or has none of a short list of common verbs (:data:`VERB_WORDS`; a sentence
  without one of them is not always a fragment, hence "modest");
- an answer holding a capitalised sentence opener after a word with no stop between ("… khoá XIII
  Đồng chí A … chủ trì"): a heading with no full stop ran into the sentence after it;
- an answer holding words glued across a lost line break ("… Bộ Chính trịTại hội nghị …": a photo
  caption or a heading ran into the next paragraph when the page was copied);
- a person whose post holds a number ("Bí thư Huyện ủy và 181 đại biểu"): the post ran into the
  rest of the sentence;
- a duplicate of an earlier draft of the same file: same kind and same value and counts (or
  the same value found once in the same quote), or same name (or same quote and one name
  inside the other). A sentence with four figures gives four drafts sharing one quote: those
  are not duplicates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from bot.curation.drafting.orgs import find_orgs, subject
from bot.curation.drafting.vietnamese import DOCUMENT_ISSUERS, GOES_ON_OPENERS, UPPER, word_set
from bot.curation.drafting.wholeness import cut_end
from bot.knowledge.schema import Figure, KnowledgeBase, Model, Person
from bot.language.folding import collapse_spaces, fold, is_year


class AnyEntry(Protocol):
    """An entry of the base as the checks read it (any kind of ``bot.knowledge.schema``)."""

    @property
    def id(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def answer(self) -> str: ...

    @property
    def quote(self) -> str: ...


# ---------------------------------------------------------------- thresholds, in one place

UNIT_SYLLABLES = 1  # a unit of this many syllables or fewer may have been cut ("06 kế")
MAX_DAY, MAX_MONTH = 31, 12  # "22/5" reads as a date only when it could be one

# ---------------------------------------------------------------- word lists

# One-syllable units that stand on their own before a noun ("37 căn nhà", "250 thẻ bảo hiểm"):
# measure words, containers, units. A unit not listed here followed by another noun is flagged.
UNIT_CLASSIFIERS = word_set(
    """
    căn cây người hộ lượt ngày tháng năm tuần giờ phút km m m2 m3 ha kg tấn tạ lít con chiếc cái
    bộ cuốn quyển suất phần thẻ buổi lớp cuộc đợt bài tin xã ấp tổ đội nhóm điểm lần đồng triệu tỷ
    nghìn ngàn trăm chục vạn gói túi bao bình bồn chai thùng hộp lon két vụ việc em cháu tấm lá
    quả trái chuyến ca phòng trường khu tuyến đoạn hạng mục cơ chi
    """
)
# Two-syllable nouns whose first syllable also stands alone as a unit: "10 tổ" before "chức" is cut.
CUT_COMPOUNDS = word_set("tổ chức, đội ngũ, bộ đội, phần quà, phần việc, lớp học, điểm cầu, bài viết", ",")
# What may follow a complete value: the words that start the rest of the sentence, not its noun.
FOLLOWING_WORDS = word_set(
    """
    cho của và với được đã đang sẽ là có tại trong ở để từ đến trên dưới theo về mỗi mới với gồm
    như thì nhưng hay hoặc do bằng vào ra khi sau trước nên vì đạt trị tổng góp giúp tham với nhằm
    """
)
# An organisation's first word: a model named so is named after its organisation. "Hội" and
# "Đoàn" and "Ban" only before a capitalised word ("Hội Nông dân", not "Hội thi").
ORG_NAME_START = re.compile(
    rf"^(?:(?:Hội|Đoàn|Ban|Chi hội|Chi đoàn|Liên đoàn|Phòng|Trung tâm)\s+[{UPPER}]"
    r"|(?:Huyện|Tỉnh|Thành|Đảng) ?[uủ]y\b|Ủy ban\b|UBND\b|MTTQ\b|Mặt trận\b|Huyện đoàn\b|Chi bộ\b|Đảng bộ\b)"
)
# "Huyện Cái Bè", "Thị xã Kinh Môn": the whole district, the drafter's fallback for an org.
GENERIC_ORG = re.compile(rf"^(?:Huyện|Thị xã|Thành phố|Quận)\s+(?!(?:[uủ]y|[Uủ]y|Ủy|đoàn|Đoàn)\b)[{UPPER}]")
# Bodies that issue directives the report cites, never the ones running a district's model.
NOT_RUNNERS = DOCUMENT_ISSUERS
# What a leading body does to the models others run: "Ban Thường vụ Huyện ủy lãnh đạo, chỉ đạo …".
DIRECTING = re.compile(r"\s*(?:đã\s+)?(?:lãnh đạo|chỉ đạo|quan tâm|đề nghị|yêu cầu|giao)\b")
# Common verbs of the reports: an answer with none of them may be a noun phrase, not a sentence.
VERB_WORDS = word_set(
    """
    có, là, được, đã, đang, sẽ, đạt, làm, xây dựng, tổ chức, thực hiện, triển khai, huy động, vận động,
    hỗ trợ, tặng, trao, giúp, tham gia, thành lập, duy trì, phát động, khen thưởng, biểu dương, ban hành,
    mở, học, quán triệt, tuyên truyền, hưởng ứng, hiến, sửa chữa, trồng, nhận, giới thiệu, đăng ký,
    chăm lo, lãnh đạo, chỉ đạo, góp phần, phát huy, nâng cao, nhân rộng, gắn, ra mắt, kết nạp, cấp, chi,
    công nhận, bàn giao, khởi công, lắp đặt, thăm, viết, dự, gồm, tiếp nhận, quyên góp, ủng hộ,
    giải quyết, tạo, đưa, xét, phát hành, đóng, vay, thoát, cải tạo, tổng kết, đánh giá, thi, kể, ký,
    thắp sáng, vận hành, sinh hoạt, đón, phục vụ, bảo vệ, cứu, nuôi, mua, bán, sản xuất, đầu tư, tốn,
    dành, hoàn thành, trích, mang, lấy, chọn, treo, phấn đấu, tiếp tục, chủ trì, phát biểu, nhấn mạnh,
    cho biết, chia sẻ, khẳng định, trình bày, báo cáo, hiến
    """,
    ",",
)
_VERB_PHRASES = tuple(sorted((v.split() for v in VERB_WORDS), key=len, reverse=True))

# Words that make a figure expected, not achieved: "sẽ có 120 đại biểu", "dự kiến 300 hộ"
FORECAST_WORDS = re.compile(r"(?<!\w)(?:sẽ|dự kiến|dự định)(?!\w)", re.IGNORECASE)

_DATE = re.compile(r"(?<![\d.,/])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/])")
_TIME = re.compile(r"(?<![\d.,])(?:[01]?\d|2[0-3])\s?[:hg]\s?[0-5]\d(?![\d.,])")
_YEAR_SPAN = re.compile(r"(?<![\d.,])(?:19|20)\d{2}\s*[-–—]\s*(?:(?:19|20)\d{2}|\d{2})(?![\d.,])")
_YEAR_WORDS = word_set("năm từ đến giai đoạn trong vào")
_NUMBER = re.compile(r"\d")
_QUOTE_MARKS = '“”„"«»'
_OPENING, _CLOSING = "“„«", "”»"
_QUOTED = re.compile(r"“([^“”]+)”|«([^«»]+)»|\"([^\"]+)\"")
_ENDS = (".", "!", "?", "…")
# a lower-case letter run into a capitalised word: "Chính trịTại" (a line break lost in the copy)
_GLUED = re.compile(rf"\w*[a-zà-ỹđ][{UPPER}][a-zà-ỹđ]+")
_AFTER_END = "”»\"')]’ "
# Words that open a sentence, capitalised, that a sentence never holds inside: after a word with no
# stop between ("… Bộ Chính trị khoá XIII Đồng chí Lý Văn Giàu … chủ trì"), a heading ran into the text
SENTENCE_OPENERS = ("Đồng chí", "Sáng", "Chiều", "Tối", "Tại", "Qua", "Theo đó", "Trong năm", "Thực hiện", "Phát biểu")
# "Ở huyện Lục Yên, trong 6 tháng: trong đó, …": a clause the period's lead is put before; a
# sentence of the article opening "Trong đó, …" is the article's own
_GOES_ON_START = re.compile(
    r"^(?:Ở [^,]{2,40}, )?(?:[^,:.]{0,40}: )(" + "|".join(GOES_ON_OPENERS) + r")\b", re.IGNORECASE
)
_OPENER_INSIDE = re.compile(r"(\S*\w)\s+(" + "|".join(SENTENCE_OPENERS) + r")(?=\s)")


def reasons(entry: AnyEntry, article_text: str, earlier: Sequence[AnyEntry] = ()) -> list[str]:
    """Why this drafted entry may be wrong, in Vietnamese (empty: nothing noticed).
    ``earlier``: the drafts before it in its file, for duplicates."""
    out: list[str] = []
    if isinstance(entry, Figure):
        out.extend(_figure_reasons(entry, article_text))
    if isinstance(entry, Model):
        out.extend(_model_reasons(entry))
    if isinstance(entry, Person) and _NUMBER.search(entry.role):
        out.append(f"chức vụ «{entry.role}» có số: có lẽ lẫn phần sau của câu")
    out.extend(_answer_reasons(entry.answer))
    duplicate = _duplicate_of(entry, earlier)
    if duplicate is not None:
        out.append(f"trùng với mục nháp {duplicate.id} ({_KIND_WORD.get(entry.kind, entry.kind)} giống hệt)")
    return out


def flag_entries(entries: Iterable[AnyEntry], article_text: str) -> dict[str, list[str]]:
    """The flagged drafts of one file (in its order), by id: an entry that duplicates an
    earlier one is flagged, the first of them is not."""
    out: dict[str, list[str]] = {}
    seen: list[AnyEntry] = []
    for entry in entries:
        found = reasons(entry, article_text, seen)
        if found:
            out[entry.id] = found
        seen.append(entry)
    return out


def flag_drafts(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Every flagged draft of the base, by id (ids are unique across the base), file by file."""
    by_file: dict[str, list[AnyEntry]] = {}
    texts: dict[str, str] = {}
    for located in kb.drafts:
        by_file.setdefault(located.file, []).append(located.entry)
        texts[located.file] = located.article.text
    out: dict[str, list[str]] = {}
    for file, entries in by_file.items():
        out.update(flag_entries(entries, texts[file]))
    return out


_KIND_WORD = {"figure": "số liệu", "model": "mô hình", "person": "người", "document": "văn bản", "event": "sự kiện"}

# ---------------------------------------------------------------- figures


def _figure_reasons(entry: Figure, article_text: str) -> list[str]:
    out: list[str] = []
    when = _time_like(entry.value)
    if when:
        out.append(f"giá trị «{entry.value}» là {when}, không phải một số liệu")
    cut = _cut_unit(entry, article_text)
    if cut:
        out.append(f"đơn vị trong giá trị «{entry.value}» có lẽ bị cắt: bài viết ghi «{cut}»")
    cut_counts = _cut_counts(entry)
    if cut_counts:
        out.append(f"«{entry.counts}» kết thúc bằng «{cut_counts}»: có lẽ bị cắt")
    forecast = _forecast(entry)
    if forecast:
        out.append(f"«{forecast} … {entry.value}» là con số dự kiến, chưa phải kết quả")
    return out


def _cut_counts(entry: Figure) -> str | None:
    """The last word of what the figure counts when no name ends with it ("homestay gắn")."""
    return cut_end(entry.counts)


def _forecast(entry: Figure) -> str | None:
    """The word saying the figure is expected, not achieved ("Được biết sẽ có 120 đại biểu …"),
    in the value's own clause before it, or None."""
    quote = collapse_spaces(entry.quote)
    at = quote.find(entry.value)
    if at < 0:
        return None
    clause = re.split(r"[,;:.!?…]\s", quote[:at])[-1]
    found = FORECAST_WORDS.search(clause)
    return found.group(0) if found else None


def _time_like(value: str) -> str | None:
    """What kind of date or time the value is, or None when it is a figure."""
    for match in _DATE.finditer(value):
        day, month = int(match.group(1)), int(match.group(2))
        if 1 <= day <= MAX_DAY and 1 <= month <= MAX_MONTH:
            return "một ngày tháng"
    if _TIME.search(value):
        return "một giờ"
    if _YEAR_SPAN.search(value):
        return "một khoảng năm"
    words = [w for w in value.lower().replace(",", " ").split() if w not in _YEAR_WORDS]
    if len(words) == 1 and is_year(words[0]):
        return "một năm"
    return None


def _cut_unit(entry: Figure, article_text: str) -> str | None:
    """The value and the word after it, when the value's unit is one syllable that the text
    continues into a longer noun ("06 kế" + "hoạch")."""
    words = entry.value.split()
    numbered = [i for i, w in enumerate(words) if _NUMBER.search(w)]
    if not numbered:
        return None
    unit = words[numbered[-1] + 1 :]
    if not unit or len(unit) > UNIT_SYLLABLES or not unit[-1].isalpha():
        return None
    following = _text_after(entry.value, collapse_spaces(entry.quote))
    if following is None or not following.strip():
        following = _text_after(entry.value, collapse_spaces(article_text)) or ""
    match = re.match(r" (\w+)", following)
    if match is None:
        return None
    last, after = unit[-1].lower(), match.group(1)
    if not after.isalpha() or not after.islower():
        return None  # punctuation, a number or a name follows: the value ends there
    if f"{last} {after}" in CUT_COMPOUNDS or (last not in UNIT_CLASSIFIERS and after not in FOLLOWING_WORDS):
        return f"{entry.value} {after}"
    return None


def _text_after(value: str, text: str) -> str | None:
    at = text.find(value)
    if at < 0:
        at = text.lower().find(value.lower())
    return None if at < 0 else text[at + len(value) :]


# ---------------------------------------------------------------- models


def _model_reasons(entry: Model) -> list[str]:
    out: list[str] = []
    name = entry.name.strip()
    marks = _bad_quote_marks(name)
    if marks:
        out.append(f"tên «{name}» {marks}")
    if fold(name) == fold(entry.org):
        out.append(f"tên «{name}» trùng với tổ chức (org) của mục")
    elif ORG_NAME_START.match(name.strip(_QUOTE_MARKS + " ")) or _starts_with_org(name):
        out.append(f"tên «{name}» là tên một tổ chức, không phải tên {entry.category}")
    else:
        lead = subject(collapse_spaces(entry.quote))
        if lead is not None and fold(lead.name) == fold(name):
            out.append(f"tên «{name}» là chủ ngữ của câu trích, không phải tên {entry.category}")
    longer = _longer_quoted(name, entry.quote)
    if longer:
        out.append(f"tên «{name}» có lẽ bị cắt: câu trích ghi “{longer}”")
    specific = _specific_org(entry)
    if specific:
        out.append(f"org «{entry.org}» chung chung: câu trích nêu «{specific}» trước tên {entry.category}")
    return out


def _bad_quote_marks(name: str) -> str | None:
    if re.search(rf"[{_QUOTE_MARKS}]\s*[{_QUOTE_MARKS}]", name):
        return "có dấu ngoặc kép lặp"
    opening = sum(name.count(c) for c in _OPENING)
    closing = sum(name.count(c) for c in _CLOSING)
    if opening != closing or name.count('"') % 2:
        return "có dấu ngoặc kép không cân (thiếu mở hoặc đóng)"
    if name[:1] in _CLOSING or name[-1:] in _OPENING:
        return "có dấu ngoặc kép sai chỗ"
    return None


def _starts_with_org(name: str) -> bool:
    return any(org.start == 0 for org in find_orgs(name.strip(_QUOTE_MARKS + " ")))


def _longer_quoted(name: str, quote: str) -> str | None:
    """A quoted phrase of the quote that starts with the name and goes on, when none is the name."""
    key = fold(name.strip(_QUOTE_MARKS + " "))
    phrases = [next(g for g in m.groups() if g is not None).strip() for m in _QUOTED.finditer(quote)]
    if any(fold(p) == key for p in phrases):
        return None
    for phrase in phrases:
        folded = fold(phrase)
        if key and folded.startswith(key) and len(folded) > len(key) and not folded[len(key)].isalnum():
            return phrase
    return None


def _specific_org(entry: Model) -> str | None:
    """The organisation the quote names before the model's name, when the org is the district."""
    if not GENERIC_ORG.match(entry.org):
        return None
    quote = collapse_spaces(entry.quote)
    at = quote.lower().find(entry.name.strip().lower())
    if at < 0:
        at = fold(quote).find(fold(entry.name.strip()))  # the same length: folding maps letter to letter
    if at <= 0:
        return None
    # the sentence of the name only: an earlier sentence's subject is not this model's
    before = re.split(r"[.!?…]\s", quote[:at])[-1]
    for org in reversed(find_orgs(before)):
        if org.name.startswith(NOT_RUNNERS) or re.search(r"\bcủa\s*$", before[: org.start]):
            continue
        if DIRECTING.match(before[org.end :]):
            continue  # "Ban Thường vụ Huyện ủy chỉ đạo …": who leads, not who runs the model
        if fold(org.name) != fold(entry.org):
            return org.name
    return None


# ---------------------------------------------------------------- answers


def _answer_reasons(answer: str) -> list[str]:
    text = collapse_spaces(answer)
    out: list[str] = []
    goes_on = _GOES_ON_START.match(text)
    if goes_on:
        out.append(f"câu trả lời bắt đầu giữa câu («{goes_on.group(1)} …» nói tiếp câu trước nó)")
    start = text.lstrip(_QUOTE_MARKS + "( ")[:1]
    if start.isalpha() and start.islower():
        out.append("câu trả lời bắt đầu bằng chữ thường (có lẽ là một mẩu câu)")
    if not text.rstrip(_AFTER_END).endswith(_ENDS):
        out.append("câu trả lời không kết thúc bằng dấu chấm (. ! ? …)")
    glued = _GLUED.search(text)
    if glued:
        out.append(f"câu trả lời có chữ dính liền «{glued.group(0)}» (chú thích ảnh hoặc tiêu đề dính vào câu?)")
    # not after a name's syllable ("Nguyễn Văn Sáng"): after a lower-case word, a number or a numeral
    opener = next((m for m in _OPENER_INSIDE.finditer(text) if not m.group(1).istitle()), None)
    if opener:
        out.append(
            f"câu trả lời có «{opener.group(2)}» viết hoa giữa câu, không có dấu chấm trước: "
            "có lẽ tiêu đề dính vào câu sau"
        )
    words = re.findall(r"\w+", text.lower())
    if not any(_has_phrase(words, phrase) for phrase in _VERB_PHRASES):
        out.append("câu trả lời không có động từ nào quen thuộc (có lẽ chỉ là một cụm từ)")
    return out


def _has_phrase(words: list[str], phrase: list[str]) -> bool:
    size = len(phrase)
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


# ---------------------------------------------------------------- duplicates


def _duplicate_of(entry: AnyEntry, earlier: Sequence[AnyEntry]) -> AnyEntry | None:
    for other in earlier:
        if other.kind != entry.kind or other.id == entry.id:
            continue
        same_quote = fold(other.quote) == fold(entry.quote)
        if isinstance(entry, Figure) and isinstance(other, Figure):
            if fold(entry.value) != fold(other.value):
                continue
            # one quote may hold the same value twice, for two things ("01 căn nhà cho…, 01 căn nhà cho…")
            once = same_quote and collapse_spaces(entry.quote).count(entry.value) == 1
            if fold(entry.counts) == fold(other.counts) or once:
                return other
            continue
        name, other_name = fold(getattr(entry, "name", None) or ""), fold(getattr(other, "name", None) or "")
        if name and name == other_name:
            return other
        if same_quote and name and other_name and (name in other_name or other_name in name):
            return other
    return None
