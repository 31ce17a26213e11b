"""Whether the database answers, as the bot last found it, and every call to it bounded in time.

The store is not on the answer path: when the database is down or hangs, a call gives up after
``STORE_TIMEOUT_SECONDS`` (StoreUnavailable), the caller answers from memory, and what could not
be written is counted here for ``/healthz``. The next call that succeeds marks the store up
again, so the bot recovers without a restart.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Awaitable
from typing import Any, TypeVar

from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)

T = TypeVar("T")

STORE_TIMEOUT_SECONDS = 2.0  # a database call on the answer path waits no longer than this


class StoreUnavailable(RuntimeError):
    """The database did not answer in time, or refused: the caller goes on without it."""


class StoreHealth:
    def __init__(self) -> None:
        self.up = True
        self.problem: str | None = None
        self.down_since: float | None = None
        self.lost: Counter[str] = Counter()  # what could not be written, by kind ("question", "state"…)

    def failed(self, what: str, exc: BaseException) -> None:
        reason = "timed out" if isinstance(exc, TimeoutError) else f"{type(exc).__name__}: {exc}".splitlines()[0]
        if self.up:
            log.error("Cơ sở dữ liệu không trả lời (%s: %s); vẫn trả lời từ bộ nhớ", what, reason)
            self.down_since = time.time()
        self.up = False
        self.problem = reason[:200]

    def succeeded(self) -> None:
        if not self.up:
            log.info("Cơ sở dữ liệu đã trả lời lại")
        self.up, self.problem, self.down_since = True, None, None

    def report(self) -> dict[str, Any]:
        out: dict[str, Any] = {"up": self.up, "not_recorded": dict(self.lost)}
        if not self.up:
            out["problem"] = self.problem
        return out

    async def guard(self, call: Awaitable[T], what: str, timeout: float | None = None) -> T:
        """`call`'s result, or StoreUnavailable after `timeout` seconds (STORE_TIMEOUT_SECONDS by
        default) or a database error."""
        try:
            result = await asyncio.wait_for(call, STORE_TIMEOUT_SECONDS if timeout is None else timeout)
        except (TimeoutError, SQLAlchemyError, OSError, ConnectionError) as exc:
            self.failed(what, exc)
            raise StoreUnavailable(what) from exc
        self.succeeded()
        return result
