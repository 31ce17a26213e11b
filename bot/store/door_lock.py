"""One poller per door: a lock held for as long as a process polls a platform.

Telegram refuses two getUpdates at once for one bot (409 Conflict), so of several ``worker``
replicas only the one holding the door's lock polls; the others answer from the inbox and wait
to take over. On PostgreSQL the lock is a session advisory lock on a connection of its own: it
goes when that process dies (its connection closes), and the next replica to try gets it.
SQLite serves one process, which always holds it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.store.health import STORE_TIMEOUT_SECONDS


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for pg_advisory_lock."""
    return int.from_bytes(hashlib.sha256(f"door:{name}".encode()).digest()[:8], "big", signed=True)


class DoorLock:
    def __init__(self, engine: AsyncEngine, name: str) -> None:
        self.engine = engine
        self.name = name
        self.key = lock_key(name)
        self._connection: AsyncConnection | None = None
        self.held = False

    @property
    def shared(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    async def try_acquire(self) -> bool:
        """True when this process now holds the lock (at once on SQLite)."""
        if not self.shared:
            self.held = True
            return True
        if self.held:
            return True
        connection = await asyncio.wait_for(self.engine.connect(), STORE_TIMEOUT_SECONDS)
        try:
            got = await asyncio.wait_for(
                connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key}),
                STORE_TIMEOUT_SECONDS,
            )
            await connection.commit()
        except BaseException:
            await connection.close()
            raise
        if not got:
            await connection.close()
            return False
        self._connection, self.held = connection, True
        return True

    async def still_held(self) -> bool:
        """Is the lock's connection alive? When it is not, the lock is gone (another may hold it)."""
        if not self.shared:
            return True
        if self._connection is None:
            return False
        try:
            await asyncio.wait_for(self._connection.execute(text("SELECT 1")), STORE_TIMEOUT_SECONDS)
            await self._connection.commit()
        except Exception:
            await self.release()
            return False
        return True

    async def release(self) -> None:
        connection, self._connection, self.held = self._connection, None, False
        if connection is not None:
            with contextlib.suppress(Exception):
                # the database session must end (a pooled connection would keep the lock)
                await connection.invalidate()
            with contextlib.suppress(Exception):
                await connection.close()
