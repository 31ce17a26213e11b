"""Taking updates from the inbox, on every replica, and answering each once.

A door's webhook (or poller) puts an update in the inbox (:mod:`bot.store.inbox`) before it is
acknowledged; this worker leases pending updates, as many as the dispatcher has room for, hands
each to its door's handler, and marks it done once the reply is sent. Leases are renewed while a
reply is being worked on; a replica that dies stops renewing, and its updates are taken again
when their leases run out. A reply is kept in the inbox before it is sent (the door calls the
journal), so an update taken again with a reply is sent that reply, not answered anew.

While the database does not answer, nothing is taken and what was taken is finished as soon as
it answers again.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from bot.channels import journal
from bot.chat.messages import Reply
from bot.hosting.dispatcher import ChatDispatcher
from bot.store import Store
from bot.store.health import StoreUnavailable
from bot.store.inbox import Taken

log = logging.getLogger(__name__)

LEASE_SECONDS = 30.0  # a replica silent this long is taken for dead: its updates go to another
POLL_SECONDS = 0.2  # how often an idle replica looks for updates other replicas took in
MAX_ATTEMPTS = 5  # an update that failed this often is given up (logged), not retried forever

Handler = Callable[[Taken], Awaitable[None]]


class InboxWorker:
    def __init__(
        self,
        store: Store,
        dispatcher: ChatDispatcher,
        *,
        owner: str | None = None,
        lease_seconds: float = LEASE_SECONDS,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        self.store = store
        self.dispatcher = dispatcher
        self.owner = owner or uuid.uuid4().hex
        self.lease_seconds = lease_seconds
        self.poll_seconds = poll_seconds
        self.handlers: dict[str, Handler] = {}
        self.ready: dict[str, Callable[[], bool]] = {}
        self.taking = True
        self.held: dict[int, Taken] = {}  # taken here and not done yet
        self.started: set[int] = set()
        self.unfinished: set[int] = set()  # answered, but the database has not heard it yet
        self.given_up = 0
        self.received = 0  # updates this process kept (acknowledged)
        self.idle = False  # the last look found nothing to take
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    def register(self, door: str, handler: Handler, ready: Callable[[], bool]) -> None:
        """`door`'s updates are answered by `handler`, once `ready()` says the door can reply."""
        self.handlers[door] = handler
        self.ready[door] = ready

    async def put(self, door: str, update_key: str, chat: str, payload: dict[str, Any]) -> bool:
        """Keep an update before it is acknowledged; False for a redelivery. StoreUnavailable
        when the database cannot take it: the door must not acknowledge it then."""
        added = await self.store.health.guard(self.store.inbox.put(door, update_key, chat, payload), "inbox")
        if added:
            self.received += 1
            self.idle = False
        self._wake.set()
        return added

    def start(self) -> None:
        self._tasks = [asyncio.create_task(self._take_loop()), asyncio.create_task(self._renew_loop())]

    def health(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "held": len(self.held),
            "given_up": self.given_up,
            "unconfirmed": len(self.unfinished),
        }

    # ------------------------------------------------------------ taking

    async def _take_loop(self) -> None:
        while self.taking:
            await self._confirm_finished()
            room = self.dispatcher.max_concurrent * 2 - len(self.held)
            doors = [door for door, ready in self.ready.items() if ready()]
            taken: list[Taken] = []
            if room > 0 and doors:
                with contextlib.suppress(StoreUnavailable):
                    taken = await self.store.health.guard(
                        self.store.inbox.take(self.owner, room, self.lease_seconds, doors), "inbox"
                    )
            self.idle = room > 0 and bool(doors) and not taken and self.store.health.up
            for item in taken:
                if not self.taking:
                    break
                self.held[item.id] = item
                self.dispatcher.submit(f"inbox:{item.id}", functools.partial(self._handle, item))
            if len(taken) < room or not taken:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.poll_seconds)

    async def _handle(self, item: Taken) -> None:
        self.started.add(item.id)
        try:
            handler = self.handlers.get(item.door)
            if handler is None or item.attempts > MAX_ATTEMPTS:
                self.given_up += 1
                log.error("Bỏ một update %s sau %d lần thử", item.door, item.attempts - 1)
            else:
                token = journal.current.set(_Keeper(self, item))
                try:
                    await handler(item)
                finally:
                    journal.current.reset(token)
        except Exception:
            # its lease runs out and it is taken again (up to MAX_ATTEMPTS)
            self.held.pop(item.id, None)
            self.started.discard(item.id)
            raise
        await self._finish(item.id)

    async def _finish(self, item: int) -> None:
        try:
            await self.store.health.guard(self.store.inbox.finish(item), "inbox")
        except StoreUnavailable:
            self.unfinished.add(item)  # kept leased (renewed) until the database hears it
            return
        self.held.pop(item, None)
        self.started.discard(item)

    async def _confirm_finished(self) -> None:
        for item in list(self.unfinished):
            try:
                await self.store.health.guard(self.store.inbox.finish(item), "inbox")
            except StoreUnavailable:
                return
            self.unfinished.discard(item)
            self.held.pop(item, None)
            self.started.discard(item)

    async def _renew_loop(self) -> None:
        while True:
            await asyncio.sleep(self.lease_seconds / 3)
            if self.held:
                with contextlib.suppress(StoreUnavailable):
                    await self.store.health.guard(
                        self.store.inbox.renew(self.owner, list(self.held), self.lease_seconds), "inbox"
                    )

    # ------------------------------------------------------------ stopping

    async def drain(self, seconds: float) -> int:
        """On SIGTERM: go on answering what the inbox holds (what this process acknowledged, and
        what others left) until nothing is left to take or `seconds` pass; then stop taking.
        How many updates this process still holds unanswered."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        self.idle = False
        self._wake.set()
        # no door of this process takes from the inbox (the web door alone): nothing to wait for
        while self.handlers and loop.time() < deadline and not (self.idle and not self.held):
            await asyncio.sleep(0.05)
        await self.stop_taking()
        return len(self.held)

    async def stop_taking(self) -> None:
        self.taking = False
        self._wake.set()
        if self._tasks:
            self._tasks[0].cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._tasks[0]

    async def close(self) -> None:
        """After the drain: give back what was taken and not begun, so another replica answers it
        now rather than when the lease runs out; confirm what was answered."""
        await self._confirm_finished()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        untouched = [item for item in self.held if item not in self.started]
        with contextlib.suppress(StoreUnavailable):
            await self.store.health.guard(self.store.inbox.release(self.owner, untouched), "inbox")


class _Keeper:
    """The journal of one update: its reply kept in the inbox before it is sent."""

    def __init__(self, worker: InboxWorker, item: Taken) -> None:
        self.worker = worker
        self.item = item

    async def keep(self, reply: Reply) -> None:
        """Never in the way of sending: a reply that cannot be kept (a file's bytes, the database
        down) is sent all the same, and only a crash before it leaves would lose it."""
        try:
            document = reply.model_dump(mode="json")
        except ValueError:  # binary content (an exported file): not kept
            return
        store = self.worker.store
        with contextlib.suppress(StoreUnavailable):
            await store.health.guard(store.inbox.save_reply(self.item.id, self.worker.owner, document), "inbox")
