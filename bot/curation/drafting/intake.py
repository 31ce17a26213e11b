"""A copied page into a knowledge directory as a draft: the one sequence `python -m bot draft`
and the curators' chat upload (/capnhat with a page that has no front matter) both run."""

from __future__ import annotations

from pathlib import Path

from bot.curation.drafting.draft import Draft, draft_article
from bot.curation.drafting.writer import write
from bot.knowledge.yaml_reading import read_yaml


def taken(directory: Path) -> tuple[set[str], set[str]]:
    """Article ids and entry ids already in a knowledge directory (read leniently: it may be mid-edit)."""
    articles = {p.stem for p in (directory / "articles").glob("*.txt")}
    ids: set[str] = set()
    for path in (directory / "facts").glob("*.yaml"):
        data, _ = read_yaml(path)  # a file that does not read holds no id yet
        entries = data.get("entries") if isinstance(data, dict) else None
        if isinstance(entries, list):
            ids.update(e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str))
    return articles, ids


def draft_into(raw: str, source_file: str, directory: Path) -> tuple[Draft, Path, Path | None]:
    """Draft the page and write its article and facts files into `directory`, under ids no
    article or entry there has; a page with nothing to draft writes the article only (the facts
    path is then None). Raises FileExistsError or OSError."""
    taken_articles, taken_ids = taken(directory) if directory.is_dir() else (set(), set())
    draft = draft_article(raw, source_file, taken_ids, taken_articles)
    article, facts = write(draft, directory)
    return draft, article, facts
