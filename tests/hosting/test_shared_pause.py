"""Zalo's 429 held by every replica: a pause one replica sets, another waits for (both backends)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.hosting.shared_pause import MAX_PAUSE_SECONDS, SharedPause
from bot.store import Store
from tests.store.conftest import FakeClock


@pytest.fixture
async def store(database: str) -> AsyncIterator[Store]:
    opened = await Store.open(database)
    try:
        yield opened
    finally:
        await opened.close()


async def test_a_pause_set_by_one_replica_holds_the_other(store: Store) -> None:
    clock = FakeClock()
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    one = SharedPause(store, "zalo:quota-pause", clock=clock, sleep=sleep)
    other = SharedPause(store, "zalo:quota-pause", clock=clock, sleep=sleep)  # another process's
    await other.wait()
    assert slept == []  # no pause yet: sends go at once
    await one.hold(5.0)
    clock.advance(1.0)
    await other.wait()
    assert slept == [pytest.approx(4.0)]
    clock.advance(5.0)
    await other.wait()
    assert slept == [pytest.approx(4.0)]  # over: no more waiting
    await one.hold(10 * MAX_PAUSE_SECONDS)  # a pause is bounded
    await other.wait()
    assert slept[-1] <= MAX_PAUSE_SECONDS
