"""A per-user sliding-window limit, so one flooding user cannot starve the others."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class RateLimiter:
    limit: int
    window: float
    clock: Callable[[], float] = time.monotonic
    _seen: dict[int, deque[float]] = field(default_factory=dict)
    _warned: dict[int, float] = field(default_factory=dict)

    def check(self, user_id: int) -> tuple[bool, float]:
        """(allowed, seconds to wait). Records the attempt when allowed."""
        now = self.clock()
        times = self._seen.setdefault(user_id, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            if len(self._seen) > 10_000:  # keep memory bounded on a busy bot
                self._forget_idle(now)
            return True, 0.0
        return False, self.window - (now - times[0])

    def should_warn(self, user_id: int) -> bool:
        """Warn a limited user once per window, not on every message."""
        now = self.clock()
        last = self._warned.get(user_id)
        if last is not None and now - last < self.window:
            return False
        self._warned[user_id] = now
        return True

    def _forget_idle(self, now: float) -> None:
        for user_id in [u for u, t in self._seen.items() if not t or now - t[-1] >= self.window]:
            del self._seen[user_id]
            self._warned.pop(user_id, None)
