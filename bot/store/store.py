"""The store as the bot uses it: one object, opened at start and closed at
shutdown, holding the engine and one repository per kind of record."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store import migrate
from bot.store.archive import DEFAULT_LIMITS, ArchiveLimits
from bot.store.audit import AuditRepository
from bot.store.clock import Clock, system_clock
from bot.store.console_access import ConsoleAccessRepository
from bot.store.counters import CounterRepository
from bot.store.database import create_engine, enable_wal, session_factory
from bot.store.dismissed import DismissedRepository
from bot.store.feedback import FeedbackRepository
from bot.store.group_commit import GroupCommit
from bot.store.handoffs import HandoffRepository
from bot.store.hashing import IdHasher, load_key
from bot.store.health import StoreHealth
from bot.store.inbox import InboxRepository
from bot.store.key_values import KeyValueRepository
from bot.store.knowledge_versions import KnowledgeVersionRepository
from bot.store.questions import QuestionRepository
from bot.store.retention import DEFAULT_RETENTION_DAYS
from bot.store.statistics import StatisticsRepository
from bot.store.url import database_url, describe

PARALLEL_WRITES = 4  # PostgreSQL: batched transactions at once (of a pool of 10 connections)


class StoreError(RuntimeError):
    """The database cannot be reached or prepared; the message names DATABASE_URL (without its password)."""


class Store:
    def __init__(
        self,
        engine: AsyncEngine,
        hasher: IdHasher,
        *,
        clock: Clock = system_clock,
        retention_days: float = DEFAULT_RETENTION_DAYS,
        limits: ArchiveLimits = DEFAULT_LIMITS,
    ) -> None:
        sessions = session_factory(engine)
        # what every message writes, batched across messages
        writes = GroupCommit(sessions, parallel=1 if engine.dialect.name == "sqlite" else PARALLEL_WRITES)
        self.writes = writes
        self.engine = engine
        self.hasher = hasher
        self.retention_days = retention_days
        self.questions = QuestionRepository(sessions, hasher, clock, writes)
        self.feedback = FeedbackRepository(sessions, hasher, clock)
        self.state = KeyValueRepository(sessions, hasher, clock, writes=writes)
        self.versions = KnowledgeVersionRepository(sessions, hasher, clock, limits)
        self.inbox = InboxRepository(sessions, hasher, clock, writes)
        self.health = StoreHealth()
        self.counters = CounterRepository(sessions, hasher, clock, writes)
        self.console = ConsoleAccessRepository(sessions, hasher, clock)
        self.audit = AuditRepository(sessions, hasher, clock)
        self.dismissed = DismissedRepository(sessions, hasher, clock)
        self.handoffs = HandoffRepository(sessions, hasher, clock)
        self.statistics = StatisticsRepository(sessions, hasher, clock)

    @classmethod
    async def open(
        cls,
        url: str | URL | None = None,
        *,
        clock: Clock = system_clock,
        retention_days: float = DEFAULT_RETENTION_DAYS,
        limits: ArchiveLimits = DEFAULT_LIMITS,
        migrate_schema: bool = True,
    ) -> Store:
        """Connect to ``url`` (a DATABASE_URL value; None or blank: SQLite in
        data/bot.sqlite3), bring the schema up to date and load the hashing key.
        Raises DatabaseUrlError for a bad URL, StoreError when the database
        cannot be reached."""
        resolved = url if isinstance(url, URL) else database_url(url)
        engine = create_engine(resolved)
        try:
            await enable_wal(engine)
            if migrate_schema:
                await migrate.upgrade(engine)
            hasher = IdHasher(await load_key(session_factory(engine)))
        except (OperationalError, DBAPIError, OSError) as exc:
            await engine.dispose()
            raise StoreError(f"DATABASE_URL: không mở được cơ sở dữ liệu {describe(resolved)}: {_reason(exc)}") from exc
        except BaseException:
            await engine.dispose()
            raise
        return cls(engine, hasher, clock=clock, retention_days=retention_days, limits=limits)

    @property
    def shared(self) -> bool:
        """Can several processes use this database at once (PostgreSQL)? SQLite serves one."""
        return self.engine.dialect.name == "postgresql"

    async def purge_questions(self, older_than_days: float | None = None) -> int:
        """Delete questions (and the feedback on them) older than
        ``older_than_days``, by default the retention period; return how many questions."""
        days = self.retention_days if older_than_days is None else older_than_days
        await self.handoffs.purge(days)
        await self.dismissed.purge(days)
        await self.audit.purge(days)
        return await self.questions.purge(days)

    async def close(self) -> None:
        await self.writes.close()
        await self.engine.dispose()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


def _reason(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    return f"{type(original).__name__}: {original}".splitlines()[0]
