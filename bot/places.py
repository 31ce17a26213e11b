"""Which places a question names: the districts we know, and the ones we don't.

The districts we know come from the knowledge base. Every other Vietnamese
province and district (the 63 provinces and their districts as they stood
before the 2025 reform, from the ``vietnam-provinces`` package) is something
we must decline politely rather than answer with another district's figure.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

from .text import tokens

DIVISION_WORDS: frozenset[tuple[str, ...]] = frozenset(
    {("huyen",), ("quan",), ("tinh",), ("thi", "xa"), ("thanh", "pho"), ("tp",), ("tx",), ("h",), ("q",)}
)
_PREFIXES = ("Thành phố ", "Tỉnh ", "Huyện ", "Quận ", "Thị xã ")
# Names people still use that the 2025 data set no longer carries.
_EXTRA_PROVINCES = {"Sài Gòn": "Thành phố Hồ Chí Minh", "Thừa Thiên Huế": "Thành phố Huế"}
# Bare phrases that are place names but mostly mean something else in a question.
_COMMON_PHRASES = frozenset(
    {("hoa", "binh"), ("thai", "binh"), ("binh", "minh"), ("thong", "nhat"), ("ho", "chi", "minh"), ("phu", "nu")}
)


@dataclass(frozen=True)
class Place:
    name: str  # as printed, e.g. "Huyện Củ Chi"
    province: str | None  # for a district, its province
    is_province: bool


@lru_cache(maxsize=1)
def gazetteer() -> dict[tuple[str, ...], tuple[Place, ...]]:
    """Folded name → the provinces and districts carrying it."""
    with open(NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as fh:
        provinces = json.load(fh)
    out: dict[tuple[str, ...], list[Place]] = {}

    def add(name: str, place: Place) -> None:
        key = tuple(tokens(_strip_prefix(name)))
        if key:
            out.setdefault(key, []).append(place)

    for province in provinces:
        pname = province["name"]
        add(pname, Place(pname, None, True))
        for district in province["districts"]:
            add(district["name"], Place(district["name"], pname, False))
    for alias, official in _EXTRA_PROVINCES.items():
        add(alias, Place(official, None, True))
    return {k: tuple(v) for k, v in out.items()}


def _strip_prefix(name: str) -> str:
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


# Words that follow "huyện"/"tỉnh" without naming a place: "Huyện ủy", "Huyện Đoàn",
# "huyện nào", "tỉnh này"…
_NOT_NAMES = frozenset(
    {
        "uy",
        "doan",
        "nao",
        "nay",
        "do",
        "kia",
        "khac",
        "minh",
        "ban",
        "nha",
        "co",
        "la",
        "da",
        "dang",
        "se",
        "thi",
        "va",
        "voi",
        "cua",
        "o",
        "trong",
        "nhung",
        "cac",
        "moi",
        "toan",
        "nhan",
        "dan",
        "bo",
        "hoi",
        "tinh",
        "huyen",
        "xa",
        "giao",
    }
)


@dataclass(frozen=True)
class KnownDistrict:
    name: str
    province: str
    keys: tuple[tuple[str, ...], ...]  # folded ways to name it, the province among them


@dataclass
class PlaceMentions:
    known: list[str] = field(default_factory=list)  # districts of the base
    unknown: list[Place] = field(default_factory=list)  # places outside it
    spans: list[tuple[int, int]] = field(default_factory=list)  # token spans to drop from matching
    by_province: list[str] = field(default_factory=list)  # known districts named only by their province


class PlaceFinder:
    """Finds place names in a folded token sequence."""

    def __init__(self, districts: Iterable[tuple[str, str]], corpus_ngrams: frozenset[tuple[str, ...]]):
        self.known: list[KnownDistrict] = []
        for district, province in districts:
            name_key = tuple(tokens(district))
            if not name_key:
                continue  # a draft's placeholder ("?") names no place
            province_keys = {tuple(tokens(province))}
            # "Bà Rịa - Vũng Tàu" is also said "Vũng Tàu" or "Bà Rịa"
            province_keys |= {tuple(tokens(part)) for part in province.split(" - ")}
            province_keys.discard(())
            self.known.append(KnownDistrict(district, province, (name_key, *sorted(province_keys))))
        self._corpus = corpus_ngrams
        self._gazetteer = gazetteer()
        self._max_len = max(len(k) for k in self._gazetteer)
        # most syllables start no place name: skip them at once
        self._starts = {k[0] for k in self._gazetteer} | {k[0] for d in self.known for k in d.keys}

    def find(self, toks: Sequence[str], stopwords: frozenset[str] = frozenset()) -> PlaceMentions:
        found = PlaceMentions()
        i = 0
        while i < len(toks):
            span = self._match_at(toks, i, found, stopwords)
            i = span if span > i else i + 1
        # "Giồng Trôm (Bến Tre)": the province only says where the unknown district is.
        for place in found.unknown:
            if place.province is None:
                continue
            province = tokens(_strip_prefix(place.province))
            for district in self.known:
                if district.name in found.by_province and province == tokens(district.province):
                    found.known.remove(district.name)
                    found.by_province.remove(district.name)
        return found

    def _division_prefix(self, toks: Sequence[str], i: int) -> int:
        """How many tokens before i spell a division word ("huyện", "thị xã"…)."""
        for size in (2, 1):
            if i >= size and tuple(toks[i - size : i]) in DIVISION_WORDS:
                return size
        return 0

    def _match_at(self, toks: Sequence[str], i: int, found: PlaceMentions, stopwords: frozenset[str]) -> int:
        prefix = self._division_prefix(toks, i)
        if toks[i] not in self._starts and not prefix:
            return i
        for length in range(min(self._max_len, len(toks) - i), 0, -1):
            key = tuple(toks[i : i + length])
            end = i + length
            known = self._known_for(key)
            if known is not None:
                if key == known.keys[0]:
                    # "Châu Thành, Tiền Giang" is another province's namesake, not ours.
                    other, other_end = self._province_after(toks, end, known)
                    if other is not None:
                        found.unknown.append(Place(f"Huyện {known.name}", other.name, False))
                        found.spans.append((i - prefix, other_end))
                        return other_end
                if known.name not in found.known:
                    found.known.append(known.name)
                    if key != known.keys[0]:
                        found.by_province.append(known.name)
                found.spans.append((i - prefix, end))
                return end
            places = self._gazetteer.get(key)
            if places and self._counts_as_place(key, prefix > 0, places, stopwords):
                found.unknown.append(_pick(places, prefer_province=prefix > 0 and toks[i - 1] == "tinh"))
                found.spans.append((i - prefix, end))
                return end
        # "huyện X Y" with a name no list of ours holds (renamed or merged districts).
        if prefix and i + 2 <= len(toks):
            name = toks[i : i + 2]
            # Not after "tỉnh": folded, it is also "tình" ("tình thương").
            if (
                toks[i - 1] in ("huyen", "quan", "xa")
                and all(t.isalpha() and t not in _NOT_NAMES and t not in stopwords for t in name)
                and tuple(name) not in self._corpus
            ):
                division = {"huyen": "Huyện", "quan": "Quận", "xa": "Thị xã"}[toks[i - 1]]
                found.unknown.append(Place(f"{division} {' '.join(name).title()}", None, False))
                found.spans.append((i - prefix, i + 2))
                return i + 2
        return i

    def _known_for(self, key: tuple[str, ...]) -> KnownDistrict | None:
        for district in self.known:
            if key in district.keys:
                return district
        return None

    def _province_after(self, toks: Sequence[str], j: int, known: KnownDistrict) -> tuple[Place | None, int]:
        if j < len(toks) and toks[j] == "tinh":
            j += 1
        for length in range(min(4, len(toks) - j), 1, -1):
            key = tuple(toks[j : j + length])
            if key in known.keys:
                return None, j
            for place in self._gazetteer.get(key, ()):
                if place.is_province:
                    return place, j + length
        return None, j

    def _counts_as_place(
        self, key: tuple[str, ...], prefixed: bool, places: Sequence[Place], stopwords: frozenset[str]
    ) -> bool:
        if prefixed:
            return True
        if key in _COMMON_PHRASES or len(key) < 2 or any(t.isdigit() for t in key):
            return False
        if all(t in stopwords for t in key):  # "La Gi" is first of all "là gì"
            return False
        if any(p.is_province for p in places):
            return True
        # A bare district name that the articles use as ordinary words is not a mention.
        return key not in self._corpus


def _pick(places: Sequence[Place], prefer_province: bool) -> Place:
    provinces = [p for p in places if p.is_province]
    if provinces and (prefer_province or len(provinces) == len(places)):
        return provinces[0]
    districts = [p for p in places if not p.is_province]
    return districts[0] if districts else places[0]
