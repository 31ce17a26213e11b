"""Accepting and rejecting drafts, in place.

Accepting removes ``draft: true`` from chosen entries; rejecting removes chosen draft entries
from the file. Both keep every line a curator did not touch as it was: accepting goes through
ruamel.yaml's round trip (comments, quoting and line breaks stay), rejecting cuts the entries'
own lines out of the text. The article's notes follow (:func:`reviewed_notes`). The knowledge
directory is then validated, and on any problem every file is restored, so an accept or a
reject never leaves a base that fails (unless the caller validates the whole base itself, and
discards it on failure).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from bot.curation.drafting.writer import SECTION, yaml_round_trip
from bot.knowledge.loading import load
from bot.knowledge.problems import KnowledgeError, Problem
from bot.knowledge.schema import DRAFTER_NOTE

# The drafter's last note (bot/curation/drafting/writer.py) starts with DRAFTER_NOTE; the notes
# before it are the drafter's, the ones after it the curators' own (never touched here).
_PROGRESS = re.compile(r"đã nhận (\d+) mục, đã bỏ (\d+) mục")
# a drafter's note asking for a check or a value: "…: cần kiểm tra.", "…: cần điền ngày đăng nếu biết."
_TO_DO = re.compile(r"^(?P<fact>.+?)\s*:\s*cần (?:kiểm tra|điền)\b[^.]*\.?$", re.DOTALL)
_FILL_IN = "CẦN ĐIỀN"


def progress_note(accepted: int, rejected: int, waiting: int) -> str:
    return f"{DRAFTER_NOTE}: đã nhận {accepted} mục, đã bỏ {rejected} mục; còn {waiting} mục nháp chờ duyệt."


def reviewed_note(accepted: int, rejected: int, day: dt.date) -> str:
    return (
        f"Các mục nháp do `python -m bot draft` soạn đã được biên tập viên duyệt ngày {day:%d/%m/%Y}: "
        f"nhận {accepted} mục, bỏ {rejected} mục."
    )


@dataclass
class Accepted:
    accepted: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # asked for but not in the file
    already: list[str] = field(default_factory=list)  # in the file, not drafts
    problems: list[Problem] = field(default_factory=list)  # validation after the change (then undone)
    waiting: int = 0  # drafts left in the file afterwards
    notes: bool = False  # the article's notes were updated

    @property
    def ok(self) -> bool:
        return not self.unknown and not self.problems


@dataclass
class Rejected:
    rejected: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # asked for but not in the file
    not_drafts: list[str] = field(default_factory=list)  # accepted entries: not removed by a reject
    problems: list[Problem] = field(default_factory=list)  # validation after the change (then undone)
    waiting: int = 0  # drafts left in the file afterwards
    removed_file: bool = False  # nothing was left: the facts file was deleted (the article stays)
    notes: bool = False

    @property
    def ok(self) -> bool:
        return not self.unknown and not self.not_drafts and not self.problems


def knowledge_root(facts_file: Path) -> Path:
    """facts/<id>.yaml lives in <root>/facts/."""
    return facts_file.resolve().parent.parent


def accept(facts_file: Path, ids: list[str] | None, validate: bool = True, today: dt.date | None = None) -> Accepted:
    """Accept the given ids, or every draft of the file when ids is None. ``validate=False``
    skips loading the whole base afterwards: for a caller that validates it next anyway."""
    result = Accepted()
    original = facts_file.read_text(encoding="utf-8")
    yaml = yaml_round_trip()
    data = yaml.load(original)
    entries = _entries(data)
    if entries is None:
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
    result.waiting = sum(1 for e in entries if hasattr(e, "get") and e.get("draft") is True)
    out = io.StringIO()
    yaml.dump(data, out)
    article = _article_file(facts_file, data)
    saved = _Saved(facts_file, original, article)
    facts_file.write_text(out.getvalue(), encoding="utf-8")
    result.notes = _update_notes(article, len(result.accepted), 0, result.waiting, today)
    if validate:
        problems = _problems(facts_file)
        if problems:
            saved.restore()
            result.problems, result.accepted, result.notes = problems, [], False
    return result


def reject(facts_file: Path, ids: list[str], validate: bool = True, today: dt.date | None = None) -> Rejected:
    """Remove the given drafts from the file, cutting their own lines out of the text (a
    curator's comments and formatting elsewhere stay). Nothing changes when an id is unknown
    or not a draft. A file left without entries is deleted (a facts file must hold one)."""
    result = Rejected()
    original = facts_file.read_text(encoding="utf-8")
    data = yaml_round_trip().load(original)
    entries = _entries(data)
    if entries is None:
        result.problems.append(Problem(str(facts_file), "tệp không có danh sách entries"))
        return result
    index = {entry.get("id"): i for i, entry in enumerate(entries) if hasattr(entry, "get")}
    result.unknown = [i for i in ids if i not in index]
    result.not_drafts = [i for i in ids if i in index and entries[index[i]].get("draft") is not True]
    if result.unknown or result.not_drafts or not ids:
        return result
    doomed = sorted({index[i] for i in ids})
    lines = original.splitlines(keepends=True)
    spans = [_entry_lines(data, entries, i, lines) for i in doomed]
    kept = [line for n, line in enumerate(lines) if not any(start <= n < end for start, end in spans)]
    left = [e for i, e in enumerate(entries) if i not in doomed]
    result.rejected = list(dict.fromkeys(ids))
    result.waiting = sum(1 for e in left if hasattr(e, "get") and e.get("draft") is True)
    article = _article_file(facts_file, data)
    saved = _Saved(facts_file, original, article)
    if left:
        facts_file.write_text(_recount_sections("".join(kept), left), encoding="utf-8")
    else:
        facts_file.unlink()
        result.removed_file = True
    result.notes = _update_notes(article, 0, len(result.rejected), result.waiting, today)
    if validate:
        problems = _problems(facts_file)
        if problems:
            saved.restore()
            result.problems, result.rejected, result.notes, result.removed_file = problems, [], False, False
    return result


# ---------------------------------------------------------------- the facts file


def _entries(data: Any) -> list[Any] | None:
    entries = data.get("entries") if hasattr(data, "get") else None
    return entries if isinstance(entries, list) else None


def _entry_lines(data: Any, entries: Any, i: int, lines: list[str]) -> tuple[int, int]:
    """The lines [start, end) of entry ``i``: from its dash to the next entry, less the blank and
    comment lines before the next one (they are the next one's, or the file's)."""
    start = entries.lc.item(i)[0]
    if not lines[start].lstrip().startswith("-") and start > 0 and lines[start - 1].strip() == "-":
        start -= 1  # "-" alone on its line, the mapping under it
    if i + 1 < len(entries):
        end = entries.lc.item(i + 1)[0]
        if not lines[end].lstrip().startswith("-") and lines[end - 1].strip() == "-":
            end -= 1
    else:
        keys = list(data.keys())
        after = keys[keys.index("entries") + 1 :]
        end = data.lc.key(after[0])[0] if after else len(lines)
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return start, end


_SECTION_LINE = re.compile(r"^(?P<lead>\s*# ---- (?P<label>.+?): )(?P<count>\d+) mục\s*$")


def _recount_sections(text: str, left: list[Any]) -> str:
    """The drafter's section headers ("# ---- số liệu (figure): 13 mục") with the counts left;
    a header of a kind no entry is left of goes."""
    labels = {label: kind for kind, label in SECTION.items()}
    counts: dict[str, int] = {}
    for entry in left:
        kind = entry.get("kind") if hasattr(entry, "get") else None
        if isinstance(kind, str):
            counts[kind] = counts.get(kind, 0) + 1
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        match = _SECTION_LINE.match(line.rstrip("\r\n"))
        kind = labels.get(match.group("label")) if match else None
        if match and kind is not None:
            if not counts.get(kind):
                continue
            ending = line[len(line.rstrip("\r\n")) :]
            line = f"{match.group('lead')}{counts[kind]} mục{ending}"
        out.append(line)
    return "".join(out)


def _article_file(facts_file: Path, data: Any) -> Path | None:
    article = data.get("article") if hasattr(data, "get") else None
    if not isinstance(article, str) or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", article):
        return None
    path = facts_file.parent.parent / "articles" / f"{article}.txt"
    return path if path.is_file() else None


def _problems(facts_file: Path) -> list[Problem]:
    try:
        load(knowledge_root(facts_file))
    except KnowledgeError as exc:
        return exc.problems
    return []


@dataclass
class _Saved:
    """The files as they were, to put back when the change does not validate."""

    facts_file: Path
    facts: str
    article_file: Path | None
    article: str | None = None

    def __post_init__(self) -> None:
        if self.article_file is not None:
            self.article = self.article_file.read_text(encoding="utf-8")

    def restore(self) -> None:
        self.facts_file.write_text(self.facts, encoding="utf-8")
        if self.article_file is not None and self.article is not None:
            self.article_file.write_text(self.article, encoding="utf-8")


# ---------------------------------------------------------------- the article's notes


def reviewed_notes(
    notes: list[str], accepted: int, rejected: int, waiting: int, today: dt.date | None = None
) -> list[str] | None:
    """The article's notes after a review step, or None when they hold no drafter's note.

    The drafter's notes are those up to its last one («Bản nháp do `python -m bot draft` soạn…»);
    the notes after it are the curators' and stay as they are. While drafts wait, the last
    note says how many were accepted, rejected and still wait. Once none waits, it says the
    drafts were reviewed on ``today``, the drafter's requests go («CẦN ĐIỀN …»), and its notes
    asking for a check keep only what they state («Bài không ghi tên tỉnh; …: cần kiểm tra.» →
    «Bài không ghi tên tỉnh; ….»)."""
    marker = next((i for i in range(len(notes) - 1, -1, -1) if notes[i].startswith(DRAFTER_NOTE)), None)
    if marker is None:
        return None
    counted = _PROGRESS.search(notes[marker])
    total_accepted = accepted + (int(counted.group(1)) if counted else 0)
    total_rejected = rejected + (int(counted.group(2)) if counted else 0)
    drafter, own = notes[:marker], notes[marker + 1 :]
    if waiting:
        return [*drafter, progress_note(total_accepted, total_rejected, waiting), *own]
    stated: list[str] = []
    for note in drafter:
        if note.startswith(_FILL_IN):
            continue
        to_do = _TO_DO.match(note)
        stated.append(to_do.group("fact").rstrip(" ,;") + "." if to_do else note)
    day = today or dt.date.today()
    return [*stated, reviewed_note(total_accepted, total_rejected, day), *own]


_FRONT = re.compile(r"\A(?P<open>---[ \t]*\r?\n)(?P<front>.*?\r?\n)(?P<close>---[ \t]*(?:\r?\n|\Z))", re.DOTALL)


def mark_reviewed(article: Path, today: dt.date | None = None) -> bool:
    """An article the drafter found nothing in, read by a curator: its notes say so, and it is
    served (its sentences may answer, bot.answering.passages). False when nothing was pending."""
    return _update_notes(article, 0, 0, 0, today)


def _update_notes(article: Path | None, accepted: int, rejected: int, waiting: int, today: dt.date | None) -> bool:
    """The article's notes after this step, written in place: only the ``notes:`` lines of the
    front matter change. False when there is nothing to change (no drafter's note)."""
    if article is None:
        return False
    text = article.read_text(encoding="utf-8")
    match = _FRONT.match(text)
    if match is None:
        return False
    front = match.group("front")
    yaml = _front_yaml()
    try:
        data = yaml.load(front)
    except Exception:  # a front matter that does not read: validation reports it
        return False
    notes = data.get("notes") if isinstance(data, CommentedMap) else None
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        return False
    new = reviewed_notes(list(notes), accepted, rejected, waiting, today)
    if new is None or new == list(notes):
        return False
    by_text = {str(n): n for n in notes}  # the curators' notes keep their quoting
    block = CommentedMap()
    block["notes"] = [by_text.get(n, n) for n in new]
    out = io.StringIO()
    yaml.dump(block, out)
    lines = front.splitlines(keepends=True)
    start = data.lc.key("notes")[0]
    keys = list(data.keys())
    after = keys[keys.index("notes") + 1 :]
    end = data.lc.key(after[0])[0] if after else len(lines)
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    replaced = "".join([*lines[:start], out.getvalue(), *lines[end:]])
    article.write_text(text[: match.start("front")] + replaced + text[match.end("front") :], encoding="utf-8")
    return True


def _front_yaml() -> YAML:
    """The writer's set-up for an article's front matter."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=2, offset=0)
    return yaml
