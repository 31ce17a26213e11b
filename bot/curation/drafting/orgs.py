"""Organisations a sentence names: who achieved a figure or runs a model.

Vietnam's Party bodies, State bodies and mass organisations are a fixed,
nationwide set, so a list of their names (as reports print them, with the
usual abbreviations) finds them better than guessing from capital letters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.curation.drafting.vietnamese import CAP_WORD, DOCUMENT_ISSUERS, LEADING_PHRASES, PARTY_UNITS, UPPER

_LEVEL = r"(?:\s+(?:cấp\s+)?(?:huyện|tỉnh|xã|thị trấn|thành phố|thị xã|cơ sở))"
_ABBR = rf"(?:\s*\([{UPPER}&,\s]{{2,12}}\))"
_COMMITTEE = r"(?:Huyện ủy|Huyện uỷ|Tỉnh ủy|Thành ủy|Thị ủy|Quận ủy|Đảng ủy|HU|TU)"
_CAP = CAP_WORD
_CORES = (
    rf"Ban Thường vụ {_COMMITTEE}",
    rf"BTV {_COMMITTEE}",
    rf"Thường trực {_COMMITTEE}",
    r"Ban Chấp hành Trung ương(?: Đảng)?(?: khóa [XVIL]+)?",
    r"Ban Chấp hành Đảng bộ",
    rf"Ban (?:Tuyên giáo|Dân vận|Tổ chức|Nội chính)(?: {_COMMITTEE}| Trung ương)?",
    rf"Ủy ban Kiểm tra(?: {_COMMITTEE})?",
    r"Ban Bí thư",
    r"Bộ Chính trị(?: \(khóa [XVIL]+\)| khóa [XVIL]+)?",
    r"Ban Chỉ đạo(?: \w+){0,4}",
    r"Ban Liên lạc(?: nữ)? [Cc]ựu [Cc]hiến binh",
    r"Ủy ban Mặt trận [Tt]ổ quốc(?: Việt [Nn]am)?",
    r"Mặt trận Tổ quốc(?: Việt [Nn]am)?",
    r"MTTQ(?: Việt Nam)?",
    r"Ủy ban nhân dân",
    r"UBND",
    r"Hội đồng nhân dân",
    r"HĐND",
    r"Hội Liên hiệp [Pp]hụ [Nn]ữ",
    r"Hội LHPN",
    r"Hội [Pp]hụ [Nn]ữ",
    r"Hội [Nn]ông [Dd]ân",
    r"Hội ND",
    r"Hội Cựu [Cc]hiến binh",
    r"Hội CCB",
    r"Hội [Cc]hữ thập đỏ",
    r"Hội Người cao tuổi",
    r"Hội Khuyến học",
    r"Hội Luật gia",
    r"Hội Văn học - nghệ thuật",
    r"Hội Liên hiệp Thanh niên(?: Việt Nam)?",
    r"Liên đoàn Lao động",
    r"LĐLĐ",
    r"Đoàn Thanh niên(?: Cộng sản Hồ Chí Minh)?",
    r"Huyện [Đđ]oàn",
    r"Tỉnh [Đđ]oàn",
    r"Thành [Đđ]oàn",
    r"Thị [Đđ]oàn",
    r"Quận [Đđ]oàn",
    r"Ban Công tác Mặt trận",
    # "Chi hội phụ nữ thôn 3": a village's branch, its village in its name
    rf"Chi hội(?: {_CAP}| [a-zà-ỹđ]+){{1,4}}?(?= (?:{_CAP}|xã|thôn|ấp|buôn|bản|khu|tổ)\b)"
    rf"(?: (?:thôn|ấp|buôn|bản|tổ) (?:{_CAP}(?: {_CAP}){{0,2}}|\d+))?",
    r"Đảng bộ(?: (?:" + "|".join(re.escape(u) for u in PARTY_UNITS) + r"))?",
    rf"Phòng {_CAP}[^,;.()]{{0,60}}?(?=\s+(?:huyện|tỉnh)\b)",
    rf"Trung tâm {_CAP}[^,;.()]{{0,60}}?(?=\s+(?:huyện|tỉnh)\b)",
    r"Đài [Tt]ruyền thanh(?: - [Tt]ruyền hình)?",
    rf"Ngành {_CAP}[^,;.()]{{0,60}}?(?=\s+(?:huyện|tỉnh)\b)",
    r"Công an",
    r"Ban Chỉ huy Quân sự",
    r"Đảng ủy",
    r"Đảng uỷ",
    # "HTX Hồng Hà", "Hợp tác xã Cà phê Ea Kênh": a cooperative, its name capitalised
    rf"(?:HTX|Hợp tác xã)(?: {_CAP}){{1,4}}",
    r"Huyện ủy",
    r"Huyện uỷ",
    r"Tỉnh ủy",
    r"Thành ủy",
    r"Thị ủy",
    r"Quận ủy",
    r"huyện ủy",
)
# "Chi bộ Hội Liên hiệp Phụ nữ (LHPN) huyện Châu Thành": a Party cell of another body.
_CELL = r"(?:(?:Chi bộ|Đảng bộ|Đảng ủy)\s+)?"
_ORG = re.compile(rf"(?<!\w)(?P<core>{_CELL}(?:{'|'.join(_CORES)}){_ABBR}?)(?P<level>{_LEVEL})?(?=(?P<rest>[^,;.:]*))")
_KHOA = re.compile(r"^\s*\(?khóa [XVIL]+\)?")


@dataclass(frozen=True)
class OrgMention:
    start: int
    end: int
    name: str


# a committee's name followed by "viên" is the title of its member ("đồng chí A, Tỉnh ủy viên, Bí thư …")
_MEMBER_TITLE = re.compile(r"\s+viên(?!\w)")


def find_orgs(text: str, places: tuple[str, ...] = ()) -> list[OrgMention]:
    """Organisations in the text; after "huyện"/"tỉnh", only the given places count as
    part of the name ("Hội LHPN huyện Nguyễn Thanh Hiền" names a person after the body)."""
    out: list[OrgMention] = []
    for match in _ORG.finditer(text):
        if _MEMBER_TITLE.match(text, match.end("core")):
            continue  # "Tỉnh ủy viên", "Huyện ủy viên": a person's title, no body acting
        end = match.end("level") if match.group("level") else match.end("core")
        rest = match.group("rest")
        if match.group("level") and re.match(r"\s+(?:xã|phường|thị trấn)$", match.group("level")):
            # "Hội Nông dân xã Ea Kênh", "Hội LHPN xã Trà Mai": a commune's body, the commune
            # named after its level
            commune = re.match(rf"^(?: {_CAP}| \d+| [IVX]+\b){{1,4}}", rest)
            if commune:
                end += commune.end()
                rest = rest[commune.end() :]
        elif match.group("level"):
            for place in sorted(places, key=len, reverse=True):
                if place and rest.startswith(" " + place):
                    end += 1 + len(place)
                    rest = rest[1 + len(place) :]
                    break
            abbr = re.match(_ABBR, rest)
            if abbr:
                end += abbr.end()
                rest = rest[abbr.end() :]
        elif re.search(r"(?:[uủ]y|[Đđ]oàn)$", match.group("core")):
            # "Huyện ủy Yên Định", "Huyện đoàn Chợ Đồn": a committee named with its place, no level word
            for place in sorted(places, key=len, reverse=True):
                if place and rest.startswith(" " + place):
                    end += 1 + len(place)
                    rest = rest[1 + len(place) :]
                    break
        khoa = _KHOA.match(rest)
        if khoa and "khóa" not in match.group("core"):
            end += khoa.end()
        out.append(OrgMention(match.start(), end, text[match.start() : end].strip()))
    return out


# a commune, ward or village as the subject of a model: "xã Hỏa Lựu với mô hình …"
_PLACE_OWNER = re.compile(
    r"(?<!\w)(?:[Xx]ã|[Pp]hường|[Tt]hị trấn|[Tt]hôn|[Ấấ]p|[Bb]uôn|[Bb]ản|[Kk]hu phố|[Tt]ổ dân phố)"
    rf"(?: {_CAP}| \d+| [IVX]+\b){{1,4}}"
)


def owner_before(text: str, position: int, places: tuple[str, ...] = ()) -> str | None:
    """Who the part of a sentence holding ``position`` is about: the last organisation (or
    commune) named between the previous semicolon and ``position`` ("Hội Phụ nữ huyện gắn …
    phong trào “Hũ gạo tiết kiệm”", "; xã Hỏa Lựu với mô hình “…”")."""
    start = text.rfind(";", 0, position) + 1
    best: tuple[int, str] | None = None
    bodies = find_orgs(text[start:position], places)
    for org in bodies:
        if org.name.startswith(DOCUMENT_ISSUERS):
            continue  # "Chỉ thị số 05-CT/TW của Bộ Chính trị … gắn với phong trào “…”": who issued it
        if best is None or org.start >= best[0]:
            best = (org.start, org.name)
    for place in _PLACE_OWNER.finditer(text[start:position]):
        if re.search(r"\([^)]*$", text[start : start + place.start()]):
            continue  # "HTX Hồng Hà (xã Bằng Phúc)": the address of the body before it
        if any(o.start < place.start() < o.end for o in bodies):
            continue  # "Hội Nông dân xã Hương Nộn": the commune is part of the body's name
        if best is None or place.start() > best[0]:
            best = (place.start(), place.group(0))
    return best[1] if best else None


_SUBJECT_LEAD = re.compile(
    r"^(?:[\"“(]?\s*)(?:(?:"
    + "|".join(re.escape(p) for p in sorted(LEADING_PHRASES, key=len, reverse=True))
    + r")\s*,?\s+)?(?:Hiện nay,?\s+|Hiện\s+)?(?:toàn |các |cả )?",
    re.IGNORECASE,
)


def subject(text: str, places: tuple[str, ...] = (), before: int | None = None) -> OrgMention | None:
    """The organisation a sentence or clause starts with, the subject of what it reports; also
    after a leading phrase ("Nhân kỷ niệm 128 năm Ngày sinh Bác, Huyện ủy tổ chức…"), before ``before``."""
    orgs = find_orgs(text, places)
    limit = len(text) if before is None else before
    starts = [0, *(m.end() for m in re.finditer(r",\s+", text[:limit]))]
    for start in starts:
        lead = _SUBJECT_LEAD.match(text, start)
        offset = lead.end() if lead else start
        for org in orgs:
            if org.start == offset:
                return org
    return None
