"""Reliable outbound delivery: messages queued per chat, sent in order, retried when it is worth it.

A door hands over a reply's messages and carries on (``await outbox.send(chat_id, texts)``
returns as soon as they are queued). Each chat has one worker that sends its messages one after
the other, so a reply's parts never arrive shuffled, even when one of them has to be retried.
Chats proceed concurrently, at most ``concurrency`` calls in flight at once. A failure that
``should_retry`` calls transient (quota, network) is retried with exponential backoff and
jitter, a bounded number of times; a send that finally fails is logged and skipped, and the
messages after it still go. ``drain`` waits for everything queued, for a graceful shutdown.

Platform-neutral: it only knows an async ``send_one(chat_id, text)``.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import random
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)

SendOne = Callable[[str, str], Awaitable[object]]
ShouldRetry = Callable[[BaseException], bool]
Sleep = Callable[[float], Awaitable[object]]


class OutboxClosed(RuntimeError):
    """``send`` after ``drain``: the outbox no longer takes messages."""


@dataclass(frozen=True)
class Undelivered:
    """A message ``drain`` gave up waiting for (it may have been in flight, and so may have arrived)."""

    chat_id: str
    text: str


@dataclass(frozen=True)
class DrainReport:
    """What an outbox did over its life: messages sent, messages that failed, messages left unsent."""

    sent: int
    failed: int
    left: tuple[Undelivered, ...]

    @property
    def complete(self) -> bool:
        return not self.left


def chat_ref(chat_id: str) -> str:
    """A short stable reference to a chat for logs, which should not carry users' ids."""
    return hashlib.sha256(chat_id.encode()).hexdigest()[:10]


class Outbox:
    """Per-chat ordered, retried, concurrency-bounded delivery through ``send_one``.

    ``should_retry(error)`` decides which failures are worth another attempt (for Zalo,
    ``zalo_api.is_transient``). Attempt n waits ``min(max_delay, base_delay * 2**(n-1))``
    scaled into [½, 1] by ``jitter()`` (a float in [0, 1)) before the next; ``sleep`` and
    ``jitter`` are injectable so tests neither wait nor guess.
    """

    def __init__(
        self,
        send_one: SendOne,
        *,
        should_retry: ShouldRetry,
        max_attempts: int = 5,
        base_delay: float = 1.0,
        max_delay: float = 30.0,
        concurrency: int = 8,
        sleep: Sleep = asyncio.sleep,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        if max_attempts < 1 or concurrency < 1 or base_delay < 0 or max_delay < 0:
            raise ValueError("max_attempts và concurrency phải ≥ 1, các độ trễ phải ≥ 0")
        self._send_one = send_one
        self._should_retry = should_retry
        self._max_attempts = max_attempts
        self._base_delay = base_delay
        self._max_delay = max_delay
        self._sleep = sleep
        self._jitter = jitter
        self._slots = asyncio.Semaphore(concurrency)
        self._queues: dict[str, deque[str]] = {}
        self._workers: dict[str, asyncio.Task[None]] = {}
        self._closed = False
        self._sent = 0
        self._failed = 0

    @property
    def pending(self) -> int:
        """Messages queued or in flight."""
        return sum(len(queue) for queue in self._queues.values())

    async def send(self, chat_id: str, texts: Sequence[str]) -> None:
        """Queue ``texts`` for ``chat_id``, after anything already queued for it; returns at once."""
        if isinstance(texts, str):
            # a bare string is a sequence of characters: one message per letter is never meant
            raise TypeError("texts phải là danh sách tin nhắn, không phải một chuỗi")
        if self._closed:
            raise OutboxClosed("outbox đã đóng (sau drain)")
        if not texts:
            return
        self._queues.setdefault(chat_id, deque()).extend(texts)
        if chat_id not in self._workers:
            self._workers[chat_id] = asyncio.create_task(self._work(chat_id), name=f"outbox-{chat_ref(chat_id)}")

    async def settled(self, chat_id: str) -> None:
        """Wait until everything queued for ``chat_id`` is sent (or finally failed)."""
        worker = self._workers.get(chat_id)
        if worker is not None:
            await asyncio.wait([worker])

    async def drain(self, timeout: float | None = None) -> DrainReport:
        """Stop taking messages, wait up to ``timeout`` seconds for the queued ones, and report.

        What is still queued at the deadline is cancelled and listed in ``left`` (the caller may
        store it to send after a restart).
        """
        self._closed = True
        workers = list(self._workers.values())
        if workers:
            _, unfinished = await asyncio.wait(workers, timeout=timeout)
            for task in unfinished:
                task.cancel()
            await asyncio.gather(*unfinished, return_exceptions=True)
        left = tuple(Undelivered(chat_id, text) for chat_id, queue in self._queues.items() for text in queue)
        if left:
            log.warning("Outbox: còn %d tin chưa gửi được khi dừng", len(left))
        return DrainReport(sent=self._sent, failed=self._failed, left=left)

    async def _work(self, chat_id: str) -> None:
        queue = self._queues[chat_id]
        try:
            while queue:
                # left in the queue while in flight, so a drain that times out reports it
                await self._deliver(chat_id, queue[0])
                queue.popleft()
        finally:
            # no await between the loop's last check and here: a send() cannot slip in unseen
            if not queue:
                del self._queues[chat_id]
            del self._workers[chat_id]

    async def _deliver(self, chat_id: str, text: str) -> None:
        for attempt in range(1, self._max_attempts + 1):
            try:
                async with self._slots:
                    await self._send_one(chat_id, text)
            except Exception as error:
                retry = attempt < self._max_attempts and self._retryable(error)
                if not retry:
                    self._failed += 1
                    log.warning(
                        "Outbox: bỏ một tin cho chat %s sau %d lần thử: %s: %s",
                        chat_ref(chat_id),
                        attempt,
                        type(error).__name__,
                        error,
                    )
                    return
                delay = self._backoff(attempt)
                log.info(
                    "Outbox: chat %s, lần thử %d lỗi (%s); thử lại sau %.1f giây",
                    chat_ref(chat_id),
                    attempt,
                    type(error).__name__,
                    delay,
                )
                await self._sleep(delay)
            else:
                self._sent += 1
                return

    def _retryable(self, error: Exception) -> bool:
        # a broken classifier must not kill the chat's worker: treat its failure as "do not retry"
        with contextlib.suppress(Exception):
            return self._should_retry(error)
        return False

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self._max_delay, self._base_delay * 2.0 ** (attempt - 1))
        return ceiling * (0.5 + 0.5 * self._jitter())
