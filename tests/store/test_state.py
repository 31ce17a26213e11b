from __future__ import annotations

import pytest

from bot.store import Store
from tests.store.conftest import FakeClock
from tests.store.dump import dump_all_rows


async def test_documents_live_until_their_ttl(store: Store, clock: FakeClock) -> None:
    assert await store.state.get("context:telegram:1") is None
    await store.state.put("context:telegram:1", {"entries": ["a", "b"], "district": "Bù Đốp"}, ttl_seconds=600)
    assert await store.state.get("context:telegram:1") == {"entries": ["a", "b"], "district": "Bù Đốp"}
    clock.advance(599)
    assert await store.state.get("context:telegram:1") is not None
    clock.advance(1)
    assert await store.state.get("context:telegram:1") is None  # expired: reads as missing at once


async def test_put_replaces_and_renews(store: Store, clock: FakeClock) -> None:
    await store.state.put("k", {"n": 1}, ttl_seconds=10)
    clock.advance(8)
    await store.state.put("k", {"n": 2}, ttl_seconds=10)
    clock.advance(8)
    assert await store.state.get("k") == {"n": 2}
    await store.state.delete("k")
    assert await store.state.get("k") is None
    await store.state.delete("k")  # deleting what is not there is fine


async def test_expired_documents_are_swept(store: Store, clock: FakeClock) -> None:
    await store.state.put("short", {"x": 1}, ttl_seconds=5)
    await store.state.put("long", {"x": 2}, ttl_seconds=3600)
    clock.advance(10)
    assert await store.state.sweep() == 1
    assert len((await dump_all_rows(store.engine))["state"]) == 1
    # a put sweeps by itself, at most once a minute
    await store.state.put("short2", {"x": 3}, ttl_seconds=5)
    clock.advance(30)
    await store.state.put("other", {"x": 4}, ttl_seconds=3600)
    assert len((await dump_all_rows(store.engine))["state"]) == 3  # swept less than a minute ago: short2 stays
    clock.advance(31)
    await store.state.put("another", {"x": 5}, ttl_seconds=3600)
    assert len((await dump_all_rows(store.engine))["state"]) == 3  # short2 swept, another added


async def test_bad_values_are_refused(store: Store) -> None:
    with pytest.raises(TypeError):
        await store.state.put("k", ["not", "a", "dict"], ttl_seconds=5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        await store.state.put("k", {"a": 1}, ttl_seconds=0)
    with pytest.raises(ValueError):
        await store.state.put("k", {"a": float("nan")}, ttl_seconds=5)


async def test_replicas_share_state(database: str, clock: FakeClock) -> None:
    async with await Store.open(database, clock=clock) as one, await Store.open(database, clock=clock) as two:
        await one.state.put("suggestions:zalo:9", {"1": "e:lai-vung/xa", "2": "e:bu-dop/nha"}, ttl_seconds=300)
        assert await two.state.get("suggestions:zalo:9") == {"1": "e:lai-vung/xa", "2": "e:bu-dop/nha"}
