"""An invented page drafted into a copy of the base and accepted, as a curator would, through the
command line; and one of its drafted figures found by value. Shared by the drafting tests that
ask the accepted page questions."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.answering.answerer import Answerer
from bot.knowledge.schema import Located
from tests.conftest import KNOWLEDGE, run_cli


def draft_and_accept(root: Path, article: str, text: str, *, force: bool = False) -> Answerer:
    """The page ``text`` saved as ``<article>.txt``, drafted into a copy of the base under
    ``root``, every draft accepted (flagged ones too with ``force``); the base answering."""
    kb = root / "knowledge"
    shutil.copytree(KNOWLEDGE, kb, ignore=shutil.ignore_patterns("README.md"))
    page = root / f"{article}.txt"
    page.write_text(text, encoding="utf-8")
    made = run_cli("draft", str(page), "--out", str(kb))
    assert made.returncode == 0, made.stderr
    flags = ["--force"] if force else []
    accepted = run_cli("draft", "--accept", str(kb / "facts" / f"{article}.yaml"), "--all", *flags)
    assert accepted.returncode == 0, accepted.stderr
    return Answerer.from_directory(kb)


def drafted_figure(answerer: Answerer, article: str, value: str) -> Located:
    """The one entry of ``article`` whose value is printed as ``value``."""
    (located,) = [
        e for e in answerer.kb.entries if e.article.id == article and getattr(e.entry, "value", None) == value
    ]
    return located
