"""A door as the runner drives it: start, stop taking updates, flush, close, and say how it is.

The state every running door keeps (started, webhook registered, what is wrong) and how
``/healthz`` reports it are written once here.
"""

from __future__ import annotations

from typing import Any, Protocol

from starlette.routing import Route

from ..dialogue.core import Dialogue


class Service(Protocol):
    name: str

    @property
    def ready(self) -> bool: ...

    def health(self) -> dict[str, Any]: ...

    def routes(self) -> list[Route]: ...

    async def start(self, core: Dialogue) -> None: ...

    async def stop_receiving(self) -> None: ...

    async def flush(self, timeout: float) -> int: ...

    async def close(self) -> None: ...


class ServiceState:
    """Where a door stands: started, its webhook registered, and what is wrong until it is ready."""

    def __init__(self, webhook: bool, problem: str):
        self.webhook = webhook
        self.started = False
        self.registered = False
        self.receiving = True
        self.problem: str | None = problem

    @property
    def ready(self) -> bool:
        return self.started

    def webhook_url(self) -> str:
        raise NotImplementedError

    def health(self) -> dict[str, Any]:
        report: dict[str, Any] = {"ready": self.ready, "mode": "webhook" if self.webhook else "polling"}
        if self.webhook:
            report["webhook"] = {"registered": self.registered, "url": self.webhook_url()}
        if not self.ready and self.problem:
            report["problem"] = self.problem
        return report
