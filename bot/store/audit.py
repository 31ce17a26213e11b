"""The console's audit log: every change a curator makes, who (hashed), what, when, on which version."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.store.clock import Clock, utc
from bot.store.hashing import IdHasher
from bot.store.models import AuditEntry
from bot.store.sanitize import check_label, clean_text


@dataclass(frozen=True)
class Audited:
    at: datetime
    door: str
    user_hash: str
    action: str
    detail: Mapping[str, Any]
    version: int | None


class AuditRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], hasher: IdHasher, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    async def record(
        self, door: str, user_hash: str, action: str, detail: Mapping[str, Any], version: int | None
    ) -> None:
        clean = {k: clean_text(v, 2000) if isinstance(v, str) else v for k, v in detail.items()}
        async with self._sessions.begin() as session:
            session.add(
                AuditEntry(
                    at=utc(self._clock()),
                    door=check_label("door", door),
                    user_hash=user_hash,
                    action=check_label("action", action, 64),
                    detail=clean,
                    version=version,
                )
            )

    async def purge(self, older_than_days: float) -> int:
        """Its details may quote what people typed: the log goes with the questions' retention period."""
        cutoff = utc(self._clock()) - timedelta(days=older_than_days)
        async with self._sessions.begin() as session:
            result = await session.execute(delete(AuditEntry).where(AuditEntry.at < cutoff))
            return int(result.rowcount)  # type: ignore[attr-defined]

    async def recent(self, limit: int = 100) -> list[Audited]:
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        async with self._sessions() as session:
            rows = (await session.execute(query)).scalars().all()
        return [Audited(r.at, r.door, r.user_hash, r.action, r.detail, r.version) for r in rows]
