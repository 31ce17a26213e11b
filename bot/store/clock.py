"""Time as the store sees it: an injectable clock, so tests move time instead of sleeping."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], float]  # seconds since the epoch, like time.time

system_clock: Clock = time.time


def utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)
