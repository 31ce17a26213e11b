"""Cold start of the command line, against the import floor measured in the same run.

Not a test: run by hand, prints a markdown table (or JSON). Each figure is the median of
``--runs`` fresh processes:

- the floor: ``python -c "import telegram, rapidfuzz, pydantic"`` (the libraries any command needs);
- ``python -m bot ask QUESTION`` with an empty snapshot cache (the first run on a machine, or
  after the base or the code changed): the base is loaded, validated and indexed;
- the same with the snapshot kept by an earlier run (every later run).

    .venv/bin/python -m tests.benchmarks.bench_start --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "bu dop xay bao nhieu can nha dai doan ket"


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    python = sys.executable
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    floor, empty, kept = [], [], []
    with tempfile.TemporaryDirectory() as home:
        for run in range(max(1, args.runs)):
            floor.append(timed([python, "-c", "import telegram, rapidfuzz, pydantic"], env))
            fresh = {**env, "SNAPSHOT_CACHE_DIR": str(Path(home) / f"empty-{run}")}
            empty.append(timed([python, "-m", "bot", "ask", QUESTION], fresh))
            kept.append(timed([python, "-m", "bot", "ask", QUESTION], fresh))  # the snapshot the run before kept
    report = {
        "runs": args.runs,
        "floor_s": statistics.median(floor),
        "ask_empty_cache_s": statistics.median(empty),
        "ask_kept_snapshot_s": statistics.median(kept),
    }
    report["ask_empty_cache_ratio"] = report["ask_empty_cache_s"] / report["floor_s"]
    report["ask_kept_snapshot_ratio"] = report["ask_kept_snapshot_s"] / report["floor_s"]
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"Median of {args.runs} fresh processes each; the floor imports telegram, rapidfuzz and pydantic.\n")
    print("| command | time | × floor |\n| --- | ---: | ---: |")
    print(f"| import floor | {report['floor_s']:.2f} s | 1.0 |")
    print(
        f"| `ask`, snapshot cache empty | {report['ask_empty_cache_s']:.2f} s | {report['ask_empty_cache_ratio']:.1f} |"
    )
    print(f"| `ask`, snapshot kept | {report['ask_kept_snapshot_s']:.2f} s | {report['ask_kept_snapshot_ratio']:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
