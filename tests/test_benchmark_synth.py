"""The synthetic bases of the scale benchmark are valid knowledge bases whose copies change
names and figures consistently (deterministic: no timings here)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.knowledge.loading import load
from bot.language.folding import canonical_number, fold, tokens
from bot.language.gazetteer import gazetteer
from tests.benchmarks.synth import Copy, generate, retarget

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
SIZE = 600
# A number as a whole token (not the 2 of "m2", not the tail of "2.401").
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?!\d)")
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Copy]]:
    directory = tmp_path_factory.mktemp("synth") / "kb"
    return directory, generate(SIZE, directory, seed=7)


def _article(path: Path) -> tuple[dict[str, Any], str]:
    _, head, text = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.load(head, Loader=LOADER), text


def _entries(path: Path) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)["entries"]
    return entries


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_the_base_loads_with_its_provenance(base: tuple[Path, list[Copy]]) -> None:
    directory, copies = base
    kb = load(directory)
    assert len(kb.entries) == SIZE
    assert len(kb.articles) == 5 + len(copies)
    assert {c.district for c in copies} <= set(kb.districts)


def test_invented_districts_are_unique_and_no_real_place(base: tuple[Path, list[Copy]]) -> None:
    _, copies = base
    keys = [tuple(tokens(c.district)) for c in copies]
    assert len(set(keys)) == len(keys)
    real = gazetteer()
    for copy, key in zip(copies, keys, strict=True):
        assert len(key) >= 2
        assert key not in real, copy.district
        assert key not in {tuple(tokens(d)) for d in ("Bù Đốp", "Châu Thành", "Đất Đỏ", "Kiên Lương", "Lai Vung")}


def test_the_district_is_renamed_everywhere(base: tuple[Path, list[Copy]]) -> None:
    directory, copies = base
    for copy in copies:
        meta, text = _article(directory / "articles" / f"{copy.article}.txt")
        facts = (directory / "facts" / f"{copy.article}.yaml").read_text(encoding="utf-8")
        assert meta["district"] == copy.district
        assert fold(copy.source_district) not in fold(text)
        assert fold(copy.source_district) not in fold(facts)
        assert fold(copy.source_district) not in fold(str(meta))
        assert copy.district in text
        source_entries = _entries(KNOWLEDGE / "facts" / f"{copy.source}.yaml")
        for old, new in zip(source_entries, _entries(directory / "facts" / f"{copy.article}.yaml"), strict=False):
            if copy.source_district in old["answer"]:
                assert copy.district in new["answer"], new["id"]


def _pair_numbers(old: str, new: str, old_name: str, new_name: str) -> list[tuple[str, str]]:
    """The numbers of two texts that must be equal but for the district and the figures."""
    old = old.replace(old_name, new_name).replace(old_name.upper(), new_name.upper())
    assert NUMBER.split(old) == NUMBER.split(new)
    return list(zip(NUMBER.findall(old), NUMBER.findall(new), strict=True))


def test_figures_change_identically_in_the_article_and_its_entries(base: tuple[Path, list[Copy]]) -> None:
    directory, copies = base
    changed_values = values = 0
    for copy in copies:
        pairs: list[tuple[str, str]] = []
        old_meta, old_text = _article(KNOWLEDGE / "articles" / f"{copy.source}.txt")
        new_meta, new_text = _article(directory / "articles" / f"{copy.article}.txt")
        pairs += _pair_numbers(old_text, new_text, copy.source_district, copy.district)
        pairs += _pair_numbers(old_meta["title"], new_meta["title"], copy.source_district, copy.district)
        assert new_meta.get("date") == old_meta.get("date")
        old_entries = _entries(KNOWLEDGE / "facts" / f"{copy.source}.yaml")
        new_entries = _entries(directory / "facts" / f"{copy.article}.yaml")
        assert len(new_entries) == copy.entries
        for old, new in zip(old_entries, new_entries, strict=False):
            old_fields = {k: v for k, v in old.items() if k != "id"}
            new_fields = {k: v for k, v in new.items() if k != "id"}
            assert old_fields.keys() == new_fields.keys()
            for key in old_fields:
                for a, b in zip(_strings(old_fields[key]), _strings(new_fields[key]), strict=True):
                    pairs += _pair_numbers(a, b, copy.source_district, copy.district)
            if old["kind"] == "figure" and NUMBER.search(old["value"]):
                values += 1
                changed_values += old["value"] != new["value"]

        mapping: dict[str, set[str]] = defaultdict(set)
        for a, b in pairs:
            mapping[a].add(b)
        # one number, one new spelling, wherever it occurs in this copy
        assert all(len(targets) == 1 for targets in mapping.values()), copy
        changed = {a: next(iter(b)) for a, b in mapping.items() if next(iter(b)) != a}
        # two figures never merge ("04" and "4" are one number, printed two ways)
        by_value: dict[str, set[str]] = defaultdict(set)
        for a, b in changed.items():
            by_value[canonical_number(b)].add(canonical_number(a))
        assert all(len(sources) == 1 for sources in by_value.values()), copy
        for a, b in changed.items():
            if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", a):
                assert re.fullmatch(r"\d{1,3}(?:\.\d{3})+", b), (a, b)  # 2.401 style stays
            if re.fullmatch(r"\d+,\d+", a):
                assert re.fullmatch(rf"\d+,\d{{{len(a.split(',')[1])}}}", b), (a, b)  # 98,4 style stays
            if a.isdigit() and a.startswith("0"):
                assert b.isdigit() and len(b) >= len(a), (a, b)  # 07 style stays
    assert values and changed_values / values > 0.6, (changed_values, values)


def test_generation_is_deterministic(tmp_path: Path, base: tuple[Path, list[Copy]]) -> None:
    directory, copies = base
    again = generate(SIZE, tmp_path / "kb", seed=7)
    assert again == copies
    for path in sorted(directory.rglob("*.*")):
        assert (tmp_path / "kb" / path.relative_to(directory)).read_bytes() == path.read_bytes(), path


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Bù Đốp xây được bao nhiêu căn nhà?", "Quới Mai xây được bao nhiêu căn nhà?"),
        ("bu dop co bn dang vien", "quoi mai co bn dang vien"),
        ("sinh hoat o chi bo Bu Dop", "sinh hoat o chi bo Quoi Mai"),
        ("huyện Bù Đôp học ở mấy điểm cầu?", "huyện Quới Mai học ở mấy điểm cầu?"),
        ("Tuyến đường sáng là của hội nào?", None),
    ],
)
def test_questions_are_retargeted_as_typed(question: str, expected: str | None) -> None:
    assert retarget(question, "Bù Đốp", "Quới Mai") == expected
