"""A per-user sliding-window rate limit, the same for every door.

One flooding user cannot starve the others. The key is the door and the
user, so a Telegram user and a Zalo user with the same id are different people.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.store.health import StoreHealth, StoreUnavailable

MAX_TRACKED = 10_000  # past this many users, idle ones are forgotten: memory stays bounded


@dataclass
class RateLimiter:
    limit: int
    window: float
    clock: Callable[[], float] = time.monotonic
    _seen: dict[str, deque[float]] = field(default_factory=dict)
    _warned: dict[str, float] = field(default_factory=dict)

    def check(self, key: str) -> tuple[bool, float]:
        """(allowed, seconds to wait). Records the attempt when allowed."""
        now = self.clock()
        times = self._seen.setdefault(key, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            if len(self._seen) > MAX_TRACKED:
                self._forget_idle(now)
            return True, 0.0
        return False, self.window - (now - times[0])

    def should_warn(self, key: str) -> bool:
        """Warn a limited user once per window, not on every message."""
        now = self.clock()
        last = self._warned.get(key)
        if last is not None and now - last < self.window:
            return False
        self._warned[key] = now
        return True

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, t in self._seen.items() if not t or now - t[-1] >= self.window]:
            del self._seen[key]
            self._warned.pop(key, None)


class SharedRateLimiter:
    """The same limit for the bot as a whole: each user's messages are counted in the store, so
    that several replicas together allow `limit` per window, not `limit` each. A fixed window
    (the store's counters); while the database does not answer, each process counts alone."""

    def __init__(self, local: RateLimiter, counters: Any, health: StoreHealth):
        self.local = local
        self.counters = counters  # bot.store.counters.CounterRepository
        self.health = health
        self.limit = local.limit
        self.window = local.window

    async def check(self, key: str) -> tuple[bool, float]:
        try:
            count, ends = await self.health.guard(self.counters.hit(f"rate:{key}", self.window), "counter")
        except StoreUnavailable:
            return self.local.check(key)
        if count <= self.limit:
            return True, 0.0
        return False, max(0.1, ends - time.time())

    def should_warn(self, key: str) -> bool:
        return self.local.should_warn(key)
