"""Group commit: the small writes of many callers, made in one transaction and as few statements.

Every message answered writes a handful of rows (the update kept in the inbox, its reply, the
question, the conversation's memory, the update done). Each in its own transaction costs a
begin, a statement and a commit, a few milliseconds of CPU apiece, and under SQLite's single
writer they queue behind one another. Here a caller hands its write to the queue and awaits
it; whatever is queued while one transaction runs goes into the next one, writes of one kind as
one statement (many rows, or one statement executed for many). An idle bot writes at once, as
before; a busy one writes in batches, and every caller still returns only once its row is
committed.

One caller's writes never share a transaction with each other (each is awaited before the
next), so writes of one kind may be grouped ahead of others queued earlier. When a batch is
refused, each of its writes is tried again alone, so that one bad row fails only its own caller;
when the database cannot be reached, the whole batch fails at once. Reads that must see the
writes before them (a conversation's memory) go through the same queue.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from bot.store.clock import Clock
from bot.store.hashing import IdHasher

log = logging.getLogger(__name__)

MAX_BATCH = 500  # writes in one transaction at most
# how long a transaction waits for more writes before it begins: a few milliseconds on a reply,
# against one transaction (begin, commit, a hop to the database's thread each) per write under load
LINGER_SECONDS = 0.003

# the statement(s) for a group of writes of one kind: one result per item, in order
WriteMany = Callable[[AsyncConnection, list[Any]], Awaitable[list[Any]]]


@dataclass
class _Write:
    kind: Hashable
    write_many: WriteMany
    item: Any
    done: asyncio.Future[Any]


class GroupCommit:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        max_batch: int = MAX_BATCH,
        linger: float = LINGER_SECONDS,
        parallel: int = 1,
    ) -> None:
        self._sessions = sessions  # SQLite's take the process's write lock in begin()
        self._max_batch = max_batch
        self._linger = linger
        # transactions at once: one for SQLite (one writer); a few for PostgreSQL, whose round
        # trips would otherwise queue every message's writes behind one another
        self._parallel = max(1, parallel)
        self._queue: list[_Write] = []
        self._flushers: set[asyncio.Task[None]] = set()
        self._gathering = 0  # flushers waiting for more writes before they begin: they take this one
        self.batches = 0  # transactions committed, and writes in them
        self.writes = 0

    async def write(self, kind: Hashable, write_many: WriteMany, item: Any) -> Any:
        """`item` written by `write_many` (with the others of its `kind` in the batch); its result."""
        done: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        done.add_done_callback(_retrieved)  # a caller gone (timed out) leaves no unretrieved error behind
        self._queue.append(_Write(kind, write_many, item, done))
        if not self._gathering and len(self._flushers) < self._parallel:
            flusher = asyncio.create_task(self._flush())
            self._flushers.add(flusher)
            flusher.add_done_callback(self._flushers.discard)
        # a caller that stops waiting (a timeout) leaves the batch to go on without it
        return await asyncio.shield(done)

    async def _flush(self) -> None:
        while self._queue:
            if self._linger > 0 and len(self._queue) < self._max_batch:
                self._gathering += 1
                try:
                    await asyncio.sleep(self._linger)
                finally:
                    self._gathering -= 1
            if not self._queue:
                break
            batch, self._queue = self._queue[: self._max_batch], self._queue[self._max_batch :]
            try:
                results = await self._commit(batch)
            except Exception as exc:
                if len(batch) == 1 or _unreachable(exc):  # the database, not a row: all fail alike, at once
                    for write in batch:
                        _settle(write, error=exc)
                    continue
                for write in batch:  # one bad row fails its own caller only
                    try:
                        [result] = await self._commit([write])
                    except Exception as alone:
                        _settle(write, error=alone)
                    else:
                        _settle(write, result=result)
                continue
            for write, result in zip(batch, results, strict=True):
                _settle(write, result=result)

    async def _commit(self, batch: list[_Write]) -> list[Any]:
        kinds: dict[Hashable, list[int]] = {}
        for position, write in enumerate(batch):
            kinds.setdefault(write.kind, []).append(position)
        results: list[Any] = [None] * len(batch)
        async with self._sessions.begin() as session:
            connection = await session.connection()
            for positions in kinds.values():
                write_many = batch[positions[0]].write_many
                outcome = await write_many(connection, [batch[p].item for p in positions])
                for position, result in zip(positions, outcome, strict=True):
                    results[position] = result
        self.batches += 1
        self.writes += len(batch)
        return results

    async def close(self) -> None:
        """Let the writes queued so far finish."""
        while self._flushers:
            with contextlib.suppress(Exception):
                await asyncio.gather(*self._flushers)


def _unreachable(exc: BaseException) -> bool:
    """The database is down, hangs or dropped the connection (rather than refusing one row)."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, OperationalError | InterfaceError | TimeoutError | OSError | ConnectionError)


def _retrieved(done: asyncio.Future[Any]) -> None:
    if not done.cancelled():
        done.exception()


def _settle(write: _Write, *, result: Any = None, error: BaseException | None = None) -> None:
    if write.done.done():
        return
    if error is not None:
        write.done.set_exception(error)
    else:
        write.done.set_result(result)


class BatchedRepository:
    """A repository whose writes go through a group commit: the store's, shared by all of them,
    or its own when built alone (in a test, a command)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        hasher: IdHasher,
        clock: Clock,
        writes: GroupCommit | None = None,
    ) -> None:
        self._sessions = sessions
        self._hasher = hasher
        self._clock = clock
        self._writes = writes or GroupCommit(sessions)
