"""Today's map beside the articles' one: since 1 July 2025 there are 34 provinces and no districts.

The articles name places on the 2019–2025 map (63 provinces, districts, communes). People now
name them the new way: "Đồng Nai" for what was Bình Phước and Đồng Nai, a new commune for old
ones merged. The data is vietnamadminunits' (maintained, MIT), which holds both maps and the
conversion between them; it is read from the package's JSON files directly (the package's own
modules pull in geocoding libraries this bot does not need).

- :func:`province_today` — the province an old one became part of;
- :func:`old_provinces` — the old provinces a name (old or today's) covers;
- :func:`communes` — every commune, ward and town of the old map, with its district and province;
- :func:`communes_today` — today's communes, with the old districts they were made of;
- :func:`division_of` — what an old district was: huyện, thị xã, thành phố or quận.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.language.folding import tokens

_PREFIXES = ("thanh pho ", "tinh ")


@dataclass(frozen=True)
class Commune:
    name: str  # "Xã An Khánh", "Thị trấn Đất Đỏ", "Phường 1"
    kind: str  # "Xã", "Phường", "Thị trấn"
    district: str  # "Châu Thành" (without its division word)
    province: str  # "Bến Tre"

    @property
    def own_name(self) -> str:
        """The name without its division word: "Đất Đỏ" of "Thị trấn Đất Đỏ"."""
        return self.name[len(self.kind) :].strip() if self.name.startswith(self.kind) else self.name


@dataclass(frozen=True)
class TodayCommune:
    name: str  # today's "Xã Châu Thành"
    province: str  # today's province, "Vĩnh Long"
    districts: tuple[tuple[str, str], ...]  # the old (district, province) it was made from


def _data_dir() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the vietnamadminunits package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@functools.cache
def _load(name: str) -> dict[str, Any]:
    with open(_data_dir() / name, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _short(full: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh ", "Huyện ", "Quận ", "Thị xã ", "Xã ", "Phường ", "Thị trấn "):
        if full.startswith(prefix):
            return full[len(prefix) :]
    return full


@functools.cache
def _legacy_provinces() -> dict[str, str]:
    """Old province key → its short name ("tinhbinhphuoc" → "Bình Phước")."""
    return {key: value["provinceShort"] for key, value in _load("parser_legacy.json")["DICT_PROVINCE"].items()}


@functools.cache
def _today_provinces() -> dict[str, str]:
    return {key: value["provinceShort"] for key, value in _load("parser_from_2025.json")["DICT_PROVINCE"].items()}


@functools.cache
def _old_to_today() -> dict[str, str]:
    """Old province short name → today's ("Bình Phước" → "Đồng Nai")."""
    legacy, today = _legacy_provinces(), _today_provinces()
    out: dict[str, str] = {}
    for new_key, old_keys in _load("converter_2025.json")["DICT_PROVINCE"].items():
        for old_key in old_keys:
            if old_key in legacy and new_key in today:
                out[legacy[old_key]] = today[new_key]
    return out


def _key(name: str) -> str:
    return " ".join(tokens(name))


def province_today(old_province: str) -> str | None:
    """The province an old one became part of on 1 July 2025 (itself, when it stayed)."""
    return _today_by_key().get(_key(old_province))


@functools.cache
def _today_by_key() -> dict[str, str]:
    # read on every answer's source line: built once
    return {_key(old): new for old, new in _old_to_today().items()}


def old_provinces(name: str) -> list[str]:
    """The old provinces a name covers: an old province itself, and those today's province of
    that name was made from ("Đồng Nai" → Bình Phước and Đồng Nai)."""
    key = _key(name)
    out = [old for old in _legacy_provinces().values() if _key(old) == key]
    out += [old for old, new in _old_to_today().items() if _key(new) == key and old not in out]
    return out


@functools.cache
def _full_names() -> dict[str, str]:
    """Folded short name → "thành phố Hà Nội", "tỉnh Bến Tre" (both maps)."""
    out: dict[str, str] = {}
    for file in ("parser_legacy.json", "parser_from_2025.json"):
        for value in _load(file)["DICT_PROVINCE"].values():
            full = value["province"]
            out[_key(value["provinceShort"])] = full[:1].lower() + full[1:]
    return out


def province_named(province: str) -> str:
    """ "tỉnh Bến Tre", "thành phố Hà Nội": a province as what it is (either map)."""
    return _full_names().get(_key(province), f"tỉnh {province}")


def today_province_names() -> list[str]:
    return sorted(set(_today_provinces().values()))


