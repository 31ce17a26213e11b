"""Named models, movements, columns, programmes and campaigns in a sentence.

A name is what the article puts in quotes after a cue word ("mô hình “Tuyến
đường sáng”"), every quoted item of a list that such a cue opens (“A”, “B”
của Hội Phụ nữ; “C”…), the items after "các mô hình như:", and, unquoted,
the words right after a cue up to the first break ("mô hình giúp nhau ngày
công lao động, …"). The cue gives the category.

Precision first: unquoted words after a cue are drafted only with evidence that
they are a name (:func:`_named_so`: a capital that is no body's acronym, an owner,
a naming cue such as "mang tên", a result of its own right after it, a known
national movement), and a comma list only when it lists works (:func:`_works_listed`),
not communes or bodies (:func:`_places_or_bodies`). Words that only say what kind of
model ("phong trào phát triển kinh tế", "mô hình hội viên CCB") are left to the curator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.curation.drafting.orgs import OrgMention, find_orgs
from bot.curation.drafting.vietnamese import (
    CAP_WORD,
    NAMING_CUE,
    NATIONAL_MOVEMENTS,
    NOT_NAMING_LINKS,
    REVERED_WORDS,
    word_set,
)
from bot.language.folding import fold

# cue (as printed, any case) → category of the knowledge schema (a theme, motto or slogan is a
# theme: bot.curation.drafting.themes)
_CUES: tuple[tuple[str, str], ...] = (
    ("mô hình", "mô hình"),
    ("phong trào", "phong trào"),
    ("cuộc vận động", "cuộc vận động"),
    ("chương trình", "chương trình"),
    ("chuyên mục", "chuyên mục"),
    ("chuyên trang", "chuyên mục"),
    ("công trình thanh niên", "công trình"),  # "Công trình thanh niên nhà nhân ái, …": the kind, not the name
    ("công trình", "công trình"),
    ("chuyên đề", "chuyên đề"),
    ("hoạt động", "hoạt động"),
    ("lễ phát động", "hoạt động"),
    ("hội thi", "hoạt động"),
    ("cuộc thi", "hoạt động"),
    ("triển lãm", "hoạt động"),
    ("đề án", "chương trình"),
    ("dự án", "chương trình"),
    ("vận động", "cuộc vận động"),  # "vận động “Quỹ vì người nghèo”": only before a quoted name
    ("nhà", "công trình"),  # "nhà “Đại đoàn kết”": only before a quoted name
    ("tổ hợp tác", "mô hình"),  # "Tổ hợp tác “Cà phê sạch Ea Kênh”": only before a quoted name
    ("hợp tác xã", "mô hình"),
    ("phát động", "phong trào"),  # "phát động “Ngày Chủ nhật xanh”": only before a quoted name
)
_QUOTED_ONLY = frozenset(
    {
        "vận động",
        "nhà",
        "hoạt động",
        "triển lãm",
        "lễ phát động",
        "tổ hợp tác",
        "hợp tác xã",
        "phát động",
    }
)
# Names that head their own category: "Quỹ xoay vòng", "Câu lạc bộ nông dân pháp luật".
_NAMED_HEADS = (("quỹ", "hoạt động"), ("câu lạc bộ", "mô hình"))
_CUE_RE = re.compile(r"(?<!\w)(" + "|".join(re.escape(c) for c, _ in _CUES) + r")(?!\w)", re.IGNORECASE)
_HEAD_RE = re.compile(r"(?<!\w)(Quỹ|Câu lạc bộ)(?!\w)")
_QUOTED_HEAD_RE = re.compile(r"(?<!\w)(quỹ|câu lạc bộ)(?=\s*[“\"])", re.IGNORECASE)
_QUOTE_RE = re.compile(r"[“\"]([^“”\"]{2,200})[”\"]")
# Up to a few words between a cue and its quoted name: "Lễ phát động trồng cây “…”", "9 chương trình “…”".
# up to a few words between a cue and its quoted name ("cuộc vận động xây dựng gia đình “5 không, 3 sạch”")
# or a list's "như:" ("các phong trào, cuộc vận động như: “A”, “B”")
_CUE_GAP = re.compile(r"^[\s:]*(?:[\w-]+\s+){0,5}?(?:như\s*)?[\s:]*$")
_ITEM_GAP = re.compile(r"^\s*(?:[,;]|và|hoặc|[,;]\s*(?:và|mô hình|phong trào|các mô hình)|…)?\s*$", re.IGNORECASE)
_YEARLY = re.compile(r"^\s+(năm \d{4}|toàn khóa|\d{4}\s*[-–]\s*\d{4})", re.IGNORECASE)
_STOP = re.compile(
    r"[,;.:()“”\"…]|\s[-–]\s|(?<!\S)\d+(?:[.,]\d+)*(?![-/\w])(?!\s+(?:năm|tốt|không|sạch|an|có|đủ)\b)"
    r"|(?<!\w)(?:của|do|(?<!gắn )với|đã|được|tại|nhằm|để|góp phần|là|có|hiện|trị giá|đạt|mang lại|"
    r"thu hút|đến nay|hàng năm|thường xuyên|toàn huyện|toàn tỉnh|trên|bằng|nhận|giúp cho|tạo|cùng|"
    r"đi vào|ngày càng|trong sạch|trong thời gian|thời gian tới|hiện nay)(?!\w)"
    r"|\svà\s+(?=kỷ niệm|chào mừng)"
    r"|\s(?:và|,)\s+(?=(?:các\s+|những\s+)?(?:mô hình|phong trào|chuyên mục|chương trình|công trình|cuộc vận động|"
    r"chuyên đề|chủ đề)\b)",
    re.IGNORECASE,
)
_GENERIC_START = word_set(
    "hay điển tiên này đó khác thiết hiệu như trên tại của và được đã mới cụ nêu cách tự trong theo sáng "
    "tiêu hành các những nhiều đề cho sơ tổng điểm với khi từ đến ở chính tốt ý đạt phần kia ấy hằng hàng "
    "làm giao"
)
# folded names that name nothing in particular
_GENERIC_NAMES = word_set("thi dua yeu nuoc|thi dua|dien hinh|hoc tap va lam theo bac|lam theo|lam theo bac", "|")
# unquoted, folded: the report's own topic or the national programme every district runs, no model
# of its own ("phong trào học tập và làm theo tấm gương đạo đức Hồ Chí Minh", "chương trình xây
# dựng nông thôn mới"); quoted, such a name is the article's and is kept
_TOPIC_NAME = re.compile(
    r"^(?:thi dua (?:yeu nuoc )?(?:gan (?:lien )?voi )?)?(?:viec |day manh |tiep tuc )*"
    r"(?:hoc(?: tap)? (?:va )?)?(?:lam theo|noi theo) "
    r"(?:tu tuong|tam guong|guong|loi|phong cach)"
    r"[\w ,]*(?:bac|bac ho|ho chi minh)$"
    # "thi đua yêu nước gắn với học tập và làm theo Bác": the emulation the report is about
    r"|^thi dua (?:yeu nuoc )?(?:gan (?:lien )?voi )?(?:viec )?(?:hoc(?: tap)? (?:va )?)?lam theo bac(?: ho)?$"
)
# the State's programme ("chương trình xây dựng nông thôn mới"), not the district's own; a district's
# "phong trào xây dựng Nông thôn mới" is a movement it runs
_NATIONAL_PROGRAMME = re.compile(
    r"^(?:muc tieu quoc gia )?(?:chung suc |toan dan )?xay dung (?:nong thon moi|ntm|do thi van minh)"
    r"(?: nang cao| kieu mau)?$"
)
MAX_WORDS = 20
_LINKING_WORDS = word_set("về gắn với trong của cho và để tại ở bằng thông qua")
# what the sentence says of a name, right after it ("… được nhiều người ủng hộ", "…, giúp 40 hộ")
_REPORTED = re.compile(r"(?:được|đã|đang|giúp|nhằm|góp phần|mang lại|thu hút|đạt|có)\b")
# words that join the parts of a short name ("sóng và máy tính cho em") as well as link a description
_JOINING_WORDS = word_set("và cho")
SHORT_NAME_WORDS = 6  # "phong trào phụ nữ và hoạt động công tác hội đã …" (7) describes
MIN_UNQUOTED_WORDS = 3  # an unquoted lower-case name this short is a kind of model ("mô hình tập thể")
# folded first two words that begin no model's name
_NOT_NAME_STARTS = word_set("cong tac|lam theo|trong thoi|dien hinh|tap the|ca nhan", "|")
# a name cut before its end ("… trong thời", "… và trao"): the last word begins the rest of the sentence
_CUT_ENDS = word_set("thời và trao cho của các những với từ trong ở tại nhằm")
MAX_ITEM_WORDS = 10


@dataclass(frozen=True)
class ModelFind:
    name: str
    category: str
    start: int  # the name's offsets in the sentence
    end: int
    org: str | None  # "… của Hội Phụ nữ": the body the text attaches to the name


def find_models(text: str, places: tuple[str, ...] = ()) -> list[ModelFind]:
    orgs = find_orgs(text, places)
    found: list[ModelFind] = []
    found.extend(_quoted(text, orgs))
    covered = [(f.start, f.end) for f in found]
    listed = _semicolon_items(text, orgs, covered)
    found.extend(listed)
    covered.extend((f.start, f.end) for f in listed)
    found.extend(_unquoted(text, orgs, covered))
    found.sort(key=lambda f: f.start)
    out: list[ModelFind] = []
    seen: set[str] = set()
    for item in found:
        key = fold(item.name)
        if key not in seen and key not in _GENERIC_NAMES:
            seen.add(key)
            out.append(item)
    return out


_SEMICOLON_ITEM = re.compile(
    r"(?:(?<=;)|(?<=như))\s*(?P<cue>mô hình|phong trào)\s+(?![“\"])(?P<name>[^;.“”\"]+?)"
    r"(?:\s+của\s+(?P<owner>[^;.“”\"]+?))?\s*(?=;|\.|…|$)",
    re.IGNORECASE,
)


def _semicolon_items(text: str, orgs: list[OrgMention], covered: Spans) -> list[ModelFind]:
    """ "…; mô hình phát triển kinh tế - xóa đói giảm nghèo của chị Nguyễn Thị Nhẹ; mô hình cải
    cách hành chính, ứng dụng công nghệ thông tin … của Công an huyện; …": in a list of models
    separated by semicolons, each unquoted item is named up to its owner ("của …") or its end,
    commas included. Only where the semicolons make it a list (two items or more)."""
    items = [m for m in _SEMICOLON_ITEM.finditer(text) if not any(s <= m.start("name") < e for s, e in covered)]
    if len(items) < 2 and text.count(";") < 2:
        return []
    out: list[ModelFind] = []
    for match in items:
        name = match.group("name").strip(" ,")
        start = match.start("name")
        # "mô hình VAC ông Hồ Văn Thành ở xã Lai Uyên": the owner and the place follow the name
        person = re.search(rf"\s(?:{_PERSON_OWNER.pattern})", name)
        if person:
            name = name[: person.start()].strip(" ,")
        acronym = len(name) > 1 and name.isupper()
        if not (MIN_UNQUOTED_WORDS <= len(name.split()) <= MAX_WORDS or (person and acronym)):
            continue
        owner = person.group(0).strip() if person else _owner_after(text, start + len(name), orgs)
        out.append(ModelFind(name, _category(match.group("cue")), start, start + len(name), owner))
    return out


def _cue_before(gap: str) -> str | None:
    """The category when the text just before a quoted name ends with a cue, or with a list a cue opened."""
    for cue in reversed(list(_CUE_RE.finditer(gap))):
        between = gap[cue.end() :].split()
        if between and between[-1].lower() in NOT_NAMING_LINKS:
            # "lấy đó làm mô hình tiêu biểu trong “Học tập và làm theo …”": what the model is in, not its name
            return None
        if _CUE_GAP.match(gap[cue.end() :]):
            return _category(cue.group(1))
        # "Công trình A, B, C, “D”": quoted items that go on a list the cue opened
        listing = _comma_list(gap, cue.end())
        if listing and re.fullmatch(r"[\s,]*", gap[listing[-1][1] :]) and cue.group(1).lower() not in _QUOTED_ONLY:
            return _category(cue.group(1))
    return None


def _category(cue: str) -> str:
    lowered = cue.lower()
    return next(category for c, category in _CUES if c == lowered)


_PERSON_OWNER = re.compile(rf"(?:anh|chị|ông|bà|cô|thầy|đồng chí|gia đình)(?: {CAP_WORD}){{2,4}}")


_OWNER_NAMED = re.compile(rf"(?<=\s)(?:{_PERSON_OWNER.pattern})(?!\w)")


def _owner_after(text: str, end: int, orgs: list[OrgMention]) -> str | None:
    """ "“Hũ gạo tình thương”,“Nuôi heo đất” của Hội Phụ nữ": the body named right after."""
    match = re.match(r"^\s*(?:của|do)\s+", text[end:])
    if not match:
        named = _OWNER_NAMED.match(text, end + 1) if text[end : end + 1] == " " else None
        return named.group(0) if named else None
    at = end + match.end()
    body = next((o.name for o in orgs if o.start == at), None)
    if body is not None:
        return body
    person = _PERSON_OWNER.match(text, at)  # "… của chị Nguyễn Thị Nhẹ": a person's own model
    return person.group(0) if person else None


def _quoted(text: str, orgs: list[OrgMention]) -> list[ModelFind]:
    found: list[ModelFind] = []
    run: list[ModelFind] = []  # the quoted names one cue opened, waiting for "của <org>"
    previous_end = 0
    category: str | None = None
    for match in _QUOTE_RE.finditer(text):
        gap = text[previous_end : match.start()]
        cue = _cue_before(gap)
        if cue:
            category = cue
            run = []
        elif not (category and _continues(gap)):
            category = None
        elif ";" in gap:
            run = []  # "của <org>" after a semicolon-separated item owns only its own group
        previous_end = match.end()
        if category is None:
            continue
        if cue and _STEERING_BODY.search(gap):
            category = None  # "Ban Chỉ đạo Cuộc vận động “…” tỉnh": a body named for the campaign it steers
            continue
        name = match.group(1).strip()
        item = ModelFind(name, category, match.start(1), match.end(1), None)
        run.append(item)
        owner = _owner_after(text, match.end(), orgs)
        if owner:
            found.extend(ModelFind(i.name, i.category, i.start, i.end, owner) for i in run)
            run = []
        else:
            found.append(item)
    # a later owner replaces the owner-less copies of its run
    by_name: dict[str, ModelFind] = {}
    for item in found:
        if item.name not in by_name or item.org:
            by_name[item.name] = item
    return list(by_name.values())


# a steering committee named after what it steers ("Ban Chỉ đạo Cuộc vận động “Học tập và làm theo
# tấm gương đạo đức Hồ Chí Minh” tỉnh Phú Yên"): the nation's campaign, no model of the page's
_STEERING_BODY = re.compile(
    r"Ban\s+[Cc]hỉ\s+đạo\s+(?:thực hiện\s+)?(?:" + "|".join(re.escape(c) for c, _ in _CUES) + r")\s*$", re.IGNORECASE
)


def _continues(gap: str) -> bool:
    """A list goes on: only separators, or "của <org>;" closing the previous item."""
    gap = re.sub(r"^\s*(?:của|do)\s+[^,;“\"]+", "", gap)
    return bool(_ITEM_GAP.match(gap))


def _unquoted(text: str, orgs: list[OrgMention], covered: list[tuple[int, int]]) -> list[ModelFind]:
    """The models named without quotes, after a cue word ("mô hình …") or opening with the
    head of a name ("Tuyến đường …"), outside the spans already ``covered`` (which grow)."""
    found: list[ModelFind] = []
    cues: list[tuple[int, int, str, bool]] = []  # start, end, category, the cue is part of the name
    for match in _CUE_RE.finditer(text):
        cues.append((match.start(), match.end(), match.group(1).lower(), False))
    for match in _HEAD_RE.finditer(text):
        cues.append((match.start(), match.start(), match.group(1).lower(), True))
    for match in _QUOTED_HEAD_RE.finditer(text):
        # "câu lạc bộ “Phụ nữ với pháp luật”" in a list: the head in lower case, with the name it gives
        if match.group(1)[:1].islower():
            cues.append((match.start(), match.start(), match.group(1).lower(), True))
    for start, end, cue, keep_cue in sorted(cues):
        if any(s - 2 <= end <= e for s, e in covered) or any(s <= start < e for s, e in covered):
            continue
        items, spans = _after_cue(text, start, end, cue, keep_cue, orgs)
        # a quoted name found before (a cue opened its list) is not drafted again with its head
        items = [i for i in items if not any(s < i.end and i.start < e for s, e in covered)]
        found.extend(items)
        covered.extend(spans)
    return found


Spans = list[tuple[int, int]]
_QUOTED_AFTER_HEAD = re.compile(r"\s*[“\"][^“”\"]{2,200}[”\"]")


def _after_cue(
    text: str, start: int, end: int, cue: str, keep_cue: bool, orgs: list[OrgMention]
) -> tuple[list[ModelFind], Spans]:
    """What one cue names, and the spans it covers: a yearly theme, a list ("các mô hình như: A,
    B"), a comma list of works, or one name (covered from its cue on); nothing for a quoted name
    (found before), a counted noun or a cue that only ever precedes quotes."""
    category = next(c for head, c in _NAMED_HEADS if head == cue) if keep_cue else _category(cue)
    if keep_cue:
        quoted = _QUOTED_AFTER_HEAD.match(text, start + len(cue))
        if quoted:
            # "Câu lạc bộ “Phụ nữ Trẻ Hoàng Mai”": the head with the name it gives in quotes, whole
            found = ModelFind(text[start : quoted.end()], category, start, quoted.end(), None)
            found = ModelFind(found.name, category, start, found.end, _owner_after(text, found.end, orgs))
            return [found], [(start, found.end)]
    rest = text[end:]
    yearly = _YEARLY.match(rest) if category == "chuyên đề" else None
    if yearly:
        # "Chuyên đề năm 2024", "chủ đề 2017-2018": the cue with its year is the name
        name_end = end + yearly.end()
        found = ModelFind(text[start:name_end], category, start, name_end, _owner_after(text, name_end, orgs))
        return [found], [(start, name_end)]
    listed = re.match(r"^(?:\s+[\w,]+){0,12}?\s*như\s*(?P<colon>:)?\s+", rest)
    plural = re.search(r"(?:các|những|nhiều)\s+$", text[:start])
    if listed and _STOP.search(rest[: listed.start() + len(listed.group(0).rstrip(": ").rsplit(" ", 1)[0])]):
        listed = None  # "phong trào xây dựng Nông thôn mới bằng … như: …": the name ends first
    if listed and (listed.group("colon") or plural):
        # "các mô hình như: A, B, C", "các hoạt động … như: A, B"
        items = _list_items(text, end + listed.end(), category, orgs)
        return items, [(i.start, i.end) for i in items]
    if re.match(r"^(?:\s+[\w-]+){0,3}\s*:?\s*[“\"]", rest):
        return [], []  # quoted: handled above
    if cue in _QUOTED_ONLY:
        return [], []
    if plural and not keep_cue and category != "chuyên mục":
        # "phát triển những mô hình kinh tế mới, tổ hợp tác liên kết sản xuất, nhân rộng …",
        # "phát huy các mô hình kinh tế tập thể": unquoted and lower case after a plural with no
        # "như", the words say what kinds of model, and a comma list goes on as the sentence's clauses
        listing = _comma_list(text, end)
        kinds = _name_after(text, end, category, orgs, start)
        if listing and not any(w[:1].isupper() for s, e in listing for w in text[s:e].split()):
            return [], [(start, listing[-1][1])]
        if kinds and not any(w[:1].isupper() for w in kinds.name.split()) and not kinds.org:
            return [], [(start, kinds.end)]
    if re.search(r"\d[\d.,/]*[^\W\d_]*(?<![.,])\s+$", text[:start]) and category != "chuyên mục":
        # "01 công trình nhà vệ sinh", "22,7km công trình …": a counted noun; not "… 2022, mô
        # hình …" (a clause ends there), nor "15 chuyên mục học tập làm theo Bác" (a column's
        # issues counted, the column named)
        return [], []
    listing = _comma_list(text, end)
    if listing and _places_or_bodies(text, listing, orgs):
        # "mô hình là Hội Nông dân các xã Bình Dương, Thượng Trưng, Cao Đại": who and where, no works
        return [], [(start, listing[-1][1])]
    if listing and not _works_listed(text, listing):
        # "Phong trào phát triển kinh tế, giúp nhau xóa đói, giảm nghèo": clauses, no names
        return [], [(start, listing[-1][1])]
    if listing:
        # "Công trình thanh niên nhà nhân ái, nhà Thanh niên, nhà Khăn quàng đỏ, …"
        return [ModelFind(text[s:e], category, s, e, None) for s, e in listing], list(listing)
    named = NAMING_CUE.match(text[end:].lstrip()) if not keep_cue else None
    if named:
        # "mô hình mang tên Ngôi nhà xanh …": the cue says a name follows
        item = _name_after(text, end + len(text[end:]) - len(text[end:].lstrip()) + named.end(), category, orgs, start)
        return ([item], [(start, item.end)]) if item else ([], [])
    item = _name_after(text, start if keep_cue else end, category, orgs, start)
    if item and not _named_so(text, item, category, orgs):
        # "phong trào phát triển kinh tế", "mô hình hội viên CCB": words that say what kind of
        # model, with nothing that makes them a name
        return [], [(start, item.end)]
    described = not (keep_cue or item is None or item.org or item.name[:1].isupper() or category == "chuyên mục")
    proper = item is not None and any(w[:1].isupper() for w in item.name.split()[1:])
    if item and described and not proper and not _reads_as_a_name(text, item):
        # "phong trào học và làm theo gương Bác", "mô hình về xây dựng nông thôn mới": an
        # unquoted lower-case phrase that goes on, or says "về/gắn với/trong", describes
        return [], [(start, item.end)]
    return ([item], [(start, item.end)]) if item else ([], [])


# right after a name, with no break: a verb reporting a result and its number
_RESULT_AFTER = re.compile(r"\s+(?:đã\s+)?(?:được|đạt|giúp|thu hút|mang lại|huy động|hỗ trợ)\s+[^,;.]{0,30}?\d")


def _named_so(text: str, item: ModelFind, category: str, orgs: list[OrgMention]) -> bool:
    """Whether an unquoted name, alone after its cue, shows it is a name: a capital mid-sentence
    ("mô hình Tổ hùn vốn …", "Quỹ xoay vòng") or beyond its first word that is not a body's acronym
    ("xây dựng Nông thôn mới", not "hội viên CCB"),
    an owner ("của Hội Phụ nữ", "Hội Nông dân huyện với mô hình …"), a result of its own right after
    it, a national movement, a column's title, or a yearly theme."""
    words = item.name.split()
    if category in ("chuyên mục", "chuyên đề") or _known_movement(text, item.start) is not None:
        return True
    if item.org:
        return True  # "mô hình nuôi heo đất … của Ban Liên lạc nữ CCB", "… ông Hồ Văn Thành": someone's own
    if any(re.search(r"\s+với\s+(?:" + _CUE_RE.pattern + r")\s*$", text[o.end : item.start], re.I) for o in orgs):
        return True  # "Hội Nông dân huyện với mô hình giúp nhau ngày công lao động": the body's own
    if _RESULT_AFTER.match(text, item.end):
        return True  # "chương trình sóng và máy tính cho em được 450 triệu đồng": a result of its own
    if any(o.start == item.start for o in orgs):
        return False
    if words[0][:1].isupper() and item.start > 0 and not text[: item.start].rstrip().endswith((".", ":")):
        return True
    return any(w[:1].isupper() and not (len(w) > 1 and w.isupper()) for w in words[1:])


_REVERED = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in REVERED_WORDS) + r")(?!\w)")


