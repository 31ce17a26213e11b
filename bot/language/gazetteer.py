"""Which places a question names: the districts we know, and the ones we don't.

The districts we know come from the knowledge base. Every other Vietnamese
province and district (the 63 provinces and their districts as they stood
before the 2025 reform, from the ``vietnam-provinces`` package) is something
we must decline politely rather than answer with another district's figure.

People also name places on today's map (:mod:`bot.language.today_map`): a province of the
34 ("Đồng Nai" covers what was Bình Phước) finds the old districts in it, and a commune,
ward or town ("xã An Khánh", "thị trấn Đất Đỏ") finds its district.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

from bot.language import lexicon, today_map
from bot.language.folding import BREAK, tokens

_COMMUNE_STARTS = frozenset(words[0] for words in lexicon.COMMUNE_WORDS)
# how the data set prefixes official names
_PREFIXES = ("Thành phố ", "Tỉnh ", "Huyện ", "Quận ", "Thị xã ")


@dataclass(frozen=True)
class Place:
    name: str  # as printed, e.g. "Huyện Củ Chi"
    province: str | None  # for a district, its province
    is_province: bool
    division_said: bool = False  # "thành phố Vĩnh Long": named with its division word, as the city


_COMMUNE_FIRST_WORDS = frozenset(w[0] for w in lexicon.COMMUNE_WORDS)


@lru_cache(maxsize=1)
def official_divisions() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every province with its districts, named as the data set prints them
    ("Tỉnh Bình Phước", ("Huyện Bù Đốp", …)); read once."""
    with open(NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as fh:
        provinces = json.load(fh)
    return tuple((p["name"], tuple(d["name"] for d in p["districts"])) for p in provinces)


def strip_prefix(name: str) -> str:
    """The name without the data set's division word: "Huyện Bù Đốp" → "Bù Đốp"."""
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


@lru_cache(maxsize=1)
def gazetteer() -> dict[tuple[str, ...], tuple[Place, ...]]:
    """Folded name → the provinces and districts carrying it."""
    out: dict[tuple[str, ...], list[Place]] = {}

    def add(name: str, place: Place) -> None:
        key = tuple(tokens(strip_prefix(name)))
        if key:
            out.setdefault(key, []).append(place)

    for pname, districts in official_divisions():
        add(pname, Place(pname, None, True))
        for dname in districts:
            add(dname, Place(dname, pname, False))
    for alias, official in lexicon.EXTRA_PROVINCES.items():
        add(alias, Place(official, None, True))
    return {k: tuple(v) for k, v in out.items()}


@dataclass(frozen=True)
class KnownDistrict:
    name: str
    province: str
    keys: tuple[tuple[str, ...], ...]  # folded ways to name it, the province among them


@dataclass
class CommuneMention:
    """A commune, ward or town named, of one of our districts."""

    name: str  # as the map names it: "Xã An Khánh", "Thị trấn Châu Thành"
    renamed: bool = False  # the name asked was an earlier one, merged into `name`
    said: tuple[str, ...] = ()  # the tokens the text named it with ("xa", "an", "khanh")
    district: str = ""  # which of our districts it is in (its known name)


# a commune's name resolved: the old communes it may be, today's, and our districts they lie in
_Resolved = tuple[list[today_map.Commune], tuple[today_map.TodayCommune, ...], list[KnownDistrict]]


@dataclass
class PlaceMentions:
    known: list[str] = field(default_factory=list)  # districts of the base
    unknown: list[Place] = field(default_factory=list)  # places outside it
    spans: list[tuple[int, int]] = field(default_factory=list)  # token spans to drop from matching
    by_province: list[str] = field(default_factory=list)  # known districts named only by their province
    # "tỉnh Bến Tre" names the province itself: a question about the province's figure, not the district's
    province_itself: bool = False
    communes: list[CommuneMention] = field(default_factory=list)  # "xã An Khánh": of a known district
    # places the articles name as places ("thị xã Hà Tiên") that are no district of the base: not
    # declined (an article speaks of them), but only an entry naming them answers for them
    elsewhere: list[Place] = field(default_factory=list)
    elsewhere_spans: list[tuple[int, int]] = field(default_factory=list)  # where: no commune's name either
    today: list[str] = field(default_factory=list)  # today's provinces named ("Đồng Nai"), when they cover ours


class Corpus:
    """The phrases the articles use: a district name they use as ordinary words is no mention of it.

    Only what the place finder asks is kept: every pair of adjacent syllables, and the
    longer names of the gazetteer that occur (a set of all 3- and 4-grams would grow with
    every article)."""

    def __init__(self) -> None:
        self.pairs: set[tuple[str, str]] = set()
        self.longer: set[tuple[str, ...]] = set()
        self.named_as_places: set[tuple[str, ...]] = set()  # gazetteer names after a division word
        self._by_pair: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        self._keys = frozenset(gazetteer())
        for key in self._keys:
            if 3 <= len(key) <= 4:
                self._by_pair.setdefault((key[0], key[1]), []).append(key)
        self._division_ends = frozenset(w[-1] for w in lexicon.DIVISION_WORDS)

    def learn(self, toks: Sequence[str], pairs: Iterable[tuple[str, str]] | None = None) -> None:
        """Take in one article's tokens (`pairs`: its adjacent pairs without breaks, when known)."""
        self.pairs.update(pairs if pairs is not None else (p for p in itertools.pairwise(toks) if BREAK not in p))
        by_pair = self._by_pair
        for i in range(len(toks) - 2):
            keys = by_pair.get((toks[i], toks[i + 1]))
            if keys:
                self.longer.update(k for k in keys if tuple(toks[i : i + len(k)]) == k)
        ends = self._division_ends
        for i, tok in enumerate(toks[:-2]):
            if tok in ends and any(tuple(toks[i + 1 - len(w) : i + 1]) == w for w in lexicon.DIVISION_WORDS):
                self.named_as_places.update(
                    key for size in (2, 3, 4) if (key := tuple(toks[i + 1 : i + 1 + size])) in self._keys
                )

    def __contains__(self, key: tuple[str, ...]) -> bool:
        if len(key) == 2:
            return key in self.pairs
        return key in self.longer


class PlaceFinder:
    """Finds place names in a folded token sequence."""

    def __init__(self, districts: Iterable[tuple[str, str]], corpus: Corpus):
        self.known: list[KnownDistrict] = []
        self._by_key: dict[tuple[str, ...], KnownDistrict] = {}
        self._province_tokens: dict[str, list[str]] = {}
        for district, province in dict.fromkeys(districts):
            name_key = tuple(tokens(district))
            province_keys = {tuple(tokens(province))}
            # "Bà Rịa - Vũng Tàu" is also said "Vũng Tàu" or "Bà Rịa"
            province_keys |= {tuple(tokens(part)) for part in province.split(" - ")}
            known = KnownDistrict(district, province, (name_key, *sorted(province_keys)))
            self.known.append(known)
            self._province_tokens[district] = tokens(province)
            for key in known.keys:
                self._by_key.setdefault(key, known)
        # "kl", "lv", "bd": the initials of a district of ours, where no other of ours shares them
        # and the lexicon gives them no other reading
        initials: dict[tuple[str, ...], list[KnownDistrict]] = {}
        for known in self.known:
            name = known.keys[0]
            if len(name) >= 2:
                initials.setdefault(("".join(w[0] for w in name),), []).append(known)
        for key, owners in initials.items():
            if len(owners) == 1 and key not in self._by_key and key[0] not in lexicon.NOT_INITIALS:
                self._by_key[key] = owners[0]
        self._corpus = corpus
        # a commune's name → what it resolves to among our districts (names repeat in every field)
        self._communes_resolved: dict[tuple[str, tuple[str, ...]], _Resolved] = {}
        self._covered: dict[str, list[str]] = {}  # a province name → our districts it covers
        self._gazetteer = gazetteer()
        self._max_len = max(len(k) for k in self._gazetteer)
        # most syllables start no place name: skip them at once
        self._starts = {k[0] for k in self._gazetteer} | {k[0] for k in self._by_key}
        lengths: dict[str, set[int]] = {}
        for key in (*self._gazetteer, *self._by_key):
            lengths.setdefault(key[0], set()).add(len(key))
        self._lengths_from = {first: sorted(found, reverse=True) for first, found in lengths.items()}
        # what any mention needs: a division word ("huyện X"), a one-syllable name of ours,
        # or the first two syllables of a longer name
        self._division_ends = frozenset(w[-1] for w in lexicon.DIVISION_WORDS)
        self._single_keys = frozenset(k[0] for k in self._by_key if len(k) == 1)
        self._first_pairs = frozenset(
            (k[0], k[1]) for k in (*self._gazetteer, *(k for d in self.known for k in d.keys)) if len(k) >= 2
        )

    def may_mention(self, toks: Sequence[str]) -> bool:
        """False when the tokens certainly name no place: most texts, decided without a scan."""
        present = set(toks)
        if not present.isdisjoint(self._division_ends) or not present.isdisjoint(self._single_keys):
            return True
        if not present.isdisjoint(_COMMUNE_STARTS):  # "xã", "phường", "thị trấn"
            return True
        pairs = self._first_pairs
        return any(p in pairs for p in itertools.pairwise(toks))

    def strip(self, toks: list[str], stopwords: frozenset[str] = lexicon.STOPWORDS) -> list[str]:
        """The tokens without the place names in them."""
        if not self.may_mention(toks):
            return toks
        spans = self.find(toks, stopwords).spans
        if not spans:
            return toks
        keep = [True] * len(toks)
        for a, b in spans:
            for k in range(a, b):
                keep[k] = False
        return [t for t, k in zip(toks, keep, strict=True) if k]

    def find(self, toks: Sequence[str], stopwords: frozenset[str] = frozenset()) -> PlaceMentions:
        found = PlaceMentions()
        if not self.may_mention(toks):
            return found
        pairs, singles, division_ends = self._first_pairs, self._single_keys, self._division_ends
        n = len(toks)
        i = 0
        while i < n:
            # a name starts here only with its first two syllables, or as one of our one-syllable
            # names, or after a division word ("huyện X")
            if (
                (i + 1 >= n or (toks[i], toks[i + 1]) not in pairs)
                and toks[i] not in singles
                and (i == 0 or toks[i - 1] not in division_ends)
            ):
                i += 1
                continue
            span = self._match_at(toks, i, found, stopwords)
            i = span if span > i else i + 1
        self._today_and_communes(toks, found, stopwords)
        # "Giồng Trôm (Bến Tre)": the province only says where the unknown district is.
        for place in found.unknown:
            if place.province is None:
                continue
            province = tokens(strip_prefix(place.province))
            for name in list(found.by_province):
                if province == self._province_tokens[name]:
                    found.known.remove(name)
                    found.by_province.remove(name)
        return found

    def _today_and_communes(self, toks: Sequence[str], found: PlaceMentions, stopwords: frozenset[str]) -> None:
        """Names on today's map, and communes: a province that now covers districts of ours
        names them (not "no article about Đồng Nai"), a city that shares a province's name
        is that province when the province covers ours ("Vĩnh Long" is not the city), and a
        commune names its district."""
        for place in list(found.unknown):
            short = strip_prefix(place.name)
            as_province = place.is_province or (not place.division_said and self._names_a_province(short))
            covered = self._covered_by(short) if as_province else []
            if covered:
                found.unknown.remove(place)
                found.today.append(short)
                for district in covered:
                    if district not in found.known:
                        found.known.append(district)
                        found.by_province.append(district)
        covered_spans = {k for a, b in (*found.spans, *found.elsewhere_spans) for k in range(a, b)}
        i = 0
        while i < len(toks):
            if toks[i] not in _COMMUNE_FIRST_WORDS:
                i += 1
                continue
            size = next((len(w) for w in lexicon.COMMUNE_WORDS if tuple(toks[i : i + len(w)]) == w), 0)
            if not size or i in covered_spans:
                i += 1
                continue
            end = self._commune_at(toks, i, size, found, stopwords)
            i = end if end > i else i + 1

    def _commune_at(
        self, toks: Sequence[str], i: int, size: int, found: PlaceMentions, stopwords: frozenset[str]
    ) -> int:
        """ "xã An Khánh" at i (``size`` tokens of division word): its district, known or not."""

        start = i + size
        for length in (4, 3, 2, 1):
            key = tuple(toks[start : start + length])
            if len(key) < length or not key or any(t == BREAK or t in stopwords for t in key):
                continue
            if length == 1 and (toks[i + size - 1], key[0]) in self._corpus.pairs:
                return i  # "phương châm", "xã hội": a phrase the articles use, not a ward
            # "phường 1": numbered wards are keyed with their division word
            name = "".join(toks[i : start + length]) if key[0].isdigit() else "".join(key)
            olds, todays, ours = self._resolve_commune(name, tuple(toks[i : i + size]))
            if ours:
                for known in ours[:1]:
                    if known.name not in found.known:
                        found.known.append(known.name)
                mine = [c for c in olds if self._is_ours(ours[0], c.district, c.province)]
                if mine:
                    own = today_map.run_together(mine[0].own_name) == name
                    found.communes.append(
                        CommuneMention(mine[0].name, not own, tuple(toks[i : start + length]), ours[0].name)
                    )
                else:  # one of today's communes, made of parts of ours
                    today = next(t for t in todays if any(self._is_ours(ours[0], d, p) for d, p in t.districts))
                    found.communes.append(
                        CommuneMention(today.name, False, tuple(toks[i : start + length]), ours[0].name)
                    )
                # the commune's words stay in what is matched: the articles name their communes,
                # and "xã Cầu Khởi" tells its figures from the district's
                return start + length
            if olds and (length >= 2 or key[0].isdigit()):  # "phường 1", "xã Tân Thạch" of another district
                where = {(c.district, c.province) for c in olds}
                one = olds[0]
                said = (
                    today_map.district_named(one.district, one.province) + ", " + today_map.province_named(one.province)
                )
                found.unknown.append(Place(one.name, said if len(where) == 1 else None, False))
                found.spans.append((i, start + length))
                return start + length
        return i

    def _resolve_commune(self, name: str, division: tuple[str, ...]) -> _Resolved:
        """The communes a name (run together) may be, old and today's, and which of our districts
        they lie in; worked out once per name."""
        kept = self._communes_resolved.get((name, division))
        if kept is not None:
            return kept
        olds = _by_likeness(today_map.communes().get(name, ()), name, division)
        todays = today_map.communes_today().get(name, ())
        ours = [k for k in self.known if any(self._is_ours(k, c.district, c.province) for c in olds)]
        ours += [
            k
            for k in self.known
            if k not in ours and any(self._is_ours(k, d, p) for t in todays for d, p in t.districts)
        ]
        resolved = (olds, todays, ours)
        self._communes_resolved[(name, division)] = resolved
        return resolved

    def _is_ours(self, known: KnownDistrict, district: str, province: str) -> bool:
        if tokens(province) != self._province_tokens[known.name]:
            return False
        names = {tuple(tokens(district)), *(tuple(tokens(o)) for o in lexicon.MERGED_DISTRICTS.get(district, ()))}
        return known.keys[0] in names

    def _names_a_province(self, name: str) -> bool:

        return bool(today_map.old_provinces(name))

    def _covered_by(self, province: str) -> list[str]:
        """Our districts in the old provinces a name covers (itself, or today's province's parts)."""

        kept = self._covered.get(province)
        if kept is None:
            olds = {tuple(tokens(p)) for p in today_map.old_provinces(province)}
            kept = self._covered[province] = [
                k.name for k in self.known if tuple(self._province_tokens[k.name]) in olds
            ]
        return list(kept)

    def _division_prefix(self, toks: Sequence[str], i: int) -> int:
        """How many tokens before i spell a division word ("huyện", "thị xã"…); none after a
        word that makes it a level ("cấp huyện chứ": not the town of Chũ)."""
        for size in (2, 1):
            if i >= size and tuple(toks[i - size : i]) in lexicon.DIVISION_WORDS:
                return 0 if i > size and toks[i - size - 1] in lexicon.LEVEL_MARKERS else size
        return 0

    def _match_at(self, toks: Sequence[str], i: int, found: PlaceMentions, stopwords: frozenset[str]) -> int:
        prefix = self._division_prefix(toks, i)
        if toks[i] not in self._starts and not prefix:
            return i
        for length in self._lengths_from.get(toks[i], ()):
            if length > len(toks) - i:
                continue
            key = tuple(toks[i : i + length])
            end = i + length
            known = self._known_for(key)
            if known is not None and key != known.keys[0] and self._a_district_named(toks, i, prefix, key):
                known = None  # "thành phố Vĩnh Long": the city, not the province our district is in
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
                        found.province_itself |= prefix > 0 and toks[i - 1] == "tinh"
                found.spans.append((i - prefix, end))
                return end
            places = self._gazetteer.get(key)
            if places and self._ours_overlaps(toks, i, end):
                continue  # "quay lại Châu Thành": not Lai Châu, whose last syllable opens a district of ours
            named = [p for p in places or () if not p.is_province]
            if named and key in self._corpus.named_as_places and not all(t in stopwords for t in key):
                # "Hà Tiên": a town an article names; its words stay to find that article's entries
                found.elsewhere.append(named[0])
                found.elsewhere_spans.append((i - prefix, end))
                return end
            if places and self._counts_as_place(key, prefix > 0, places, stopwords):
                district_named = prefix > 0 and tuple(toks[i - prefix : i]) in lexicon.DISTRICT_LEVEL_WORDS
                picked = _pick(places, district_named=district_named)
                if district_named and not picked.is_province:
                    picked = dataclasses.replace(picked, division_said=True)
                found.unknown.append(picked)
                found.spans.append((i - prefix, end))
                return end
        # "huyện X Y" with a name no list of ours holds (renamed or merged districts).
        if prefix and i + 2 <= len(toks):
            name = toks[i : i + 2]
            # Not after "tỉnh": folded, it is also "tình" ("tình thương").
            if (
                toks[i - 1] in lexicon.UNLISTED_PLACE_DIVISIONS
                and all(t.isalpha() and t not in lexicon.NOT_PLACE_NAMES and t not in stopwords for t in name)
                and tuple(name) not in self._corpus
            ):
                division = lexicon.UNLISTED_PLACE_DIVISIONS[toks[i - 1]]
                found.unknown.append(Place(f"{division} {' '.join(name).title()}", None, False))
                found.spans.append((i - prefix, i + 2))
                return i + 2
        return i

    def _ours_overlaps(self, toks: Sequence[str], i: int, end: int) -> bool:
        """A district of ours starts inside toks[i:end] and runs past its end: the name read
        from i borrows that district's first syllables."""
        for j in range(i + 1, end):
            for length in self._lengths_from.get(toks[j], ()):
                key = tuple(toks[j : j + length])
                if j + length > end and len(key) == length and key in self._by_key:
                    return True
        return False

    def _a_district_named(self, toks: Sequence[str], i: int, prefix: int, key: tuple[str, ...]) -> bool:
        """A district-level division word before a name that a district (or city) of the map bears."""
        if not prefix or tuple(toks[i - prefix : i]) not in lexicon.DISTRICT_LEVEL_WORDS:
            return False
        return any(not p.is_province for p in self._gazetteer.get(key, ()))

    def _known_for(self, key: tuple[str, ...]) -> KnownDistrict | None:
        return self._by_key.get(key)

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
        if key in lexicon.COMMON_PLACE_PHRASES or len(key) < 2 or any(t.isdigit() for t in key):
            return False
        if all(t in stopwords for t in key):  # "La Gi" is first of all "là gì"
            return False
        if any(p.is_province for p in places):
            return True
        # A bare district name that the articles use as ordinary words is not a mention.
        return key not in self._corpus


def _by_likeness(found: Sequence[today_map.Commune], key: str, division: Sequence[str]) -> list[today_map.Commune]:
    """Communes a name finds, the likeliest first: its own name before one it had before a
    merger, and of the division word typed ("xã", "phường", "thị trấn")."""
    typed = "".join(division)
    return sorted(
        found,
        key=lambda c: (
            today_map.run_together(c.own_name) != key,
            today_map.run_together(c.kind) != typed,
        ),
    )


def _pick(places: Sequence[Place], district_named: bool) -> Place:
    """A name several places carry ("Quảng Ninh", "Vĩnh Long"): the province, unless "huyện" or
    "quận" before it names the district."""
    provinces = [p for p in places if p.is_province]
    if provinces and not district_named:
        return provinces[0]
    districts = [p for p in places if not p.is_province]
    return districts[0] if districts else places[0]
