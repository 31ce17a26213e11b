"""Writing a draft in the knowledge format: ``articles/<id>.txt`` and ``facts/<id>.yaml``.

Long texts are written as folded block scalars (``>-``) with their fold
positions recorded, so that ``--accept``'s round trip (ruamel.yaml, which
keeps them) leaves every line a curator did not touch as it was.
"""

from __future__ import annotations

import io
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from bot.curation.drafting.draft import KIND_ORDER, Draft
from bot.knowledge.schema import DRAFTER_NOTE, PROVINCE_TO_FILL

LINE = 96  # folded texts wrap near this column
FOLDED_FIELDS = frozenset({"answer", "quote", "counts", "note"})
SECTION = {
    "figure": "số liệu (figure)",
    "model": "mô hình, phong trào (model)",
    "person": "người (person)",
    "document": "văn bản (document)",
    "event": "sự kiện (event)",
    "theme": "chủ đề, phương châm, kế hoạch (theme)",
}


def yaml_round_trip() -> YAML:
    """The one YAML set-up for writing and accepting: wide lines, the fact base's indentation."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap: folded texts carry their own line breaks
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def folded(text: str, width: int = LINE) -> str:
    """A folded block scalar (a ``str`` subclass) breaking near ``width``, or the text when short."""
    if len(text) <= width:
        return text
    out = FoldedScalarString(text)
    positions: list[int] = []
    line_start = 0
    last_space = -1
    for i, ch in enumerate(text):
        # a fold must not sit next to another space, or it would not read back as one
        if ch == " " and 0 < i < len(text) - 1 and text[i - 1] != " " and text[i + 1] != " ":
            last_space = i
        if i - line_start >= width and last_space > line_start:
            positions.append(last_space)
            line_start = last_space + 1
    out.fold_pos = positions
    return str(out) if not positions else out


def facts_document(draft: Draft) -> str:
    meta = draft.meta
    root = CommentedMap()
    root["article"] = meta.id
    entries = CommentedSeq()
    for entry in draft.entries:
        item = CommentedMap()
        for key, value in entry.items():
            item[key] = folded(value) if key in FOLDED_FIELDS and isinstance(value, str) else value
        entries.append(item)
    root["entries"] = entries
    previous = None
    for index, entry in enumerate(draft.entries):
        if entry["kind"] != previous:
            previous = entry["kind"]
            count = sum(1 for e in draft.entries if e["kind"] == previous)
            entries.yaml_set_comment_before_after_key(index, before=f"---- {SECTION[previous]}: {count} mục", indent=2)
    province = meta.province if meta.province != PROVINCE_TO_FILL else "tỉnh chưa rõ"
    root.yaml_set_start_comment(
        f"{meta.district} ({province}): BẢN NHÁP do `python -m bot draft` soạn từ {draft.source_file}.\n"
        "Mọi mục mang draft: true: `check` kiểm tra chúng nhưng bot chưa dùng chúng để trả lời.\n"
        "Đọc từng mục, sửa (title, org, counts, answer…), xóa mục thừa, rồi duyệt:\n"
        f"  python -m bot draft --accept facts/{meta.id}.yaml --ids <mã,mã>   (hoặc --all)"
    )
    out = io.StringIO()
    yaml_round_trip().dump(root, out)
    return out.getvalue()


def article_document(draft: Draft) -> str:
    meta = draft.meta
    front: dict[str, Any] = {
        **asdict(meta),  # the metadata's fields are the article's front matter, in their order
        "date": meta.date.isoformat() if meta.date else None,
        "notes": [*meta.notes, f"{DRAFTER_NOTE}: biên tập viên cần kiểm tra."],
        "source_file": draft.source_file,
    }
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=2, offset=0)
    out = io.StringIO()
    yaml.dump(front, out)
    return f"---\n{out.getvalue()}---\n{draft.text}"


def write(draft: Draft, directory: Path) -> tuple[Path, Path | None]:
    """Write the two files into a knowledge directory (created if needed); never overwrite.
    A draft without entries writes the article only (a facts file must hold an entry): the
    facts path is then None."""
    article = directory / "articles" / f"{draft.meta.id}.txt"
    facts = directory / "facts" / f"{draft.meta.id}.yaml" if draft.entries else None
    for path in (article, facts):
        if path is not None and path.exists():
            raise FileExistsError(path)
    article.parent.mkdir(parents=True, exist_ok=True)
    article.write_text(article_document(draft), encoding="utf-8")
    if facts is not None:
        facts.parent.mkdir(parents=True, exist_ok=True)
        facts.write_text(facts_document(draft), encoding="utf-8")
    return article, facts


__all__ = ["KIND_ORDER", "article_document", "facts_document", "folded", "write", "yaml_round_trip"]