def _name_capital(words: list[str]) -> bool:
    """Whether words beyond a name's first show a capital of a name: not a body's acronym ("hội
    viên CCB"), nor a word written with a capital wherever it stands ("làm theo gương Bác")."""
    bare = _REVERED.sub(" ", " ".join(words)).split()
    return any(w[:1].isupper() and not (len(w) > 1 and w.isupper()) for w in bare)


def _works_listed(text: str, listing: Spans) -> bool:
    """A comma list names works when its items share their head ("nhà nhân ái, nhà Thanh niên, …")
    or one of them shows a name's capital beyond its first word."""
    items = [text[s:e].split() for s, e in listing]
    if len({i[0].lower() for i in items}) == 1:
        return True
    return any(_name_capital(i[1:]) for i in items)


def _places_or_bodies(text: str, listing: Spans, orgs: list[OrgMention]) -> bool:
    """A comma list of communes or bodies: an item opens with a body or "là", or most items are
    capitalised words only (the names of places)."""
    items = [text[s:e] for s, e in listing]
    if any(o.start == s for o in orgs for s, _ in listing) or any(i.split()[0].lower() == "là" for i in items):
        return True
    proper = [i for i in items if all(w[:1].isupper() for w in i.split())]
    return 2 * len(proper) >= len(items)


