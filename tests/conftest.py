from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The engine over the shipped knowledge base (read-only: tests that edit use kb_dir)."""
    return Engine.from_directory(KNOWLEDGE)


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    """A private, editable copy of the shipped knowledge base."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target, ignore=shutil.ignore_patterns("README.md"))
    return target
