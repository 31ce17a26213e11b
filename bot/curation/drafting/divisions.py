"""Vietnam's districts and provinces (2019-2025 map) from ``vietnam-provinces``.

The drafter uses them to recognise the district an article is about and,
when the text does not name the province, to propose the one province that
district belongs to, if there is only one.
"""

from __future__ import annotations

from functools import lru_cache

from bot.language.folding import fold
from bot.language.gazetteer import official_divisions, strip_prefix

SOURCE = "vietnam-provinces 0.6.0 (địa giới trước năm 2025)"


@lru_cache(maxsize=1)
def _divisions() -> tuple[dict[str, list[tuple[str, str]]], dict[str, str]]:
    districts: dict[str, list[tuple[str, str]]] = {}
    province_names: dict[str, str] = {}
    for official_province, official_districts in official_divisions():
        pname = strip_prefix(official_province)
        province_names[fold(pname)] = pname
        for official_district in official_districts:
            dname = strip_prefix(official_district)
            districts.setdefault(fold(dname), []).append((dname, pname))
    return districts, province_names


def provinces_of(district: str) -> list[str]:
    """The provinces that have a district of this name (several for "Châu Thành")."""
    return [p for _, p in _divisions()[0].get(fold(district), [])]


def district_names(folded: str) -> list[str]:
    """Every district name of the list that folds to this ("Phú Ninh", "Phù Ninh")."""
    return list(dict.fromkeys(name for name, _ in _divisions()[0].get(folded, [])))


def district_name(folded: str) -> str | None:
    """The district's name as the list prints it, for a folded name."""
    found = _divisions()[0].get(folded)
    return found[0][0] if found else None


def province_name(folded: str) -> str | None:
    return _divisions()[1].get(folded)


def all_district_names() -> list[str]:
    return sorted({names[0][0] for names in _divisions()[0].values()}, key=lambda n: -len(n))


def all_province_names() -> list[str]:
    return sorted(_divisions()[1].values(), key=lambda n: -len(n))
