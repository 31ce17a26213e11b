"""Time as the store sees it: an injectable clock, so tests move time instead of sleeping."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

Clock = Callable[[], float]  # seconds since the epoch, like time.time

system_clock: Clock = time.time

# Vietnam's time (UTC+7, no daylight saving): the days curators count and the times they read
VIETNAM = timezone(timedelta(hours=7), "UTC+7")


def utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)
