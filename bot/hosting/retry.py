"""Exponential backoff with jitter, for everything that retries a platform."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Backoff:
    first: float = 1.0
    factor: float = 2.0
    most: float = 60.0
    jitter: float = 0.2  # ± this share of the delay, so replicas do not retry in step

    def delay(self, attempt: int) -> float:
        base = min(self.first * self.factor**attempt, self.most)
        return base * (1 + random.uniform(-self.jitter, self.jitter))
