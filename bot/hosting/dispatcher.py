"""Updates processed concurrently, with a bound, and in order within one chat.

Every door hands its accepted updates to one dispatcher. Different chats are
served side by side (at most ``max_concurrent`` at a time); two messages of one
chat are handled one after the other, in the order they arrived, so a reply
never overtakes the one before it. The dispatcher also knows what is still
owed, which is what a graceful shutdown waits for.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

Job = Callable[[], Awaitable[None]]


class QueueFull(Exception):
    """More updates are waiting than the dispatcher accepts: refuse, and the platform retries later."""


class ChatDispatcher:
    def __init__(self, max_concurrent: int = 32, max_queued: int = 10_000):
        self.max_concurrent = max_concurrent
        self.max_queued = max_queued
        self._slots = asyncio.Semaphore(max_concurrent)
        self._last: dict[str, asyncio.Task[None]] = {}  # each chat's latest job: the next one waits for it
        self._pending: set[asyncio.Task[None]] = set()
        self.done = 0
        self.failed = 0

    @property
    def pending(self) -> int:
        """Accepted updates not finished yet (queued or running)."""
        return len(self._pending)

    def submit(self, chat: str, job: Job) -> None:
        """Accept one update of `chat`; raise QueueFull rather than grow without bound."""
        if len(self._pending) >= self.max_queued:
            raise QueueFull
        before = self._last.get(chat)
        task = asyncio.get_running_loop().create_task(self._run(before, job))
        self._last[chat] = task
        self._pending.add(task)
        task.add_done_callback(lambda t: self._finished(chat, t))

    async def _run(self, before: asyncio.Task[None] | None, job: Job) -> None:
        if before is not None:
            await asyncio.wait([before])  # its outcome is its own; only its end matters here
        async with self._slots:
            try:
                await job()
            except Exception:
                self.failed += 1
                log.exception("Lỗi khi xử lý một tin nhắn; các tin khác vẫn được xử lý")
            else:
                self.done += 1

    def _finished(self, chat: str, task: asyncio.Task[None]) -> None:
        self._pending.discard(task)
        if self._last.get(chat) is task:
            del self._last[chat]

    async def drain(self, timeout: float) -> int:
        """Wait until every accepted update is handled (those accepted meanwhile too), or
        `timeout` seconds; return how many are left."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._pending:
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            await asyncio.wait(set(self._pending), timeout=remaining)
        return len(self._pending)
