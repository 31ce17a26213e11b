"""Reading many YAML files in worker processes gives exactly what reading them one by one gives."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot.knowledge import yaml_reading
from bot.knowledge.loading import load


def many_files(kb_dir: Path, copies: int) -> Path:
    """The shipped base with each facts file split into one file per entry (the same entries)."""
    import yaml

    facts = kb_dir / "facts"
    for path in sorted(facts.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, entry in enumerate(data["entries"][:copies]):
            part = {"article": data["article"], "entries": [entry]}
            (facts / f"{path.stem}-{i:03d}.yaml").write_text(yaml.safe_dump(part, allow_unicode=True), encoding="utf-8")
        rest = data["entries"][copies:]
        if rest:
            path.write_text(
                yaml.safe_dump({"article": data["article"], "entries": rest}, allow_unicode=True), encoding="utf-8"
            )
        else:
            path.unlink()
    return kb_dir


def test_parallel_reading_equals_sequential(kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    many_files(kb_dir, copies=20)
    files = sorted((kb_dir / "facts").glob("*.yaml"))
    assert len(files) >= yaml_reading.PARALLEL_FROM
    (files[3]).write_text("article: x\nentries: [\n", encoding="utf-8")  # one broken file among them
    sequential = [yaml_reading.read_yaml(p) for p in files]
    used: list[int] = []
    real = yaml_reading._in_processes

    def counting(paths: list[Path], workers: int):  # type: ignore[no-untyped-def]
        used.append(workers)
        yield from real(paths, workers)

    monkeypatch.setattr(yaml_reading, "_in_processes", counting)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # the os module yaml_reading asks
    in_parallel = list(yaml_reading.read_all(files))
    assert used == [2]  # worker processes did the reading
    assert [p for p, _, _ in in_parallel] == files
    assert [(d, problem) for _, d, problem in in_parallel] == sequential
    assert in_parallel[3][2] is not None and "dòng" in str(in_parallel[3][2])


def test_a_base_of_many_files_loads_the_same_entries(kb_dir: Path, tmp_path: Path) -> None:
    reference = load(kb_dir)
    split = many_files(shutil.copytree(kb_dir, tmp_path / "split"), copies=20)
    assert len(list((split / "facts").glob("*.yaml"))) >= yaml_reading.PARALLEL_FROM
    loaded = load(split)
    assert {e.id: e.entry for e in loaded.entries} == {e.id: e.entry for e in reference.entries}
