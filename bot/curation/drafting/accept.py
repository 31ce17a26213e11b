"""Accepting drafts: removing ``draft: true`` from chosen entries, in place.

The file is edited with ruamel.yaml's round trip, so comments, quoting and
line breaks a curator wrote stay as they were; only the accepted entries'
``draft`` lines go. The knowledge directory is then validated, and on any
problem the file is restored, so an accept never leaves a base that fails
(unless the caller validates the whole base itself, and discards it on failure).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from bot.curation.drafting.writer import yaml_round_trip
from bot.knowledge.loading import load
from bot.knowledge.problems import KnowledgeError, Problem


@dataclass
class Accepted:
    accepted: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # asked for but not in the file
    already: list[str] = field(default_factory=list)  # in the file, not drafts
    problems: list[Problem] = field(default_factory=list)  # validation after the change (then undone)

    @property
    def ok(self) -> bool:
        return not self.unknown and not self.problems


def knowledge_root(facts_file: Path) -> Path:
    """facts/<id>.yaml lives in <root>/facts/."""
    return facts_file.resolve().parent.parent


def accept(facts_file: Path, ids: list[str] | None, validate: bool = True) -> Accepted:
    """Accept the given ids, or every draft of the file when ids is None. ``validate=False``
    skips loading the whole base afterwards: for a caller that validates it next anyway."""
    result = Accepted()
    original = facts_file.read_text(encoding="utf-8")
    yaml = yaml_round_trip()
    data = yaml.load(original)
    entries = data.get("entries") if hasattr(data, "get") else None
    if not isinstance(entries, list):
        result.problems.append(Problem(str(facts_file), "tệp không có danh sách entries"))
        return result
    by_id = {entry.get("id"): entry for entry in entries if hasattr(entry, "get")}
    wanted = list(by_id) if ids is None else ids
    result.unknown = [i for i in wanted if i not in by_id]
    if result.unknown:
        return result
    for ident in wanted:
        entry = by_id[ident]
        if entry.get("draft") is True:
            del entry["draft"]
            result.accepted.append(ident)
        elif ids is not None:
            result.already.append(ident)
    if not result.accepted:
        return result
    out = io.StringIO()
    yaml.dump(data, out)
    facts_file.write_text(out.getvalue(), encoding="utf-8")
    if not validate:
        return result
    try:
        load(knowledge_root(facts_file))
    except KnowledgeError as exc:
        facts_file.write_text(original, encoding="utf-8")
        result.problems = exc.problems
        result.accepted = []
    return result
