"""The checks the project configures run with the tests, so that CI runs them: ruff (lint and
format), strict mypy over bot/ and tests/, and import-linter's layers (a lower layer never
imports an upper one, and no two modules of a package import each other in a circle)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

CHECKS = {
    "ruff check": [str(BIN / "ruff"), "check", "bot", "tests"],
    "ruff format": [str(BIN / "ruff"), "format", "--check", "bot", "tests"],
    "mypy": [str(BIN / "mypy"), "bot", "tests"],
    "import layers": [str(BIN / "lint-imports")],
}


@pytest.mark.parametrize("name", list(CHECKS))
def test_check_passes(name: str) -> None:
    result = subprocess.run(CHECKS[name], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{name} failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}"


def test_a_back_edge_fails_the_layers_contract(tmp_path: Path) -> None:
    """The contract is not vacuous: a copy of the package whose lowest layer imports the hosting
    layer is refused, and the refusal names the edge."""
    import shutil

    shutil.copytree(ROOT / "bot", tmp_path / "bot", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    folding = tmp_path / "bot" / "language" / "folding.py"
    folding.write_text(folding.read_text(encoding="utf-8") + "\nimport bot.hosting.settings  # noqa\n", "utf-8")
    result = subprocess.run(
        [str(BIN / "lint-imports"), "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "bot.language.folding -> bot.hosting.settings" in result.stdout
