"""A pause every replica keeps: when Zalo answers 429 (quota exceeded) to one replica, the others
hold their messages too, instead of each spending its own retries against the same quota.

The pause is a time kept in the store's state (shared by replicas on PostgreSQL); each send
first waits until it has passed. While the database does not answer, each process pauses alone.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from bot.store import Store
from bot.store.health import StoreUnavailable

QUOTA_PAUSE_SECONDS = 5.0  # how long every replica holds Zalo's messages after a 429
MAX_PAUSE_SECONDS = 60.0


class SharedPause:
    def __init__(
        self,
        store: Store,
        key: str,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self.store = store
        self.key = key
        self.clock = clock
        self.sleep = sleep
        self._local_until = 0.0

    async def hold(self, seconds: float = QUOTA_PAUSE_SECONDS) -> None:
        until = self.clock() + min(seconds, MAX_PAUSE_SECONDS)
        self._local_until = max(self._local_until, until)
        try:
            await self.store.health.guard(
                self.store.state.put(self.key, {"until": until}, ttl_seconds=MAX_PAUSE_SECONDS), "state"
            )
        except StoreUnavailable:
            return

    async def wait(self) -> None:
        """Until the pause (this replica's or another's) has passed."""
        until = self._local_until
        try:
            kept = await self.store.health.guard(self.store.state.get(self.key), "state")
        except StoreUnavailable:
            kept = None
        if kept is not None and isinstance(kept.get("until"), int | float):
            until = max(until, float(kept["until"]))
        left = min(until - self.clock(), MAX_PAUSE_SECONDS)
        if left > 0:
            await self.sleep(left)