def _reads_as_a_name(text: str, item: ModelFind) -> bool:
    """An unquoted lower-case name stands alone: a few words, none linking it to more, ended by a
    break ("mô hình giúp nhau ngày công lao động, …")."""
    words = [w.lower() for w in item.name.split()]
    after = text[item.end :].lstrip()
    reported = bool(_REPORTED.match(after))
    ended = not after or after[:1] in ",;.:)" or reported
    linking = set(words) & _LINKING_WORDS
    if reported and len(words) <= SHORT_NAME_WORDS and linking <= _JOINING_WORDS:
        linking = set()  # "chương trình sóng và máy tính cho em được 450 triệu đồng": a short name, reported on
    return MIN_UNQUOTED_WORDS <= len(words) <= MAX_ITEM_WORDS and ended and not linking


def _stop_at(text: str, start: int, orgs: list[OrgMention]) -> int:
    """Where an unquoted name ends: a break, a verb that reports on it, a number, a body's name."""
    stop = _STOP.search(text, start)
    end = stop.start() if stop else len(text)
    # "mô hình VAC ông Hồ Văn Thành ở xã Lai Uyên": the owner follows the name, with no "của"
    person = _OWNER_NAMED.search(text, start, end)
    if person:
        end = person.start()
    for org in orgs:
        if start < org.start < end:
            end = org.start
    return end


