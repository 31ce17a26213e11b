"""The inbox and the shared counters, on both backends."""

from __future__ import annotations

import asyncio

from bot.store import Store
from bot.store.inbox import KEEP_DONE_SECONDS
from tests.store.conftest import FakeClock
from tests.store.dump import as_text, dump_all_rows

LEASE = 30.0


async def test_an_update_is_kept_once(store: Store) -> None:
    assert await store.inbox.put("telegram", "7", "100", {"update_id": 7}) is True
    assert await store.inbox.put("telegram", "7", "100", {"update_id": 7}) is False  # redelivered
    assert await store.inbox.put("zalo", "7", "100", {"update_id": 7}) is True  # another door's 7
    assert (await store.inbox.counts())["pending"] == 2


async def test_a_chat_is_taken_one_update_at_a_time_in_order(store: Store) -> None:
    for n, chat in ((1, "a"), (2, "a"), (3, "b"), (4, "a")):
        await store.inbox.put("telegram", str(n), chat, {"n": n})
    first = await store.inbox.take("one", 10, LEASE)
    assert [t.payload["n"] for t in first] == [1, 3]  # each chat's oldest
    assert await store.inbox.take("two", 10, LEASE) == []  # both heads are leased
    await store.inbox.finish(first[0].id)
    assert [t.payload["n"] for t in await store.inbox.take("two", 10, LEASE)] == [2]
    assert await store.inbox.take("one", 10, LEASE) == []  # 4 waits for 2


async def test_a_lease_that_runs_out_is_taken_again_with_its_saved_reply(store: Store, clock: FakeClock) -> None:
    await store.inbox.put("telegram", "1", "a", {"n": 1})
    [taken] = await store.inbox.take("dies", 10, LEASE)
    await store.inbox.save_reply(taken.id, "dies", {"text": "176 căn"})
    clock.advance(LEASE - 1)
    assert await store.inbox.take("other", 10, LEASE) == []
    clock.advance(2)
    [again] = await store.inbox.take("other", 10, LEASE)
    assert again.id == taken.id and again.reply == {"text": "176 căn"} and again.attempts == 2
    await store.inbox.save_reply(again.id, "dies", {"text": "late"})  # the old owner's write is refused
    clock.advance(LEASE + 1)
    [third] = await store.inbox.take("x", 10, LEASE)
    assert third.reply == {"text": "176 căn"}


async def test_renewed_and_released_leases(store: Store, clock: FakeClock) -> None:
    await store.inbox.put("telegram", "1", "a", {"n": 1})
    [taken] = await store.inbox.take("one", 10, LEASE)
    clock.advance(LEASE - 1)
    await store.inbox.renew("one", [taken.id], LEASE)
    clock.advance(LEASE - 1)
    assert await store.inbox.take("two", 10, LEASE) == []
    await store.inbox.release("one", [taken.id])
    assert [t.id for t in await store.inbox.take("two", 10, LEASE)] == [taken.id]


async def test_done_updates_keep_no_payload_and_are_forgotten_after_a_day(store: Store, clock: FakeClock) -> None:
    await store.inbox.put("telegram", "1", "4242", {"message": {"chat": {"id": 4242}, "text": "bí mật"}})
    [taken] = await store.inbox.take("one", 10, LEASE)
    await store.inbox.finish(taken.id)
    dumped = as_text(await dump_all_rows(store.engine))
    assert "bí mật" not in dumped and "4242" not in dumped
    assert await store.inbox.put("telegram", "1", "4242", {}) is False  # still recognised
    clock.advance(KEEP_DONE_SECONDS + 1)
    assert await store.inbox.purge() == 1
    assert (await store.inbox.counts())["pending"] == 0


async def test_two_replicas_taking_at_once_never_share_an_update(store: Store) -> None:
    for n in range(40):
        await store.inbox.put("telegram", str(n), f"chat{n}", {"n": n})
    one, two = await asyncio.gather(store.inbox.take("one", 25, LEASE), store.inbox.take("two", 25, LEASE))
    ids = [t.id for t in one] + [t.id for t in two]
    assert len(ids) == len(set(ids))


async def test_counters_count_per_window_and_key(store: Store, clock: FakeClock) -> None:
    counts = [(await store.counters.hit("user:1", 30))[0] for _ in range(3)]
    assert counts == [1, 2, 3]
    assert (await store.counters.hit("user:2", 30))[0] == 1
    _, ends = await store.counters.hit("user:1", 30)
    clock.now = ends
    assert (await store.counters.hit("user:1", 30))[0] == 1  # a new window
