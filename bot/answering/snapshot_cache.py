"""Built snapshots kept on disk, so that a process started again does not index the same base again.

Building a snapshot (loading and validating the YAML, reading the articles, indexing every
entry, the place names of two maps) takes most of a cold ``python -m bot ask`` and of a
replica's start. The snapshot built from the same files by the same code is the same, so it is
kept, pickled, under a key of everything it depends on: the knowledge directory's path and the
content of every file in it, and the source of the packages that build and hold it (with the
Python and NumPy versions). Any change to either is another key, built afresh.

The cache is the process owner's own directory (``SNAPSHOT_CACHE_DIR``, else
``$XDG_CACHE_HOME/hoctap-bot/snapshots``, else ``~/.cache/…``; ``off`` turns it off). A file
that cannot be read, or holds anything but a snapshot, is ignored and rebuilt; a disk that
cannot be written (read-only, full) only costs the time saved. At most ``KEEP`` snapshots are
kept. A large base, whose passages are still being indexed in the background, is not kept.
"""

from __future__ import annotations

import copyreg
import hashlib
import logging
import os
import pickle
import sys
import tempfile
import types
from pathlib import Path

from bot.answering.snapshot import Later, Snapshot

log = logging.getLogger(__name__)

ENVIRONMENT = "SNAPSHOT_CACHE_DIR"
KEEP = 4  # snapshots kept, the newest; older ones are removed
_PACKAGES = ("answering", "language", "knowledge")  # bot's packages that build a snapshot or are in it


def _mapping_proxy(items: dict[object, object]) -> types.MappingProxyType[object, object]:
    return types.MappingProxyType(items)


# the knowledge base's read-only mappings: pickled as the dicts they show
copyreg.pickle(types.MappingProxyType, lambda proxy: (_mapping_proxy, (dict(proxy),)))


def cache_dir() -> Path | None:
    configured = os.environ.get(ENVIRONMENT, "").strip()
    if configured.lower() == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "hoctap-bot" / "snapshots"


def load(directory: Path) -> Snapshot | None:
    """The snapshot built before from these very files by this very code, if it was kept."""
    where = cache_dir()
    if where is None:
        return None
    path = where / f"{key(directory)}.pickle"
    try:
        with path.open("rb") as handle:
            snapshot = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a broken or foreign file: built again, and overwritten
        log.debug("Bỏ qua bản chỉ mục đã lưu %s: %s", path, exc)
        return None
    if not isinstance(snapshot, Snapshot):
        return None
    os.utime(path)  # the most recently used are the ones kept
    return snapshot


def save(directory: Path, snapshot: Snapshot) -> None:
    where = cache_dir()
    if where is None or isinstance(snapshot.passages, Later):
        return
    temporary: Path | None = None
    try:
        where.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=where, suffix=".tmp", delete=False) as handle:
            temporary = Path(handle.name)
            pickle.dump(snapshot, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, where / f"{key(directory)}.pickle")  # whole or not at all
        temporary = None
        _prune(where)
    except Exception as exc:  # a read-only or full disk: the snapshot serves all the same
        log.debug("Không lưu được bản chỉ mục vào %s: %s", where, exc)
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def key(directory: Path) -> str:
    digest = hashlib.sha256()
    digest.update(_code_fingerprint())
    root = directory.resolve()
    digest.update(str(root).encode("utf-8", "surrogateescape"))
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(b"\0" + str(path.relative_to(root)).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


_CODE: bytes | None = None


def _code_fingerprint() -> bytes:
    global _CODE
    if _CODE is None:
        import numpy

        digest = hashlib.sha256(f"{sys.version}|{numpy.__version__}".encode())
        bot_root = Path(__file__).resolve().parents[1]
        for package in _PACKAGES:
            for path in sorted((bot_root / package).rglob("*")):
                if path.is_file() and path.suffix not in (".pyc", ".pyo"):
                    digest.update(str(path.relative_to(bot_root)).encode() + b"\0" + path.read_bytes())
        _CODE = digest.digest()
    return _CODE


def _prune(where: Path) -> None:
    kept = sorted(where.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in kept[KEEP:]:
        old.unlink(missing_ok=True)
