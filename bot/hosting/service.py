"""A door as the runner drives it: start, stop taking updates, flush, close, and say how it is.

The state every running door keeps (started, webhook registered, what is wrong) and how
``/healthz`` reports it are written once here.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

from starlette.routing import BaseRoute

from bot.chat.core import Dialogue
from bot.hosting.retry import Backoff
from bot.store.door_lock import DoorLock

T = TypeVar("T")


class Service(Protocol):
    name: str

    @property
    def ready(self) -> bool: ...

    def health(self) -> dict[str, Any]: ...

    def routes(self) -> list[BaseRoute]: ...

    async def start(self, core: Dialogue) -> None: ...

    async def stop_receiving(self) -> None: ...

    async def flush(self, timeout: float) -> int: ...

    async def close(self) -> None: ...


class ServiceState:
    """Where a door stands: started, its webhook registered, and what is wrong until it is ready."""

    def __init__(self, webhook: bool, problem: str, backoff: Backoff | None = None):
        self.webhook = webhook
        self.backoff = backoff or Backoff()
        self.started = False
        self.registered = False
        self.receiving = True
        self.problem: str | None = problem
        self.lock: DoorLock | None = None  # a polling door with a store: only its holder polls
        self.polling = False

    @property
    def ready(self) -> bool:
        return self.started

    def webhook_url(self) -> str:
        raise NotImplementedError

    def health(self) -> dict[str, Any]:
        report: dict[str, Any] = {"ready": self.ready, "mode": "webhook" if self.webhook else "polling"}
        if self.webhook:
            report["webhook"] = {"registered": self.registered, "url": self.webhook_url()}
        if not self.webhook and self.lock is not None:
            report["polling"] = "active" if self.polling else "standby"  # standby: another replica polls
        if not self.ready and self.problem:
            report["problem"] = self.problem
        return report

    async def retrying(
        self,
        what: str,
        call: Callable[[], Awaitable[T]],
        retry_on: type[Exception] | tuple[type[Exception], ...],
        fatal: Callable[[Exception], str | None] = lambda exc: None,
        level: int = logging.WARNING,
    ) -> T:
        """A start-up call, retried with backoff while the platform is unreachable or busy.

        `what` is what is not done yet ("chưa kết nối được Telegram"): while retrying it is the
        problem ``/healthz`` reports, and each retry is logged at `level`. An error `fatal` gives
        a text for (a refused token: retrying cannot help) becomes the problem, is logged and raised;
        an error that is neither fatal nor of `retry_on` is raised as it is.
        """
        log = logging.getLogger(type(self).__module__)  # the door's own logger, as before
        attempt = 0
        while True:
            try:
                return await call()
            except Exception as exc:
                refused = fatal(exc)
                if refused is not None:
                    self.problem = refused
                    log.error(refused)
                    raise
                if not isinstance(exc, retry_on):
                    raise
                delay = self.backoff.delay(attempt)
                attempt += 1
                self.problem = f"{what}: {exc}"
                log.log(level, "%s (%s); thử lại sau %.0f giây", what[:1].upper() + what[1:], exc, delay)
                await asyncio.sleep(delay)
