"""How much of the curated fact base the drafter finds on its own (a measurement, not a test).

For each curated article (knowledge/articles/*.txt), the original page it was
cleaned from (``source_file``, in /work/shared/articles or the directory given
as the first argument) is drafted and compared with knowledge/facts/<id>.yaml:

- figure recall: the distinct numbers the curated figure entries show in
  ``value`` (each number of the value, on ``bot.language.folding.canonical_number`` form,
  so 07 = 7 and 2.401 = 2401; values with no digits, such as "hàng chục mô
  hình", are not counted), and the share of them that occurs in the value of
  some draft figure of that article;
- model recall: the share of curated ``model`` entries whose name, folded
  (``bot.language.folding.tokens``: ``fold`` plus punctuation dropped), matches the name of a
  draft model, or its category followed by its name, with
  ``rapidfuzz.fuzz.ratio`` >= 85. Also given on the curated models whose name the
  article prints in quotes or right after a cue word (mô hình, phong trào…),
  the ones the brief asks the drafter to find;
- precision on a sample: every k-th draft entry (k = entries // 20, at least 1;
  the first 20 so taken), judged by hand in tests/curation/drafting/precision_sample.yaml;
- the time to draft one article, and its ratio to loading the whole curated
  base in the same run.

Run: python tests/benchmarks/draft_recall.py [ORIGINALS_DIR] [--missed] [--unjudged FILE]
(--unjudged writes the sampled drafts that the sample file does not judge yet, to be judged.)
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from rapidfuzz import fuzz

from bot.curation.drafting.draft import Draft, draft_article
from bot.knowledge.loading import load
from bot.language.folding import canonical_number, numbers, tokens

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = ROOT / "knowledge"
SAMPLE_FILE = ROOT / "tests" / "curation" / "drafting" / "precision_sample.yaml"
THRESHOLD = 85
SAMPLE_SIZE = 20
# the cue words of the brief and the schema's categories ("hoạt động" names nothing by itself)
_CUES = r"mô hình|phong trào|cuộc vận động|chương trình|chuyên mục|chuyên trang|công trình|chuyên đề|chủ đề"


def folded(name: str) -> str:
    return " ".join(tokens(name))


def figure_numbers(entries: list[dict[str, Any]]) -> dict[str, str]:
    """canonical number → the value it was read from (the first one)."""
    out: dict[str, str] = {}
    for entry in entries:
        if entry.get("kind") == "figure":
            for number in numbers(str(entry["value"])):
                out.setdefault(canonical_number(number), str(entry["value"]))
    return out


def model_matches(name: str, drafts: list[dict[str, Any]]) -> tuple[float, str]:
    best, best_name = 0.0, ""
    for entry in drafts:
        # a motto or theme the curators kept as a model is drafted as a theme now
        if entry["kind"] not in ("model", "theme") or not entry.get("name"):
            continue
        for candidate in (entry["name"], f"{entry['category']} {entry['name']}"):
            score = fuzz.ratio(folded(name), folded(candidate))
            if score > best:
                best, best_name = score, entry["name"]
    return best, best_name


def is_named(name: str, text: str) -> bool:
    """The article prints the name in quotes, or right after a cue word."""
    flat = " ".join(text.split())
    escaped = re.escape(" ".join(name.split()))
    if re.search(rf"[“\"]\s*{escaped}\s*[”\"]", flat, re.IGNORECASE):
        return True
    return bool(re.search(rf"(?:{_CUES})(?:\s+\S+){{0,2}}?\s+{escaped}", flat, re.IGNORECASE)) or bool(
        re.match(rf"(?:{_CUES})\b", name, re.IGNORECASE)
    )


def sample(draft: Draft) -> list[dict[str, Any]]:
    step = max(1, len(draft.entries) // SAMPLE_SIZE)
    return draft.entries[::step][:SAMPLE_SIZE]


def main(argv: list[str]) -> int:
    show_missed = "--missed" in argv
    unjudged_file = argv[argv.index("--unjudged") + 1] if "--unjudged" in argv else None
    args = [a for a in argv if not a.startswith("--") and a != unjudged_file]
    unjudged: dict[str, list[dict[str, Any]]] = {}
    originals = Path(args[0]) if args else Path("/work/shared/articles")
    started = time.perf_counter()
    load(KNOWLEDGE)
    anchor = time.perf_counter() - started
    judged = yaml.safe_load(SAMPLE_FILE.read_text(encoding="utf-8")) if SAMPLE_FILE.exists() else {}
    judged = judged or {}

    header = (
        f"{'article':<12}{'figures':>16}{'models (all)':>16}{'models (named)':>16}"
        f"{'precision':>14}{'ms':>7}{'×load':>7}"
    )
    print(header)
    print("-" * len(header))
    totals = [0, 0, 0, 0, 0, 0, 0, 0]
    missed_lines: list[str] = []
    for article_path in sorted((KNOWLEDGE / "articles").glob("*.txt")):
        post = frontmatter.load(article_path)
        source = originals / str(post["source_file"])
        if not source.exists():
            print(f"{post['id']:<12} (original {source} not found)")
            continue
        curated = yaml.safe_load((KNOWLEDGE / "facts" / f"{post['id']}.yaml").read_text(encoding="utf-8"))["entries"]
        raw = source.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        draft = draft_article(raw, source.name)
        elapsed = time.perf_counter() - t0

        wanted = figure_numbers(curated)
        got = {canonical_number(n) for e in draft.entries if e["kind"] == "figure" for n in numbers(e["value"])}
        fig_hit = [n for n in wanted if n in got]
        models = [e for e in curated if e["kind"] == "model"]
        model_hit = []
        named = [m for m in models if is_named(m["name"], post.content)]
        for model in models:
            score, best = model_matches(model["name"], draft.entries)
            if score >= THRESHOLD:
                model_hit.append(model["name"])
            else:
                tag = "named" if model in named else "unnamed"
                missed_lines.append(f"  {post['id']}: model ({tag}) {model['name']!r} ~ {best!r} ({score:.0f})")
        for number, value in wanted.items():
            if number not in got:
                missed_lines.append(f"  {post['id']}: figure {number} (curated value {value!r})")
        named_hit = [m for m in named if m["name"] in model_hit]

        verdicts = judged.get(post["id"], {})
        chosen = sample(draft)
        keep = [verdicts[e["id"]]["keep"] for e in chosen if e["id"] in verdicts]
        stale = len(keep) != len(chosen)
        if stale:
            unjudged[str(post["id"])] = [e for e in chosen if e["id"] not in verdicts]
        precision = f"{sum(keep)}/{len(keep)}" + ("*" if stale else "")

        totals = [
            totals[0] + len(fig_hit), totals[1] + len(wanted),
            totals[2] + len(model_hit), totals[3] + len(models),
            totals[4] + len(named_hit), totals[5] + len(named),
            totals[6] + sum(keep), totals[7] + len(keep),
        ]  # fmt: skip
        print(
            f"{post['id']:<12}"
            f"{_ratio(len(fig_hit), len(wanted)):>16}{_ratio(len(model_hit), len(models)):>16}"
            f"{_ratio(len(named_hit), len(named)):>16}{precision:>14}{elapsed * 1000:>7.0f}{elapsed / anchor:>7.2f}"
        )
    print("-" * len(header))
    print(
        f"{'all':<12}{_ratio(totals[0], totals[1]):>16}{_ratio(totals[2], totals[3]):>16}"
        f"{_ratio(totals[4], totals[5]):>16}{_ratio(totals[6], totals[7]):>14}"
    )
    print(f"anchor: loading the curated base took {anchor * 1000:.0f} ms; * = sample not fully judged")
    if unjudged_file:
        Path(unjudged_file).write_text(yaml.safe_dump(unjudged, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if show_missed:
        print("\nmissed:")
        print("\n".join(missed_lines))
    return 0


def _ratio(hit: int, total: int) -> str:
    return f"{hit}/{total} {100 * hit / total:.0f}%" if total else "-"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
