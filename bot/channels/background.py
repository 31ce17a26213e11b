"""Calls whose outcome the answer does not wait for (a "typing…" indicator), run beside it.

Each runs as its own task: a reference is kept until it ends (the event loop holds
tasks only weakly), and its errors are logged at debug level, never raised.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)


class Background:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self, call: Coroutine[Any, Any, object], what: str) -> None:
        task = asyncio.create_task(_quietly(call, what))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


async def _quietly(call: Coroutine[Any, Any, object], what: str) -> None:
    try:
        await call
    except Exception as exc:  # cosmetic: it never stops, delays or fails the answer
        log.debug("%s không thành: %s", what, exc)
