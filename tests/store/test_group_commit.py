"""Writes of many callers share transactions, each caller gets its own result, and one bad row
fails only its own caller (on SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store import Store
from bot.store.models import StateEntry


async def test_concurrent_writes_share_transactions_and_keep_their_own_results(store: Store) -> None:
    before = store.writes.batches
    ids = await asyncio.gather(
        *(
            store.questions.record(
                door="telegram", chat_id=n, user_id=n, text=f"câu hỏi số {n}", kind="fact", answered=True
            )
            for n in range(40)
        )
    )
    assert len(set(ids)) == 40
    assert store.writes.batches - before < 40  # fewer transactions than writes
    for n, question in enumerate(ids):
        record = await store.questions.get(question)
        assert record is not None and record.text == f"câu hỏi số {n}"  # each caller got its own row's id


async def test_an_update_and_its_redelivery_in_one_batch_are_kept_once(store: Store) -> None:
    added = await asyncio.gather(
        store.inbox.put("telegram", "7", "chat-1", {"n": 1}),
        store.inbox.put("telegram", "7", "chat-1", {"n": 1}),
        store.inbox.put("telegram", "8", "chat-1", {"n": 2}),
    )
    assert sorted(added) == [False, True, True] and added[2] is True
    assert (await store.inbox.counts())["pending"] == 2


async def _plain_insert(connection: AsyncConnection, keys: list[str]) -> list[str]:
    await connection.execute(insert(StateEntry), [{"key_hash": k, "value": "{}", "expires_at": 1e12} for k in keys])
    return keys


async def test_one_bad_row_fails_its_own_caller_only(store: Store) -> None:
    await store.writes.write("plain", _plain_insert, "taken")
    outcomes = await asyncio.gather(
        *(store.writes.write("plain", _plain_insert, key) for key in ("a", "taken", "b")), return_exceptions=True
    )
    assert outcomes[0] == "a" and outcomes[2] == "b"
    assert isinstance(outcomes[1], IntegrityError)
    async with store.engine.connect() as connection:
        kept = set((await connection.execute(select(StateEntry.key_hash))).scalars())
    assert {"a", "b", "taken"} <= kept


async def test_a_database_that_cannot_be_reached_fails_the_whole_batch_at_once(store: Store) -> None:
    calls: list[list[Any]] = []

    async def unreachable(connection: AsyncConnection, items: list[Any]) -> list[Any]:
        calls.append(items)
        raise OperationalError("SELECT 1", {}, ConnectionRefusedError("down"))

    # the first write starts a transaction at once; the two queued behind it share the next one
    outcomes = await asyncio.gather(
        *(store.writes.write("down", unreachable, n) for n in range(3)), return_exceptions=True
    )
    assert all(isinstance(o, OperationalError) for o in outcomes)
    assert sum(len(c) for c in calls) == 3  # never tried again row by row


@pytest.mark.parametrize("count", [1, 600])
async def test_every_queued_write_is_committed_however_many(store: Store, count: int) -> None:
    await asyncio.gather(*(store.state.put(f"k{n}", {"n": n}, 60) for n in range(count)))
    values = await asyncio.gather(*(store.state.get(f"k{n}") for n in range(count)))
    assert values == [{"n": n} for n in range(count)]
