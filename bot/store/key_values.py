"""Small JSON documents that expire: conversation context and remembered
suggestion numbers, kept in the database so that any replica can serve a
chat's next message.

Keys are stored hashed, since callers build them from chat ids. An expired row
reads as missing at once and is deleted by a sweep that runs at most once a
minute per process.
"""

from __future__ import annotations

import json
import math
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from bot.store.clock import Clock
from bot.store.conflicts import dialect_insert
from bot.store.group_commit import GroupCommit
from bot.store.hashing import IdHasher
from bot.store.models import StateEntry

SWEEP_EVERY_SECONDS = 60.0


class KeyValueRepository:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        hasher: IdHasher,
        clock: Clock,
        sweep_every: float = SWEEP_EVERY_SECONDS,
        writes: GroupCommit | None = None,
    ) -> None:
        self._sessions = sessions
        self._writes = writes or GroupCommit(sessions)  # a conversation's memory, after each message: batched
        self._hasher = hasher
        self._clock = clock
        self._sweep_every = sweep_every
        self._last_sweep = -math.inf

    def _key(self, key: str) -> str:
        return self._hasher.digest("state", "", key)

    async def get(self, key: str) -> dict[str, Any] | None:
        # read with the batch of writes under way: one statement for many conversations
        raw = await self._writes.write("state.get", _read_documents, (self._key(key), self._clock()))
        if raw is None:
            return None
        value = json.loads(raw)
        return value if isinstance(value, dict) else None

    async def put(self, key: str, value: dict[str, Any], ttl_seconds: float) -> None:
        if not isinstance(value, dict):
            raise TypeError(f"state values are JSON objects (dict), got {type(value).__name__}")
        if not ttl_seconds > 0 or math.isinf(ttl_seconds):
            raise ValueError(f"ttl_seconds must be positive and finite, got {ttl_seconds!r}")
        now = self._clock()
        document = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        row = {"key_hash": self._key(key), "value": document, "expires_at": now + ttl_seconds}
        await self._writes.write("state.put", _upsert_documents, row)
        if now - self._last_sweep >= self._sweep_every:
            await self.sweep()

    async def delete(self, key: str) -> None:
        async with self._sessions.begin() as session:
            await session.execute(delete(StateEntry).where(StateEntry.key_hash == self._key(key)))

    async def sweep(self) -> int:
        """Delete every expired document; return how many."""
        now = self._clock()
        self._last_sweep = now
        async with self._sessions.begin() as session:
            result = await session.execute(delete(StateEntry).where(StateEntry.expires_at <= now))
            return int(result.rowcount)  # type: ignore[attr-defined]


async def _upsert_documents(connection: AsyncConnection, rows: list[dict[str, Any]]) -> list[None]:
    statement = dialect_insert(connection.dialect.name, StateEntry)
    statement = statement.on_conflict_do_update(
        index_elements=["key_hash"],
        set_={"value": statement.excluded.value, "expires_at": statement.excluded.expires_at},
    )
    await connection.execute(statement, rows)  # executed for each row, in order: the last write of a key wins
    return [None] * len(rows)


async def _read_documents(connection: AsyncConnection, keys: list[tuple[str, float]]) -> list[str | None]:
    rows = await connection.execute(
        select(StateEntry.value, StateEntry.key_hash, StateEntry.expires_at).where(
            StateEntry.key_hash.in_({key for key, _ in keys})
        )
    )
    found = {row.key_hash: row for row in rows}
    return [row.value if (row := found.get(key)) is not None and row.expires_at > at else None for key, at in keys]
