from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.dialogue.engine import Engine

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


def run_cli(
    *args: str, stdin: str = "", cwd: Path = ROOT, env_extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m bot …` as a user runs it, without a token or KNOWLEDGE_DIR from the caller's environment."""
    env = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN", "KNOWLEDGE_DIR")}
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )
