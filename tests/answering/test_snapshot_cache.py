"""A built snapshot is kept and used again only for the same files and code; anything else builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.answering import snapshot_cache
from bot.answering.building import build_snapshot
from bot.answering.policy import answer
from bot.knowledge.problems import KnowledgeError

ROOT = Path(__file__).resolve().parents[2]
HOUSES = "bu dop xay bao nhieu can nha dai doan ket"


@pytest.fixture
def base(tmp_path: Path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", copy)
    return copy


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv(snapshot_cache.ENVIRONMENT, str(where))
    return where


def test_the_same_files_are_served_from_the_cache(base: Path, cache: Path) -> None:
    first = build_snapshot(base)
    [kept] = cache.glob("*.pickle")
    assert snapshot_cache.load(base) is not None
    again = build_snapshot(base)
    assert again is not first  # unpickled, not the object in memory
    assert answer(again, HOUSES).text == answer(first, HOUSES).text and "176" in answer(again, HOUSES).text
    assert list(cache.glob("*.pickle")) == [kept]


def test_a_changed_file_is_built_again(base: Path, cache: Path) -> None:
    build_snapshot(base)
    facts = next(p for p in sorted((base / "facts").glob("*.yaml")) if "176" in p.read_text(encoding="utf-8"))
    facts.write_text(facts.read_text(encoding="utf-8") + "\n# a curator's comment\n", encoding="utf-8")
    assert snapshot_cache.load(base) is None  # another key: not the old snapshot
    build_snapshot(base)
    assert len(list(cache.glob("*.pickle"))) == 2


def test_a_broken_cache_file_is_rebuilt_without_a_word(base: Path, cache: Path) -> None:
    build_snapshot(base)
    [kept] = cache.glob("*.pickle")
    kept.write_bytes(b"not a pickle")
    assert snapshot_cache.load(base) is None
    assert "176" in answer(build_snapshot(base), HOUSES).text
    assert snapshot_cache.load(base) is not None  # written again


def test_an_invalid_base_is_never_kept(base: Path, cache: Path) -> None:
    facts = next(iter(sorted((base / "facts").glob("*.yaml"))))
    facts.write_text("- id: [broken\n", encoding="utf-8")
    with pytest.raises(KnowledgeError):
        build_snapshot(base)
    assert not (cache.exists() and list(cache.glob("*.pickle")))


def test_off_and_an_unwritable_place_keep_nothing_and_still_build(
    base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(snapshot_cache.ENVIRONMENT, "off")
    assert "176" in answer(build_snapshot(base), HOUSES).text
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(snapshot_cache.ENVIRONMENT, str(blocker / "cache"))  # cannot be a directory
    assert "176" in answer(build_snapshot(base), HOUSES).text


def test_at_most_keep_snapshots_are_kept(base: Path, cache: Path) -> None:
    facts = next(iter(sorted((base / "facts").glob("*.yaml"))))
    text = facts.read_text(encoding="utf-8")
    for n in range(snapshot_cache.KEEP + 2):
        facts.write_text(text + f"\n# version {n}\n", encoding="utf-8")
        build_snapshot(base)
    assert len(list(cache.glob("*.pickle"))) == snapshot_cache.KEEP
