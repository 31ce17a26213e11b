"""Every store test runs on both backends (the `database` fixture of tests/conftest.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from bot.store import Store

START = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start.timestamp()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float = 0.0, *, days: float = 0.0) -> None:
        self.now += seconds + days * 86400


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