def _name_after(text: str, start: int, category: str, orgs: list[OrgMention], cue_start: int) -> ModelFind | None:
    while start < len(text) and text[start] == " ":
        start += 1
    known = _known_movement(text, start)
    if known:
        return ModelFind(text[start:known], category, start, known, _owner_after(text, known, orgs))
    end = _stop_at(text, start, orgs)
    if end <= start:
        return None
    # "phong trào Cựu Chiến binh giúp nhau xóa nhà tạm, giảm hộ nghèo…”": the opening quote was left out
    clause_end = re.compile(r"[;.“\"]|$").search(text, start)
    closing = text.find("”", start, clause_end.start() if clause_end else len(text))
    if closing > end and len(text[start:closing].split()) <= MAX_WORDS:
        end = closing
    # "vận động Nhân dân hiến đất, vận động nguồn lực…": a comma before the same first word goes on
    first = text[start:end].split()[:1]
    while first and text[end : end + 2] == ", " and text[end + 2 :].split()[:1] == first:
        end = _stop_at(text, end + 2, orgs)
    name = text[start:end].strip()
    emulation = re.match(rf"thi đua\s+(?={CAP_WORD})", name)
    if emulation:
        # "phong trào thi đua Cả nước chung tay vì người nghèo": the name follows "thi đua"
        start += emulation.end()
        name = name[emulation.end() :]
    words = name.split()
    if not words or len(words) > MAX_WORDS or words[0].lower() in _GENERIC_START:
        return None
    folded = " ".join(fold(name).replace(",", " ").split())
    if _TOPIC_NAME.match(folded) or (category == "chương trình" and _NATIONAL_PROGRAMME.match(folded)):
        return None  # the report's topic, the national programme: no model named
    if any(o.start == start for o in orgs) or fold(" ".join(words[:2])) in _NOT_NAME_STARTS:
        return None  # "phong trào Hội cựu chiến binh …", "Chương trình công tác toàn khóa": no name
    if words[-1].lower() in _CUT_ENDS:
        return None
    if 1 < len(words) < MIN_UNQUOTED_WORDS and not words[0][:1].isupper():
        return None  # "mô hình tập thể", "mô hình cá nhân": a kind of model, not one named
    if len(words) == 1 and len(name) > 1 and name.isupper():
        owner = _owner_after(text, start + len(name), orgs)
        if owner and _PERSON_OWNER.fullmatch(owner):
            return ModelFind(
                name, category, start, start + len(name), owner
            )  # "mô hình VAC ông Hồ Văn Thành": a person's
    if len(words) == 1 and category != "chuyên mục":
        return None  # "mô hình trồng …": cut short
    if len(words) == 1 or words[0].lower() == "về":
        # "chuyên mục thuế", "chuyên mục về Chỉ thị 05-CT/TW": the cue is part of the name
        if not words[0].islower() and words[0].lower() != "về":
            return None
        start = cue_start
        # "các chuyên trang, chuyên mục về …": the cues listed before belong to the name
        before = re.search(r"(?:" + _CUE_RE.pattern + r")\s*,\s*$", text[:start], re.IGNORECASE)
        if before:
            start = before.start()
        name = text[start:end].strip()
    return ModelFind(name, category, start, start + len(name), _owner_after(text, start + len(name), orgs))


