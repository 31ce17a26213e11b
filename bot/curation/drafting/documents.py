"""Documents an article cites: directives, conclusions, resolutions, plans, regulations."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.curation.drafting.orgs import find_orgs

_KINDS = (
    r"Chỉ thị|Kết luận|Nghị quyết|Kế hoạch|Quy định|Quyết định|Hướng dẫn|Thông báo|Nghị định|Thông tư|Công văn|Đề án"
)
_CODED = re.compile(
    rf"(?<!\w)(?P<kind>{_KINDS})(?:\s+số)?\s+(?P<number>\d+)\s*[-–]\s*[A-ZĐƯƠ]+/[A-ZĐƯƠ]+(?:-[A-ZĐƯƠ]+)?"
)
_PLENUM = re.compile(
    r"(?<!\w)(?P<kind>Nghị quyết)\s+(?:Trung ương|TW|T\.Ư)\s+(?P<number>\d+)(?:\s+khóa\s+[XVIL]+(?:\s*,\s*[XVIL]+)*)?"
)
_SHORT = re.compile(r"(?<!\w)(?P<kind>Chỉ thị|Kết luận|Nghị quyết|Quy định)(?:\s+số)?\s+(?P<number>\d+)(?![-–/\d])")
_ACTION = re.compile(
    r"(?<!\w)Chương trình hành động(?: thực hiện)? Nghị quyết [^,;.]*?(?=\s+(?:gắn|về|là|nhằm)\b|[,;.]|$)"
)
_DATE = re.compile(r"^\s*,?\s*(?:ban hành\s+)?(?:ngày|, ngày)\s+(\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*\d{4})")


# the documents every article reports on (kind and number, as DocumentFind.key)
TOPIC_DOCUMENTS = frozenset({("chỉ thị", "5"), ("kết luận", "1")})


@dataclass(frozen=True)
class DocumentFind:
    name: str
    key: tuple[str, str]  # the kind and number, to merge "Chỉ thị 05-CT/TW" with "Chỉ thị số 05"
    issuer: str | None
    date: str | None
    start: int
    end: int
    full: bool  # printed with its code ("05-CT/TW")


def find_documents(text: str, places: tuple[str, ...] = ()) -> list[DocumentFind]:
    found: list[DocumentFind] = []
    taken: list[tuple[int, int]] = []
    for pattern, full in ((_CODED, True), (_PLENUM, True), (_SHORT, False)):
        for match in pattern.finditer(text):
            if any(s <= match.start() < e for s, e in taken):
                continue
            taken.append(match.span())
            kind, number = match.group("kind"), match.group("number").lstrip("0") or "0"
            tag = "tw" if pattern is _PLENUM else ""
            date, issuer = _date_and_issuer(text, match.end(), places)
            issuer = issuer or _enacted_by(text, match.start(), places)
            found.append(
                DocumentFind(
                    match.group(0), (kind.lower() + tag, number), issuer, date, match.start(), match.end(), full
                )
            )
    for match in _ACTION.finditer(text):
        # named by its resolution alone: a document only with an issuer or date to go with it
        found.append(DocumentFind(match.group(0), ("ctrinh", match.group(0).lower()), None, None, *match.span(), False))
    found.sort(key=lambda d: d.start)
    return found


def _date_and_issuer(text: str, end: int, places: tuple[str, ...]) -> tuple[str | None, str | None]:
    date = None
    rest = text[end:]
    match = _DATE.match(rest)
    position = end
    if match:
        date = match.group(1)
        position = end + match.end()
    issuer = None
    of = re.match(r"^\s*,?\s*(?:của|do)\s+", text[position:])
    if of:
        at = position + of.end()
        issuer = next((o.name for o in find_orgs(text, places) if o.start == at), None)
        if issuer and date is None:
            after = _DATE.match(text[at + len(issuer) :])
            if after:
                date = after.group(1)
    return date, issuer


def _enacted_by(text: str, start: int, places: tuple[str, ...]) -> str | None:
    """ "Ban Thường vụ Huyện ủy đã ban hành Kế hoạch số 74-KH/HU": the body before "ban hành"."""
    before = re.search(r"\s+(?:đã\s+)?ban hành\s+$", text[:start])
    if not before:
        return None
    return next((o.name for o in find_orgs(text, places) if o.end == before.start()), None)
