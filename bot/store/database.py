"""The async engine and session factory for a store URL.

SQLite is tuned for several processes on one file: WAL lets readers run while
one writer writes, the busy timeout makes a writer wait for the lock instead of
failing at once, and foreign keys are off by default in SQLite. PostgreSQL
connections are pinged before use because hosts close idle ones.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

from bot.store.url import NUMERIC_OPTIONS, is_sqlite

SQLITE_BUSY_TIMEOUT_MS = 10_000
# PostgreSQL: seconds to connect, to run one statement, and to wait for a pooled connection, unless
# DATABASE_URL sets them (?timeout=…&command_timeout=…): a database that hangs must not hang the bot
PG_CONNECT_TIMEOUT = 5.0
PG_COMMAND_TIMEOUT = 10.0
POOL_TIMEOUT = 5.0
_log = logging.getLogger(__name__)


def create_engine(url: URL, *, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> AsyncEngine:
    if is_sqlite(url):
        engine = create_async_engine(url)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
                cursor.execute("PRAGMA synchronous = NORMAL")  # durable enough with WAL, far fewer fsyncs
                cursor.execute("PRAGMA foreign_keys = ON")
            finally:
                cursor.close()

        return engine
    connect_args: dict[str, Any] = {"timeout": PG_CONNECT_TIMEOUT, "command_timeout": PG_COMMAND_TIMEOUT}
    connect_args |= {
        name: convert(str(url.query[name])) for name, convert in NUMERIC_OPTIONS.items() if name in url.query
    }
    return create_async_engine(
        url.difference_update_query(NUMERIC_OPTIONS),
        connect_args=connect_args,
        pool_timeout=POOL_TIMEOUT,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=5,
        pool_recycle=1800,
    )


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # rows handed out are plain values copied before commit, so nothing needs refreshing
    if is_sqlite(engine.url):
        return SerialWrites(engine, expire_on_commit=False)
    return async_sessionmaker(engine, expire_on_commit=False)


class SerialWrites(async_sessionmaker[AsyncSession]):
    """SQLite's sessions, with the process's write transactions (``begin()``) taken one at a
    time. SQLite has one writer at a time; writers that contend for its lock back off in sleeps
    of up to 100 ms each, which at tens of writes a second costs seconds. Queued here, each write
    waits only for the ones before it. (SQLite serves one process; reads still run side by side.)"""

    def __init__(self, engine: AsyncEngine, **options: Any) -> None:
        super().__init__(engine, **options)
        self._writing = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def _serial(self) -> AsyncIterator[AsyncSession]:
        async with self._writing, super().begin() as session:
            yield session

    def begin(self) -> Any:  # the same async context manager as async_sessionmaker.begin()
        return self._serial()


async def enable_wal(engine: AsyncEngine, *, attempts: int = 200, pause: float = 0.05) -> None:
    """Put an SQLite file in WAL mode (once: the mode is stored in the file).

    Switching needs the file to itself, and SQLite reports "database is
    locked" at once instead of waiting, so when processes open a new file
    together the losers retry until the winner has switched it.
    """
    if not is_sqlite(engine.url):
        return
    for attempt in range(attempts):
        try:
            async with engine.connect() as connection:
                mode = str((await connection.exec_driver_sql("PRAGMA journal_mode = WAL")).scalar()).lower()
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            await asyncio.sleep(pause)
            continue
        if mode not in ("wal", "memory"):
            _log.warning("SQLite stays in %s journal mode: several processes will wait on each other", mode)
        return