def _known_movement(text: str, start: int) -> int | None:
    """Where a national movement printed unquoted with commas in its name ends ("nông dân thi
    đua sản xuất, kinh doanh giỏi"), or None; folding keeps the length, letter for letter."""
    folded = fold(text[start : start + 120]).lower()
    for name in NATIONAL_MOVEMENTS:
        if folded.startswith(name) and not folded[len(name) : len(name) + 1].isalnum():
            return start + len(name)
    return None


def _list_items(text: str, start: int, category: str, orgs: list[OrgMention]) -> list[ModelFind]:
    """ "các mô hình như: Tổ hùn vốn tiết kiệm, Tổ góp vốn…, mô hình biến bãi rác…,…" """
    end_match = re.compile(r"[;.:…(]|,\s*…").search(text, start)
    end = end_match.start() if end_match else len(text)
    items: list[ModelFind] = []
    position = start
    for piece in _outside_quotes_split(text[start:end]):
        piece_start = position + len(piece) - len(piece.lstrip())
        position += len(piece) + 1
        name = piece.strip()
        if re.search(r"[“”\"]", name):
            # "“Nuôi heo đất”, “Phụ nữ tiết kiệm phế liệu” để giảm nghèo …, khó khăn": words after a
            # quoted item that are not its owner say what the list is for; the list has ended
            tail = re.split(r"[”\"]", name)[-1]
            if tail.strip() and not re.match(r"^\s*(?:của|do)\s", tail):
                break
            continue
        if any(o.start == piece_start for o in orgs):
            continue  # a quoted name is found as quoted; "Hội Phụ nữ huyện gắn …" is a body, not a name
        cue = _CUE_RE.match(name)
        if cue:
            piece_start += cue.end() + (len(name[cue.end() :]) - len(name[cue.end() :].lstrip()))
            name = name[cue.end() :].strip()
        stop = _STOP.search(name)
        if stop and stop.start() > 0:
            name = name[: stop.start()].strip()
        words = name.split()
        if 2 <= len(words) <= MAX_WORDS and words[0].lower() not in _GENERIC_START:
            items.append(ModelFind(name, category, piece_start, piece_start + len(name), None))
    return items


