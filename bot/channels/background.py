"""Calls whose outcome the answer does not wait for (a "typing…" indicator), run beside it.

Each runs as its own task: a reference is kept until it ends (the event loop holds
tasks only weakly), and its errors are logged at debug level, never raised.

"typing…" is worth a Bot API call only when the answer is slow: most replies leave within
milliseconds, and an indicator that arrives after the reply tells the user nothing.
``unless_quick`` starts a call only once its delay has passed without the work being done.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)

TYPING_AFTER_SECONDS = 0.5  # a reply slower than this shows "typing…" first


class Background:
    def __init__(self, delay: float = TYPING_AFTER_SECONDS) -> None:
        self.delay = delay
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self, call: Coroutine[Any, Any, object], what: str) -> None:
        task = asyncio.create_task(_quietly(call, what))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @contextlib.asynccontextmanager
    async def unless_quick(
        self, make_call: Callable[[], Coroutine[Any, Any, object]], what: str
    ) -> AsyncIterator[None]:
        """Around a piece of work: `make_call()` is started if the work takes longer than the
        delay (at once when the delay is 0), and never waited for."""
        if self.delay <= 0:
            self.start(make_call(), what)
            yield
            return

        def slow(waited: asyncio.Task[None]) -> None:
            if not waited.cancelled():
                self.start(make_call(), what)

        waiting = asyncio.create_task(asyncio.sleep(self.delay))
        waiting.add_done_callback(slow)
        try:
            yield
        finally:
            waiting.cancel()


async def _quietly(call: Coroutine[Any, Any, object], what: str) -> None:
    try:
        await call
    except Exception as exc:  # cosmetic: it never stops, delays or fails the answer
        log.debug("%s không thành: %s", what, exc)
