"""Scale benchmark: the bot's answerer against bm25s on synthetic bases of 1k to 100k entries.

Not a test: run by hand, prints tables (or JSON). For each size it generates (or finds in the
cache) a synthetic base (see ``synth.py``) and measures, for each system, in a fresh child
process so that its peak RSS is its own:

- ready: seconds from the directory to something that answers (the answerer: load, validate,
  index, check the examples; bm25s: read the YAML, fold and tokenize, index);
- peak RSS (``ru_maxrss`` of the child), and the RSS after imports;
- latency per question, p50 and p99, over the dev set (``eval/questions.yaml``) and the
  same questions re-targeted at invented districts, together and separately.

bm25s indexes the same entries (title + answer + quote + keywords, folded with
``bot.language.folding.fold`` and split into ``[a-z0-9]+`` words, queries alike) and retrieves the top 10.
It is a yardstick for what a plain inverted index costs, not a rival answer: it ranks, it does
not decide.

The machine is small and noisy, so the run also times an anchor (folding and tokenizing 10 000
fixed strings, before and after the measurements) and reports every figure as a ratio to it.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python -m tests.benchmarks.bench_scale --sizes 1000,10000 --timeout 900
    .venv/bin/python -m tests.benchmarks.bench_scale --sizes 100000 --systems bm25s --json

A system that does not finish a size within ``--timeout`` seconds is reported as "timeout"
(with its ready time when it got that far).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

# ---------------------------------------------------------------- the adapter
# The only place that knows the bot's Python API. Update here when the answerer moves.


def build_snapshot(directory: Path) -> Any:
    """Everything the bot does before it can serve a question: load, validate, index."""
    try:
        from bot.answering.building import build_snapshot as build
    except ModuleNotFoundError:  # before the layers (bot.dialogue.engine)
        return importlib.import_module("bot.dialogue.engine").Snapshot.build(directory)
    return build(directory)


def _answerer(snapshot: Any) -> Any:
    try:
        from bot.answering.answerer import Answerer
    except ModuleNotFoundError:
        return importlib.import_module("bot.dialogue.engine").Engine(snapshot)
    return Answerer(snapshot)


_engines: dict[int, Any] = {}


def ask(snapshot: Any, question: str) -> bool:
    """Ask one question; whether the bot answered it (rather than declined or asked back)."""
    answerer = _engines.get(id(snapshot))
    if answerer is None:
        answerer = _engines[id(snapshot)] = _answerer(snapshot)
    return bool(answerer.ask(question).answered)


# ---------------------------------------------------------------- shared helpers

ROOT = Path(__file__).resolve().parents[2]
DEV_SET = ROOT / "eval" / "questions.yaml"
SYSTEMS = ("answerer", "bm25s")
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """The simple tokenizer of the bm25s side and of the anchor."""
    from bot.language.folding import fold

    # the folding itself, not the bot's cache of texts it folded before: the anchor must do the
    # same work in every run, and the bm25s side folds each text once
    return _WORD.findall(fold.__wrapped__(text))


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux (bytes on macOS)
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def current_rss_mb() -> float | None:
    """Resident memory now (Linux), to tell what serving keeps from what building peaked at."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = share * (len(ordered) - 1)  # linear interpolation, as numpy's default
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def latency_summary(seconds: Sequence[float]) -> dict[str, Any]:
    return {
        "n": len(seconds),
        "p50_ms": percentile(seconds, 0.5) * 1000,
        "p99_ms": percentile(seconds, 0.99) * 1000,
        "mean_ms": statistics.fmean(seconds) * 1000 if seconds else float("nan"),
        "max_ms": max(seconds) * 1000 if seconds else float("nan"),
    }


# ---------------------------------------------------------------- questions


