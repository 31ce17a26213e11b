"""A new district's page through the curator's path, measured: draft it into a copy of a base,
fill what a curator fills (the district or province a page does not name), accept the drafts,
then ask the page's questions (the format of bot.evaluation.chat_sets, singles) and, where a
curator's gold list of the page's figures and models exists, compare the drafts with it.

This is how the drafter is held to real pages: ``python -m bot eval --page PAGE.txt --file
QUESTIONS.yaml [--gold GOLD.yaml]``, and the tests on the project's own pages.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from rapidfuzz import fuzz

from bot.answering.answerer import Answerer
from bot.channels.collecting import CollectingDoor
from bot.chat.core import Dialogue
from bot.curation.desk import CuratorDesk
from bot.curation.drafting.accept import accept, mark_reviewed
from bot.curation.drafting.flags import flag_drafts
from bot.curation.drafting.intake import draft_into
from bot.evaluation.chat_sets import OUTCOMES, load_chat_set, verdict
from bot.knowledge.loading import load
from bot.knowledge.problems import KnowledgeError
from bot.knowledge.schema import PROVINCE_TO_FILL
from bot.language.folding import fold, numbers, tokens


@dataclass
class Turned:
    q: str
    kind: str
    outcome: str
    why: str | None
    reply: str


@dataclass
class Gold:
    district: str
    province: str
    figures: list[dict[str, Any]]
    models: list[dict[str, Any]]
    not_figures: list[str]


@dataclass
class PageRun:
    page: str
    drafts: list[dict[str, Any]] = field(default_factory=list)
    flagged: dict[str, list[str]] = field(default_factory=dict)
    filled: list[str] = field(default_factory=list)  # what the curator had to fill in
    problems: list[str] = field(default_factory=list)
    turns: list[Turned] = field(default_factory=list)
    figures_found: tuple[int, int] = (0, 0)  # gold figures drafted, of all gold figures
    models_found: tuple[int, int] = (0, 0)
    figures_kept: tuple[int, int] = (0, 0)  # drafted figures in the gold list, of all drafted figures
    models_kept: tuple[int, int] = (0, 0)
    not_figures_drafted: list[str] = field(default_factory=list)

    def outcomes(self) -> Counter[str]:
        return Counter({o: sum(1 for t in self.turns if t.outcome == o) for o in OUTCOMES})


def read_gold(path: Path) -> Gold:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Gold(
        district=str(data["district"]),
        province=str(data["province"]),
        figures=list(data.get("figures") or []),
        models=list(data.get("models") or []),
        not_figures=[str(x) for x in data.get("not_figures") or []],
    )


def _fill(article: Path, district: str | None, province: str | None) -> list[str]:
    """Put what the curator knows where the drafter left its placeholder."""
    post = frontmatter.load(article)
    filled = []
    for name, value in (("district", district), ("province", province)):
        if value and post.get(name) == PROVINCE_TO_FILL:
            post[name] = value
            filled.append(name)
    if filled:
        article.write_text(frontmatter.dumps(post) + "\n", encoding="utf-8")
    return filled


def _same_figure(drafted: dict[str, Any], gold: dict[str, Any]) -> bool:
    """The same figure: the same numbers, and every word of the gold's unit in what the draft
    says of it (its value and what it counts: "87 căn nhà" counting "căn nhà Đại đoàn kết" is
    the gold's "87 căn nhà Đại đoàn kết")."""
    value, wanted = str(drafted.get("value", "")), str(gold["value"])
    if fold(value) == fold(wanted):
        return True
    if numbers(value) != numbers(wanted):
        return False
    said = set(fold(f"{value} {drafted.get('counts', '')}").replace(",", " ").split())
    unit = [w for w in fold(wanted).replace(",", " ").split() if not any(c.isdigit() for c in w)]
    return all(w in said for w in unit if w not in _QUALIFIERS)


NAME_LIKENESS = 85  # rapidfuzz ratio, as the drafter's recall benchmark counts a model found
_QUALIFIERS = frozenset({"tren", "hon", "gan", "khoang", "toi", "xap", "xi"})


def _same_name(drafted: dict[str, Any], gold: str) -> bool:
    """The same model, as tests/benchmarks/draft_recall.py counts one: the names (or the draft's
    category and name: "mô hình" + "Tuyến đường hoa") alike at NAME_LIKENESS or more, whatever the
    punctuation."""
    wanted = " ".join(tokens(gold))
    names = [str(drafted.get("name") or ""), f"{drafted.get('category', '')} {drafted.get('name') or ''}"]
    return any(fuzz.ratio(" ".join(tokens(n)), wanted) >= NAME_LIKENESS for n in names)


def compare(run: PageRun, gold: Gold) -> None:
    figures = [d for d in run.drafts if d["kind"] == "figure"]
    models = [d for d in run.drafts if d["kind"] in ("model", "theme") and d.get("name")]
    run.figures_found = (
        sum(any(_same_figure(d, g) for d in figures) for g in gold.figures),
        len(gold.figures),
    )
    run.models_found = (
        sum(any(_same_name(d, g["name"]) for d in models) for g in gold.models),
        len(gold.models),
    )
    run.figures_kept = (sum(any(_same_figure(d, g) for g in gold.figures) for d in figures), len(figures))
    run.models_kept = (sum(any(_same_name(d, g["name"]) for g in gold.models) for d in models), len(models))
    run.not_figures_drafted = [
        d["value"] for d in figures if any(fold(d["value"]).strip() == fold(n).strip() for n in gold.not_figures)
    ]


async def run_page(
    knowledge: Path,
    page: Path,
    questions: Path | None = None,
    gold: Path | None = None,
    *,
    district: str | None = None,
    province: str | None = None,
    unflagged_only: bool = False,
) -> PageRun:
    """Draft ``page`` into a copy of ``knowledge``, accept, ask. The copy is removed after."""
    run = PageRun(page=page.stem)
    golden = read_gold(gold) if gold else None
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "knowledge"
        shutil.copytree(knowledge, base)
        draft, article, facts = draft_into(page.read_text(encoding="utf-8"), page.name, base)
        run.drafts = list(draft.entries)
        run.filled = _fill(
            article,
            district or (golden.district if golden else None),
            province or (golden.province if golden else None),
        )
        if facts is None:
            mark_reviewed(article)  # the curator read a page with nothing to draft
        else:
            try:
                run.flagged = flag_drafts(load(base))
            except KnowledgeError as exc:
                run.problems = [str(p) for p in exc.problems]
            ids = [e["id"] for e in draft.entries if not (unflagged_only and e["id"] in run.flagged)]
            if ids:
                result = accept(facts, ids)
                run.problems = [str(p) for p in result.problems]
        if golden:
            compare(run, golden)
        if questions is not None:
            run.turns = await _ask(Answerer.from_directory(base), questions, page.stem)
    return run


async def _ask(answerer: Answerer, questions: Path, prefix: str) -> list[Turned]:
    core = Dialogue(answerer, desks=[CuratorDesk()])
    chat_set = load_chat_set(questions)
    out: list[Turned] = []
    # each conversation in one chat, turn after turn; each single in a chat of its own
    chats = [(f"{prefix}-{c.id}", c.turns) for c in chat_set.conversations]
    chats += [(f"{prefix}-{number}", (turn,)) for number, turn in enumerate(chat_set.singles)]
    for chat, turns in chats:
        door = CollectingDoor(core, door="eval", chat_id=chat, user_id=chat)
        for turn in turns:
            reply = await door.say(turn.q)
            outcome, why = verdict(turn, reply)
            out.append(Turned(turn.q, turn.kind, outcome, why, " ".join(reply.parts)))
    return out


def format_page_run(run: PageRun, show_failures: bool = True) -> tuple[str, dict[str, Any]]:
    """The run as a curator reads it, and as JSON."""
    kinds = Counter(str(d["kind"]) for d in run.drafts)
    outcomes = run.outcomes()
    asked = len(run.turns)
    summary: dict[str, Any] = {
        "page": run.page,
        "drafts": len(run.drafts),
        "kinds": dict(sorted(kinds.items())),
        "flagged": len(run.flagged),
        "filled": run.filled,
        "problems": run.problems,
        "questions": asked,
        "outcomes": dict(outcomes),
    }
    lines = [
        f"Trang {run.page}: {len(run.drafts)} mục nháp ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}),"
        f" {len(run.flagged)} mục ⚠",
    ]
    if run.filled:
        lines.append(f"  người biên tập điền: {', '.join(run.filled)}")
    if run.figures_found[1] or run.models_found[1]:
        summary.update(
            figures_found=list(run.figures_found),
            figures_kept=list(run.figures_kept),
            models_found=list(run.models_found),
            models_kept=list(run.models_kept),
            not_figures_drafted=run.not_figures_drafted,
        )
        lines.append(
            f"  so với danh sách đúng: số liệu có {run.figures_found[0]}/{run.figures_found[1]},"
            f" đúng {run.figures_kept[0]}/{run.figures_kept[1]};"
            f" mô hình có {run.models_found[0]}/{run.models_found[1]}, đúng {run.models_kept[0]}/{run.models_kept[1]}"
        )
    lines.extend(f"  lỗi: {p}" for p in run.problems)
    if asked:
        shares = ", ".join(f"{o} {outcomes[o]} ({100 * outcomes[o] / asked:.1f}%)" for o in OUTCOMES)
        lines.append(f"  {asked} câu hỏi: {shares}")
        if show_failures:
            lines.extend(f"    [{t.outcome}] {t.q} — {t.why}" for t in run.turns if t.outcome != "right")
    return "\n".join(lines), summary
