"""People an article names, with the role it gives them.

A Vietnamese name is two to four capitalised syllables starting with a
family name; the role stands before it ("Bí thư Huyện ủy Phan Song Toàn")
or after a dash ("Tăng Thu Hằng – Phó Bí thư Thường trực Huyện ủy").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.curation.drafting import divisions
from bot.curation.drafting.vietnamese import CAP_WORD
from bot.language.folding import fold

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Tăng",
    "Đinh",
    "Lâm",
    "Mai",
    "Trương",
    "Đoàn",
    "Lương",
    "Tô",
    "Hà",
    "Châu",
    "Cao",
    "Thái",
    "Tạ",
    "Quách",
    "Lưu",
    "Kiều",
    "Trịnh",
    "Đào",
    "Từ",
    "Triệu",
    "La",
    "Thạch",
    "Danh",
    "Kim",
    "Sơn",
    "Lại",
    "Phùng",
    "Vương",
    "Khúc",
    "Âu",
    "Diệp",
    "Hứa",
    "Mạc",
    "Nông",
    "Lò",
    "Lô",
    "Quan",
    "Chu",
    "Thân",
    "Tôn",
    "Giang",
    "Văn",
    "Thới",
    "Bế",
    "Hoàng",
    "Ông",
    "Viên",
    "Ninh",
    "Đàm",
    "Nghiêm",
    "Tiêu",
    "Doãn",
    "Khổng",
    "Mã",
    "Lục",
    # names of the north's and the highlands' peoples
    "Lù",
    "Giàng",
    "Sùng",
    "Thào",
    "Vàng",
    "Mua",
    "Lầu",
    "Hầu",
    "Sình",
    "Tẩn",
    "Chảo",
    "Sầm",
    "Lường",
    "Quàng",
    "Cầm",
    "Vi",
    "Ma",
    "Lộc",
    "Bạch",
    "Nay",
    "Siu",
    "Ksor",
    "Y",
    "H",
]
_NAME = re.compile(rf"(?<!\w)(?:{'|'.join(SURNAMES)})(?:\s+{CAP_WORD}){{1,5}}(?!\w)")
MAX_SYLLABLES = 4
_ROLE_HEADS = (
    r"Tỉnh ủy viên|Huyện ủy viên|Ủy viên Ban Thường vụ|Ủy viên|Phó Bí thư|Phó bí thư|Bí thư|Phó Chủ tịch|Chủ tịch|"
    r"Phó Trưởng ban|Trưởng ban|Phó Trưởng phòng|Trưởng phòng|Phó Giám đốc|Giám đốc|Chánh Văn phòng|Chánh|Đại tá|"
    r"Thượng tá|Trung tá|Thiếu tá|Hiệu trưởng|Trưởng ấp|Bí thư Chi bộ|Thầy|thầy|Cô|cô|Đồng chí|đồng chí|Ông|ông|Bà|bà|"
    r"Anh|anh|Chị|chị|Em|em|cháu|cụ|Cụ|nông dân|cựu chiến binh|Cựu chiến binh|nghệ nhân|Nghệ nhân"
)
# a head is a word of its own: "ông" in "nông dân Mua Mí Gió" is no honorific
_ROLE_BEFORE = re.compile(rf"(?<!\w)(?:{_ROLE_HEADS})(?:(?!\s+(?:{_ROLE_HEADS})\s)[^.;:()“”\"])*?\s*$")
MAX_ROLE_BEFORE_WORDS = 10  # "Phó Trưởng ban Thường trực Ban Tuyên giáo Tỉnh ủy Nguyễn …"
# the post in apposition: "đồng chí Trần Đức Hạnh, Tỉnh ủy viên, Bí thư Huyện ủy Thạch Hà chủ trì …"
_POST_HEADS = (
    r"Tỉnh ủy viên|Huyện ủy viên|Thành ủy viên|Ủy viên|Phó|Bí thư|Chủ tịch|Trưởng|Tổ trưởng|Chi hội trưởng|"
    r"Giám đốc|Chủ nhiệm|Chánh|Hiệu trưởng|Thường trực|Đại tá|Thượng tá|Trung tá|Thiếu tá|Đại úy|Chỉ huy|"
    r"Đồn trưởng|Cán bộ|Già làng|Người có uy tín|người có uy tín|hội viên|đảng viên|giáo viên|cô giáo|thầy giáo|"
    r"nông dân|cựu chiến binh|Cựu chiến binh|Nghệ nhân|nghệ nhân|Bác sĩ|bác sĩ"
)
# What ends a post: a verb saying what the person did, or "và" before another person or a count
_POST_END = (
    r"\s+(?:chủ trì|đồng chủ trì|phát biểu|cho biết|trình bày|nói|chia sẻ|khẳng định|nhấn mạnh|đề nghị|trao|tặng|dự|"
    r"tham dự|đã|đang|là|được|cùng|với|vinh dự|kể|đến dự|thay mặt|và (?:đồng chí|ông|bà|các|những|\d+))\b"
)
_APPOSITIVE = re.compile(
    rf"^\s*,\s*((?:{_POST_HEADS})[^.;:()“”\"]*?)"
    rf"(?={_POST_END}|,\s+(?:người|là|đã)\s|\s*[.;:()“”\"]|$)"
)
# "xã Thạch Đài", "thôn Sín Chải": a place, though its name starts like a family name
_PLACE_BEFORE = re.compile(r"(?:xã|phường|thị trấn|thôn|bản|ấp|buôn|khu|làng|đền|chùa|di tích)\s*$", re.I)
_ROLE_AFTER = re.compile(rf"^\s*[–—-]\s*([^,.;:()“”\"]+?)(?={_POST_END}|[,.;:]|$)")
_MORE_POSTS = re.compile(rf",\s*(?:{_POST_HEADS})[^,.;:()“”\"]*?(?={_POST_END}|\s*[,.;:()“”\"]|$)")
_HONORIFICS = frozenset({"đồng chí", "ông", "bà", "anh", "chị", "em", "cháu", "cụ", "thầy", "cô"})
_NOT_PEOPLE = frozenset({"ho chi minh", "ho chu tich"})
_VERBS_AFTER = re.compile(r"^\s*([^.;:()“”\"]{0,120}?)(?=[,.;:]|$)")


@dataclass(frozen=True)
class PersonFind:
    name: str
    role: str
    start: int
    end: int


def _is_place(name: str) -> bool:
    folded = fold(name)
    return bool(divisions.provinces_of(name)) or divisions.province_name(folded) is not None


def find_people(text: str) -> list[PersonFind]:
    found: list[PersonFind] = []
    for match in _NAME.finditer(text):
        name = match.group(0)
        if fold(name) in _NOT_PEOPLE or _is_place(name) or any(fold(name).startswith(p) for p in _NOT_PEOPLE):
            continue
        # "Huyện ủy Châu Thành Phan Song Toàn": the name is what follows a place
        words = name.split()
        for cut in range(1, len(words) - 1):
            if _is_place(" ".join(words[:cut])) and words[cut] in SURNAMES:
                words = words[cut:]
                break
        before = re.search(rf"({CAP_WORD})\s+$", text[max(0, match.start() - 20) : match.start()])
        if before and len(words) > 2 and words[1] in SURNAMES and _is_place(f"{before.group(1)} {words[0]}"):
            words = words[1:]  # "Quận ủy Tây Hồ Nguyễn Lê Hoàng": "Hồ" ends the place
        if words[0] in ("Ông", "Bà") and len(words) > 2 and words[1] in SURNAMES:
            words = words[1:]  # "Ông Nguyễn Văn Tới": the honorific opening a sentence
        if len(words) > MAX_SYLLABLES or len(words) < 2:
            continue
        name = " ".join(words)
        start = text.index(name, match.start())
        end = start + len(name)
        if _PLACE_BEFORE.search(text[max(0, start - 12) : start]) or re.search(
            r"(?:Huyện|Tỉnh|Thành|Thị|Quận)\s+$", text[max(0, start - 8) : start]
        ):
            continue  # "xã Thạch Đài", "Huyện Đoàn Tân Châu": a place or a body, not a person
        role = _role(text, start, end)
        if role is None:
            continue  # capitalised words with no role are more often a place or a title than a person
        found.append(PersonFind(name, role, start, end))
    return found


def _role(text: str, start: int, end: int) -> str | None:
    before = _ROLE_BEFORE.search(text[max(0, start - 120) : start])
    if before and (
        len(before.group(0).split()) > MAX_ROLE_BEFORE_WORDS or re.search(r"\s(?:ở|tại|của)\s", before.group(0))
    ):
        before = None  # the words before name a place or a work, not the person's post
    after = _ROLE_AFTER.match(text[end:])
    role = before.group(0).strip(" ,") if before else ""
    others = list(_NAME.finditer(role))
    if others:
        # a post holds no one's name: "bà Đặng Thị Mít, Nguyễn Thị Nhành" is one title before a list
        # of names, each one's; other words around a name are no post of this person
        listed = re.fullmatch(r"\s*(?:,|và)?\s*", role[others[-1].end() :])
        role = role[: others[0].start()].strip(" ,") if listed else ""
    appositive = _APPOSITIVE.match(text[end:])
    if appositive and (not role or role.lower() in _HONORIFICS):
        return appositive.group(1).strip(" ,")
    if after:
        after_role = after.group(1).strip()
        # "Nay Y Phú – phó Bí thư, Chủ tịch UBND huyện": the posts go on after commas
        at = end + after.end()
        while more := _MORE_POSTS.match(text, at):
            after_role += text[at : more.end()].rstrip()
            at = more.end()
        # "chị Nguyễn Thị Nhẹ - Trà Vân": a place after the dash, not a post
        names_a_place = all(w[:1].isupper() for w in after_role.split()) and not re.match(_POST_HEADS, after_role)
        if not names_a_place and (not role or role.lower() in _HONORIFICS):
            return after_role
    if role.lower() in _HONORIFICS:
        # "chị Nguyễn Thị Thúy Sen vinh dự được … khen thưởng": what the sentence says of them
        said = _VERBS_AFTER.match(text[end:])
        words = said.group(1).strip() if said else ""
        # "chị Nguyễn Thị Nhẹ - Trà Vân": the dash gives her commune, not what she did
        return f"{role} ({words})" if words and not words.startswith(("-", "–", "—")) else role
    return role or None