@functools.cache
def _divisions() -> dict[tuple[str, str], str]:
    """(old province, district short name) folded → its division word, lower case."""
    legacy = _legacy_provinces()
    out: dict[tuple[str, str], str] = {}
    for province_key, districts in _load("parser_legacy.json")["DICT_PROVINCE_DISTRICT"].items():
        province = legacy.get(province_key)
        if province is None:
            continue
        for value in districts.values():
            out[(_key(province), _key(value["districtShort"]))] = value["districtType"].lower()
    return out


def division_of(district: str, province: str) -> str | None:
    """ "huyện", "thị xã", "thành phố" or "quận": what the district was on the old map."""
    return _divisions().get((_key(province), _key(district)))


def district_named(district: str, province: str) -> str:
    """ "huyện Châu Thành", "thị xã Kinh Môn", "quận 10" (the data's short name of a numbered
    district keeps its division word)."""
    division = division_of(district, province) or "huyện"
    return (
        district[:1].lower() + district[1:] if _key(district).startswith(_key(division)) else f"{division} {district}"
    )


@functools.cache
def communes() -> dict[str, tuple[Commune, ...]]:
    """A commune's folded name run together, without "xã"/"phường"/"thị trấn" ("ankhanh"; the
    names communes had before a merger too) → the communes of the old map."""
    legacy = _legacy_provinces()
    districts_of = _load("parser_legacy.json")["DICT_PROVINCE_DISTRICT"]
    wards = _load("parser_legacy.json")["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"]
    out: dict[str, list[Commune]] = {}
    for province_key, by_district in wards.items():
        province = legacy.get(province_key)
        if province is None:
            continue
        for district_key, by_ward in by_district.items():
            district = districts_of.get(province_key, {}).get(district_key)
            if district is None:
                continue
            for value in by_ward.values():
                if not isinstance(value.get("ward"), str) or not isinstance(value.get("wardShort"), str):
                    continue  # a few records carry no name (NaN in the source data)
                commune = Commune(value["ward"], value["wardType"], district["districtShort"], province)
                for key in {run_together(value["wardShort"]), *_bare(value.get("wardKeywords") or ())}:
                    if key and commune not in out.setdefault(key, []):
                        out[key].append(commune)
    return {key: tuple(found) for key, found in out.items()}


def run_together(name: str) -> str:
    """ "An Khánh" → "ankhanh": how the data keys names."""
    return "".join(tokens(name))


def _bare(keywords: Any) -> list[str]:
    """The data's keywords without a division word ("xaankhanh" → "ankhanh")."""
    out = []
    for keyword in keywords:
        if not isinstance(keyword, str):
            continue
        for prefix in ("thitran", "phuong", "xa"):
            if keyword.startswith(prefix) and len(keyword) > len(prefix) + 1:
                break
        else:
            out.append(keyword)
    return out


@functools.cache
def communes_today() -> dict[str, tuple[TodayCommune, ...]]:
    """Folded name of one of today's communes → those communes, with the old districts they took."""
    legacy = _legacy_provinces()
    today = _today_provinces()
    names = _load("parser_from_2025.json")["DICT_PROVINCE_WARD_NO_ACCENTED"]
    districts_of = _load("parser_legacy.json")["DICT_PROVINCE_DISTRICT"]
    merged = _load("converter_2025.json")
    out: dict[str, list[TodayCommune]] = {}
    for province_key, by_ward in names.items():
        province = today.get(province_key)
        if province is None:
            continue
        made_of: dict[str, list[str]] = {
            **merged["DICT_PROVINCE_WARD_NO_DIVIDED"].get(province_key, {}),
        }
        for ward_key, value in by_ward.items():
            if not isinstance(value.get("ward"), str) or not isinstance(value.get("wardShort"), str):
                continue
            parts = made_of.get(ward_key, [])
            olds: list[tuple[str, str]] = []
            for part in parts:
                old_province_key, _, rest = part.partition("_")
                old_district_key = rest.partition("_")[0]
                district = districts_of.get(old_province_key, {}).get(old_district_key)
                if district is not None and old_province_key in legacy:
                    pair = (district["districtShort"], legacy[old_province_key])
                    if pair not in olds:
                        olds.append(pair)
            found = TodayCommune(value["ward"], province, tuple(olds))
            key = run_together(value["wardShort"])
            if key:
                out.setdefault(key, []).append(found)
    return {key: tuple(found) for key, found in out.items()}


__all__ = [
    "Commune",
    "TodayCommune",
    "communes",
    "communes_today",
    "district_named",
    "division_of",
    "old_provinces",
    "province_named",
    "province_today",
    "today_province_names",
]