def _outside_quotes_split(text: str) -> list[str]:
    """The text cut at commas that stand outside quotes (“5 không, 3 sạch” stays whole)."""
    pieces: list[str] = []
    depth, last = 0, 0
    for i, ch in enumerate(text):
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
        elif ch == '"':
            depth = 0 if depth else 1
        elif ch == "," and not depth:
            pieces.append(text[last:i])
            last = i + 1
    pieces.append(text[last:])
    return pieces


def _comma_list(text: str, end: int) -> list[tuple[int, int]]:
    """A cue followed by three or more short items and nothing else up to a quote or the clause's end."""
    stop = re.compile(r"[;.:“\"]|$").search(text, end)
    segment_end = stop.start() if stop else len(text)
    segment = text[end:segment_end]
    pieces = segment.split(",")
    if stop and stop.group(0) in '“"' and pieces and not pieces[-1].strip():
        pieces = pieces[:-1]
    if len(pieces) < 3:
        return []
    spans: list[tuple[int, int]] = []
    position = end
    for piece in pieces:
        words = piece.split()
        if not 1 <= len(words) <= MAX_ITEM_WORDS or re.search(r"\d", piece) or words[0].lower() in _GENERIC_START:
            return []
        start = position + len(piece) - len(piece.lstrip())
        spans.append((start, start + len(piece.strip())))
        position += len(piece) + 1
    return spans
