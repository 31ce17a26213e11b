"""Every store test runs on both backends: an SQLite file, and a fresh database
on a real PostgreSQL server that the session starts and stops."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.store import Store

from .postgres import PostgresServer, cannot_run_reason, running_server

START = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start.timestamp()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float = 0.0, *, days: float = 0.0) -> None:
        self.now += seconds + days * 86400


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    reason = cannot_run_reason()
    if reason is not None:
        pytest.skip(reason)
    with running_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The DATABASE_URL of an empty database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def store(database: str, clock: FakeClock) -> AsyncIterator[Store]:
    opened = await Store.open(database, clock=clock)
    try:
        yield opened
    finally:
        await opened.close()
