"""Counts in windows of time, shared by every replica: the limits that hold for the bot as a
whole (a user's messages, Telegram's messages per second and per group) rather than per process.

A fixed window: ``hit`` adds one to the current window of a key and says how many it holds now.
Keys are hashed, as they are built from user and chat ids.
"""

from __future__ import annotations

import math

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.conflicts import dialect_insert
from bot.store.group_commit import BatchedRepository
from bot.store.models import Counter

SWEEP_EVERY_SECONDS = 60.0


class CounterRepository(BatchedRepository):  # a hit for every message: in the messages' transactions
    _last_sweep = -math.inf  # when this process last swept expired windows

    def window_of(self, seconds: float, now: float | None = None) -> tuple[int, float]:
        """The current window's number, and when it ends."""
        moment = self._clock() if now is None else now
        number = math.floor(moment / seconds)
        return number, (number + 1) * seconds

    async def hit(self, key: str, seconds: float) -> tuple[int, float]:
        """Count one event of `key` in the current window of `seconds`: (the count now, the
        window's end)."""
        now = self._clock()
        number, ends = self.window_of(seconds, now)
        row = {
            "key_hash": self._hasher.digest("counter", "", key),
            "window": number,
            "count": 1,
            "expires_at": ends + seconds,
        }
        count = await self._writes.write("counter.hit", _hit_counters, row)
        if now - self._last_sweep >= SWEEP_EVERY_SECONDS:
            self._last_sweep = now
            async with self._sessions.begin() as session:
                await session.execute(delete(Counter).where(Counter.expires_at <= now))
        return int(count), ends


async def _hit_counters(connection: AsyncConnection, rows: list[dict[str, object]]) -> list[int]:
    """One statement per hit, in order, in the batch's transaction: two hits of one key in one
    statement would be refused (a row changed twice by one INSERT … ON CONFLICT)."""
    upsert = dialect_insert(connection.dialect.name, Counter).on_conflict_do_update(
        index_elements=["key_hash", "window"], set_={"count": Counter.count + 1}
    )
    statement = upsert.returning(Counter.count)
    return [int((await connection.execute(statement, row)).scalar_one()) for row in rows]
