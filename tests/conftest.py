from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.answering.answerer import Answerer
from bot.channels.zalo.api import ZaloApi
from tests.fakes.zalo_api import FakeZalo
from tests.store.postgres import PostgresServer, cannot_run_reason, running_server

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"


@pytest.fixture(scope="session", autouse=True)
def snapshot_cache_of_the_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Built snapshots are kept in the run's own directory (in process and in the bot processes
    the tests start), never in the user's ~/.cache."""
    where = tmp_path_factory.mktemp("snapshot-cache")
    before = os.environ.get("SNAPSHOT_CACHE_DIR")
    os.environ["SNAPSHOT_CACHE_DIR"] = str(where)
    yield where
    if before is None:
        os.environ.pop("SNAPSHOT_CACHE_DIR", None)
    else:
        os.environ["SNAPSHOT_CACHE_DIR"] = before


@pytest.fixture(autouse=True)
def own_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Whatever a test runs (in process or as a subprocess) keeps its store in the test's own
    directory: never the checkout's data/, never another test's."""
    path = tmp_path / "default-store.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    reason = cannot_run_reason()
    if reason is not None:
        pytest.skip(reason)
    with running_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The DATABASE_URL of an empty database: an SQLite file, and a fresh database on a real
    PostgreSQL server that the session starts and stops."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database()


@pytest.fixture(scope="session")
def answerer() -> Answerer:
    """The answerer over the shipped knowledge base (read-only: tests that edit use kb_dir)."""
    return Answerer.from_directory(KNOWLEDGE)


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    """A private, editable copy of the shipped knowledge base."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target, ignore=shutil.ignore_patterns("README.md"))
    return target


def run_cli(
    *args: str, stdin: str = "", cwd: Path = ROOT, env_extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m bot …` as a user runs it, without a token or KNOWLEDGE_DIR from the caller's environment."""
    env = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN", "KNOWLEDGE_DIR")}
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
async def fake_zalo() -> AsyncIterator[FakeZalo]:
    """A fresh fake API for each test, served on a free port (``fake_zalo.base_url``, ``fake_zalo.token``)."""
    async with FakeZalo().running() as fake:
        yield fake


@pytest.fixture
async def zalo_api(fake_zalo: FakeZalo) -> AsyncIterator[ZaloApi]:
    """A ZaloApi client pointed at the fake, with the fake's token."""
    async with ZaloApi(fake_zalo.token, fake_zalo.base_url) as api:
        yield api
