"""Reading YAML files: one by one for a few, in worker processes for many.

Parsing YAML is most of the time it takes to load a large knowledge base
(PyYAML builds every node in Python), and each file parses on its own, so a
base of many files is parsed on every core. Each file gives its data or a
message saying what is wrong with it (the file as the curator wrote it: line
and column for YAML errors).
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it: the same safe subset, several times faster
log = logging.getLogger(__name__)

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PARALLEL_FROM = 64  # fewer files than this are not worth starting processes for
CHUNK = 16  # files per task
MAX_WORKERS = 4


def yaml_reason(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark is not None:
        return f"dòng {mark.line + 1}, cột {mark.column + 1}: {problem}"
    return str(problem)


def read_text(path: Path) -> tuple[str | None, str | None]:
    """(text, None), or (None, why it cannot be read)."""
    try:
        return path.read_text(encoding="utf-8"), None
    except UnicodeDecodeError as exc:
        return None, f"không phải UTF-8 ({exc.reason}, byte {exc.start})"
    except OSError as exc:
        return None, f"không đọc được: {exc.strerror}"


def read_yaml(path: Path) -> tuple[Any, str | None]:
    """(data, None), or (None, what is wrong)."""
    raw, problem = read_text(path)
    if raw is None:
        return None, problem
    try:
        return yaml.load(raw, Loader=LOADER), None
    except yaml.YAMLError as exc:
        return None, f"YAML không hợp lệ: {yaml_reason(exc)}"


def read_all(paths: Sequence[Path]) -> Iterator[tuple[Path, Any, str | None]]:
    """Every file's (path, data, problem), in the order given. Parsed in worker processes when
    there are many, a few chunks ahead of the reader, so that memory holds only those."""
    workers = min(MAX_WORKERS, os.cpu_count() or 1)
    done = 0
    if len(paths) >= PARALLEL_FROM and workers >= 2:
        try:
            for path, result in _in_processes(paths, workers):
                yield (path, *result)
                done += 1
        except (BrokenProcessPool, OSError) as exc:  # no processes here (a sandbox, a script without a main guard)
            log.warning("Không đọc song song được các tệp YAML (%s); đọc lần lượt", exc)
    for path in paths[done:]:
        yield (path, *read_yaml(path))


def _read_chunk(paths: Sequence[Path]) -> list[tuple[Any, str | None]]:
    return [read_yaml(path) for path in paths]


def _in_processes(paths: Sequence[Path], workers: int) -> Iterator[tuple[Path, tuple[Any, str | None]]]:
    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
    # "spawn": the caller may have threads (a bot reloading), which fork does not mix with
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        ahead: deque[Future[list[tuple[Any, str | None]]]] = deque()
        queued = iter(chunks)
        for chunk in itertools.islice(queued, workers * 2):
            ahead.append(pool.submit(_read_chunk, chunk))
        for chunk in chunks:
            results = ahead.popleft().result()
            following = next(queued, None)
            if following is not None:
                ahead.append(pool.submit(_read_chunk, following))
            yield from zip(chunk, results, strict=True)
