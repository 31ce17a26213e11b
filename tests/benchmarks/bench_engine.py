"""Timings of the answerer (not a test: time limits belong here, not in tests).

.venv/bin/python tests/benchmarks/bench_engine.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from bot.answering.answerer import Answerer
from bot.answering.building import build_snapshot
from bot.evaluation.fact_sets import load_items

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    started = time.perf_counter()
    build_snapshot(ROOT / "knowledge")  # first build also loads the gazetteer
    first = time.perf_counter() - started
    builds = []
    for _ in range(5):
        started = time.perf_counter()
        build_snapshot(ROOT / "knowledge")
        builds.append(time.perf_counter() - started)
    answerer = Answerer.from_directory(ROOT / "knowledge")
    questions = [
        item.q for name in ("questions.yaml", "questions_holdout.yaml") for item in load_items(ROOT / "eval" / name)
    ]
    timings = []
    for _ in range(3):
        for question in questions:
            started = time.perf_counter()
            answerer.ask(question)
            timings.append(time.perf_counter() - started)
    timings.sort()
    print(f"first snapshot build (with gazetteer): {first * 1000:.0f} ms")
    print(f"snapshot build (reload): median {statistics.median(builds) * 1000:.0f} ms over {len(builds)}")
    print(
        f"ask: {len(timings)} questions, median {statistics.median(timings) * 1000:.2f} ms, "
        f"p95 {timings[int(len(timings) * 0.95)] * 1000:.2f} ms, max {timings[-1] * 1000:.2f} ms"
    )


if __name__ == "__main__":
    main()