def question_set(base: Any) -> list[dict[str, str]]:
    """The dev set as written, then each question naming a district re-targeted at an invented
    district copied from that district's article (rotating over the complete copies)."""
    from tests.benchmarks.synth import retarget

    items = yaml.safe_load(DEV_SET.read_text(encoding="utf-8"))
    questions = [{"q": str(item["q"]), "kind": "dev"} for item in items]
    used: dict[str, int] = {}
    for item in items:
        district = item.get("district")
        if not isinstance(district, str):
            continue
        copies = base.complete_copies(district)
        if not copies:
            continue
        turn = used.get(district, 0)
        used[district] = turn + 1
        moved = retarget(str(item["q"]), district, copies[turn % len(copies)].district)
        if moved is not None:
            questions.append({"q": moved, "kind": "invented"})
    return questions


# ---------------------------------------------------------------- the anchor


def anchor_strings(count: int = 10_000) -> list[str]:
    """Fixed strings: the real articles' lines, cycled, each made distinct."""
    lines = [
        line.strip()
        for path in sorted((ROOT / "knowledge" / "articles").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.strip()) > 20
    ]
    return [f"{lines[i % len(lines)][:200]} {i}" for i in range(count)]


def anchor_seconds(strings: Sequence[str], rounds: int = 5) -> float:
    """Best of ``rounds`` timings of folding and tokenizing the strings."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for text in strings:
            words(text)
        best = min(best, time.perf_counter() - started)
    return best


# ---------------------------------------------------------------- child processes


def _progress(event: str, **data: Any) -> None:
    """One line per stage on stdout, so that a parent that kills us on timeout still knows how far we got."""
    print(json.dumps({"event": event, **data}), flush=True)


def _ask_all(questions: list[dict[str, str]], one: Callable[[str], Any], repeat: int) -> None:
    started = time.perf_counter()
    first_result = one("Bù Đốp xây được bao nhiêu căn nhà Đại đoàn kết?")  # warm-up: first-call costs are not latency
    first = time.perf_counter() - started
    timings: dict[str, list[float]] = {"dev": [], "invented": []}
    answered: dict[str, int] = {"dev": 0, "invented": 0}
    for _ in range(repeat):
        for item in questions:
            started = time.perf_counter()
            result = one(item["q"])
            timings[item["kind"]].append(time.perf_counter() - started)
            if isinstance(result, bool):
                answered[item["kind"]] += result
    everything = timings["dev"] + timings["invented"]
    _progress(
        "done",
        rss_peak_mb=peak_rss_mb(),
        rss_serving_mb=current_rss_mb(),
        first_ms=first * 1000,
        latency={
            "all": latency_summary(everything),
            **{kind: latency_summary(values) for kind, values in timings.items()},
        },
        # only the answerer says whether it answered; a ranker always returns something
        answered={
            kind: answered[kind] / len(values) if values and isinstance(first_result, bool) else None
            for kind, values in timings.items()
        },
    )


def child_engine(directory: Path, questions: list[dict[str, str]], repeat: int) -> None:
    started = time.perf_counter()
    importlib.import_module("bot.answering.building")  # import cost is the host's, not the build's
    imported = time.perf_counter() - started
    rss_base = peak_rss_mb()
    started = time.perf_counter()
    snapshot = build_snapshot(directory)
    ready = time.perf_counter() - started
    _progress("ready", import_s=imported, ready_s=ready, rss_base_mb=rss_base, rss_ready_mb=peak_rss_mb())
    _ask_all(questions, lambda q: ask(snapshot, q), repeat)


def child_bm25s(directory: Path, questions: list[dict[str, str]], repeat: int) -> None:
    started = time.perf_counter()
    import bm25s

    import bot.language.folding  # noqa: F401

    imported = time.perf_counter() - started
    rss_base = peak_rss_mb()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    started = time.perf_counter()
    corpus = []
    for path in sorted((directory / "facts").glob("*.yaml")):
        for entry in yaml.load(path.read_text(encoding="utf-8"), Loader=loader)["entries"]:
            text = " ".join([entry["title"], entry["answer"], entry["quote"], *entry.get("keywords", [])])
            corpus.append(words(text))
    read = time.perf_counter() - started
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    ready = time.perf_counter() - started
    documents = len(corpus)
    del corpus  # the index keeps its own sparse matrix; the token lists were only its input
    _progress(
        "ready",
        import_s=imported,
        ready_s=ready,
        read_s=read,
        index_s=ready - read,
        documents=documents,
        rss_base_mb=rss_base,
        rss_ready_mb=peak_rss_mb(),
    )
    k = min(10, documents)

    def one(question: str) -> None:
        retriever.retrieve([words(question) or [""]], k=k, show_progress=False)

    _ask_all(questions, one, repeat)


def run_child(system: str, directory: Path, questions_file: Path, repeat: int, timeout: float) -> dict[str, Any]:
    """Measure one system on one base in a fresh interpreter."""
    command = [
        sys.executable,
        "-m",
        "tests.benchmarks.bench_scale",
        "--child",
        system,
        "--dir",
        str(directory),
        "--questions",
        str(questions_file),
        "--repeat",
        str(repeat),
    ]
    # the time to index is what is measured: no snapshot kept by an earlier run
    env = {**os.environ, "PYTHONHASHSEED": "0", "SNAPSHOT_CACHE_DIR": "off"}
    started = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
        stdout, stderr, status = done.stdout, done.stderr, "ok" if done.returncode == 0 else "error"
    except subprocess.TimeoutExpired as exc:  # run() has killed the child
        stdout = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        stderr = exc.stderr.decode() if isinstance(exc.stderr, bytes) else exc.stderr or ""
        status = "timeout"
    result: dict[str, Any] = {"system": system, "status": status, "wall_s": time.perf_counter() - started}
    for line in stdout.splitlines():
        if line.startswith("{"):
            event = json.loads(line)
            result.update({k: v for k, v in event.items() if k != "event"})
    if status == "error":
        result["error"] = stderr.strip().splitlines()[-1] if stderr.strip() else "exit without output"
    if status == "timeout":
        result["timeout_s"] = timeout
    return result


# ---------------------------------------------------------------- report


def _fmt(value: Any, digits: int = 1) -> str:
    return "" if value is None else f"{value:,.{digits}f}".replace(",", " ")


def tables(report: dict[str, Any]) -> str:
    anchor_ms = report["anchor"]["seconds"] * 1000
    out = [
        "| entries | system | ready s | peak RSS MB | serving RSS MB | p50 ms | p99 ms |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in report["results"]:
        latency = r.get("latency", {}).get("all", {})
        if r["status"] == "ok":
            ready, rss = _fmt(r.get("ready_s"), 2), _fmt(r.get("rss_peak_mb"), 0)
            serving = _fmt(r.get("rss_serving_mb"), 0)
            p50, p99 = _fmt(latency.get("p50_ms"), 2), _fmt(latency.get("p99_ms"), 2)
        elif r["status"] == "timeout":
            ready = f"{_fmt(r['ready_s'], 2)}" if "ready_s" in r else f"timeout (> {r['timeout_s']:.0f} s)"
            rss, serving = _fmt(r.get("rss_ready_mb"), 0), ""
            p50 = p99 = f"timeout (> {r['timeout_s']:.0f} s)" if "ready_s" in r else ""
        else:
            ready, rss, serving, p50, p99 = "error", "", "", "", ""
        out.append(f"| {r['size']:,} | {r['system']} | {ready} | {rss} | {serving} | {p50} | {p99} |".replace(",", " "))
    out += [
        "",
        f"Anchor (fold + tokenize 10 000 strings, best of 5 at the start and 5 at the end): {anchor_ms:.1f} ms "
        f"(start {report['anchor']['start_s'] * 1000:.1f} ms, end {report['anchor']['end_s'] * 1000:.1f} ms). "
        "Ratios to it:",
        "",
        "| entries | system | ready / anchor | p50 / anchor | p99 / anchor |",
        "| ---: | --- | ---: | ---: | ---: |",
    ]
    for r in report["results"]:
        latency = r.get("latency", {}).get("all", {})
        ready = r.get("ready_s")
        cells = [
            _fmt(ready / report["anchor"]["seconds"], 1) if ready is not None else r["status"],
            _fmt(latency["p50_ms"] / anchor_ms, 4) if "p50_ms" in latency else "",
            _fmt(latency["p99_ms"] / anchor_ms, 4) if "p99_ms" in latency else "",
        ]
        out.append(f"| {r['size']:,} | {r['system']} | {' | '.join(cells)} |".replace(",", " "))
    out += [
        "",
        "Latency by question kind (dev: the dev set as written; invented: re-targeted at invented districts):",
        "",
        "| entries | system | dev n | dev p50 ms | dev p99 ms | invented n | invented p50 ms | invented p99 ms "
        "| answered dev | answered invented |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in report["results"]:
        if "latency" not in r:
            continue
        dev, inv = r["latency"]["dev"], r["latency"]["invented"]
        answered = r.get("answered", {})

        def share(kind: str, answered: dict[str, Any] = answered, system: str = r["system"]) -> str:
            value = answered.get(kind)
            return "n/a" if system != "answerer" or value is None else f"{value * 100:.1f} %"

        out.append(
            f"| {r['size']:,} | {r['system']} | {dev['n']} | {_fmt(dev['p50_ms'], 2)} | {_fmt(dev['p99_ms'], 2)} "
            f"| {inv['n']} | {_fmt(inv['p50_ms'], 2)} | {_fmt(inv['p99_ms'], 2)} "
            f"| {share('dev')} | {share('invented')} |".replace(",", " ")
        )
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,10000,100000", help="entries per base, comma-separated")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="answerer, bm25s or both")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per size and system")
    parser.add_argument("--repeat", type=int, default=1, help="times each question is asked")
    parser.add_argument("--seed", type=int, default=None, help="seed of the synthetic bases")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--child", choices=SYSTEMS, help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--questions", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        questions = json.loads(args.questions.read_text(encoding="utf-8"))
        {"answerer": child_engine, "bm25s": child_bm25s}[args.child](args.dir, questions, args.repeat)
        return 0

    from tests.benchmarks.synth import DEFAULT_SEED, ensure_base

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = set(systems) - set(SYSTEMS)
    if unknown:
        parser.error(f"unknown systems: {', '.join(sorted(unknown))}")
    strings = anchor_strings()
    anchor_start = anchor_seconds(strings)
    results: list[dict[str, Any]] = []
    bases: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for size in sizes:
            base = ensure_base(size, args.seed if args.seed is not None else DEFAULT_SEED)
            questions = question_set(base)
            questions_file = Path(tmp) / f"questions-{size}.json"
            questions_file.write_text(json.dumps(questions, ensure_ascii=False), encoding="utf-8")
            bases.append(
                {
                    "size": size,
                    "directory": str(base.directory),
                    "articles": len(base.copies) + 5,
                    "cached": base.cached,
                    "generate_s": base.generate_seconds,
                    "validate_s": base.validate_seconds,
                    "questions": {k: sum(q["kind"] == k for q in questions) for k in ("dev", "invented")},
                }
            )
            for system in systems:
                print(f"[{size:,} entries] {system}…", file=sys.stderr, flush=True)
                result = run_child(system, base.directory, questions_file, args.repeat, args.timeout)
                results.append({"size": size, **result})
    anchor_end = anchor_seconds(strings)
    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "anchor": {
            "what": "fold + tokenize 10 000 fixed strings, best of 5 at the start and 5 at the end",
            "seconds": min(anchor_start, anchor_end),  # the best is the least disturbed
            "start_s": anchor_start,
            "end_s": anchor_end,
        },
        "bases": bases,
        "results": results,
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for base_info in bases:
            print(
                f"base {base_info['size']:,} entries: {base_info['articles']} articles, "
                f"{base_info['questions']['dev']} dev + {base_info['questions']['invented']} invented questions"
                f"{' (cached)' if base_info['cached'] else ''}: {base_info['directory']}"
            )
        print()
        print(tables(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
