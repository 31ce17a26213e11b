"""Knowledge versions: each accepted knowledge directory kept whole, as a zip,
so that every replica can load the same base and an admin can go back to an
earlier one. The directory deployed with the code is version 1."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.store.archive import DEFAULT_LIMITS, ArchiveLimits, check_archive, file_counts, unpack
from bot.store.clock import Clock, utc
from bot.store.hashing import IdHasher
from bot.store.models import KnowledgeVersion
from bot.store.sanitize import check_label, clean_text

INITIAL_NOTE = "bản triển khai ban đầu"
_ATTEMPTS = 5  # two admins saving at the same instant: the loser takes the next number


class VersionConflict(Exception):
    """Another change stored a version after the one a working copy was made from."""


class VersionNotFound(LookupError):
    def __init__(self, number: int) -> None:
        self.number = number
        super().__init__(f"Không có phiên bản kiến thức số {number}")


@dataclass(frozen=True)
class VersionInfo:
    number: int
    created_at: datetime
    sha256: str  # of the zip, which is deterministic: equal files give an equal sha256
    size: int  # bytes of the zip
    author_hash: str | None
    note: str
    counts: dict[str, int]


@dataclass(frozen=True)
class StoredVersion:
    info: VersionInfo
    archive: bytes


class KnowledgeVersionRepository:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        hasher: IdHasher,
        clock: Clock,
        limits: ArchiveLimits = DEFAULT_LIMITS,
    ) -> None:
        self._sessions = sessions
        self._hasher = hasher
        self._clock = clock
        self._limits = limits

    @property
    def limits(self) -> ArchiveLimits:
        """What an archive may hold: zip a directory with these before ``add_archive``."""
        return self._limits

    async def add_archive(
        self,
        archive: bytes,
        *,
        note: str = "",
        door: str | None = None,
        author_id: str | int | None = None,
        counts: Mapping[str, int] | None = None,
        after: int | None = None,
    ) -> VersionInfo:
        """Store a zip (checked as unpacking would check it) as the next version. ``counts``
        (say, articles and entries) defaults to files per top-level folder. With ``after``, it
        must become version ``after + 1``: VersionConflict when another change got there first
        (in this process or another), so that no change silently undoes another."""
        await asyncio.to_thread(check_archive, archive, self._limits)
        if after is not None:
            try:
                return await self._insert(after + 1, archive, note, door, author_id, counts)
            except IntegrityError:
                raise VersionConflict(f"version {after + 1} exists") from None
        for attempt in range(_ATTEMPTS):
            try:
                return await self._insert(None, archive, note, door, author_id, counts)
            except IntegrityError:
                if attempt == _ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    async def ensure_initial(self, archive: bytes, *, counts: Mapping[str, int] | None = None) -> VersionInfo:
        """The newest version; when there is none yet, ``archive`` (the deployed
        knowledge/, zipped) becomes version 1. Replicas starting together store it once."""
        newest = await self.newest()
        if newest is not None:
            return newest
        await asyncio.to_thread(check_archive, archive, self._limits)
        try:
            return await self._insert(1, archive, INITIAL_NOTE, None, None, counts)
        except IntegrityError:
            newest = await self.newest()  # another replica stored it first
            if newest is None:
                raise
            return newest

    async def _insert(
        self,
        number: int | None,
        archive: bytes,
        note: str,
        door: str | None,
        author_id: str | int | None,
        counts: Mapping[str, int] | None,
    ) -> VersionInfo:
        row = KnowledgeVersion(
            created_at=utc(self._clock()),
            sha256=hashlib.sha256(archive).hexdigest(),
            size=len(archive),
            author_hash=self._hasher.user(check_label("door", door), author_id) if door is not None else None,
            note=clean_text(note, 1000),
            counts=dict(counts) if counts is not None else file_counts(archive),
            archive=archive,
        )
        async with self._sessions.begin() as session:
            if number is None:
                number = int(await session.scalar(select(func.max(KnowledgeVersion.number))) or 0) + 1
            row.number = number
            session.add(row)
            await session.flush()
            return _info(row)

    async def history(self) -> list[VersionInfo]:
        """Every version, newest first, without the archives."""
        async with self._sessions() as session:
            rows = (await session.execute(select(*_INFO_COLUMNS).order_by(KnowledgeVersion.number.desc()))).all()
        return [VersionInfo(*row) for row in rows]

    async def newest(self) -> VersionInfo | None:
        async with self._sessions() as session:
            row = (
                await session.execute(select(*_INFO_COLUMNS).order_by(KnowledgeVersion.number.desc()).limit(1))
            ).first()
        return None if row is None else VersionInfo(*row)

    async def get(self, number: int) -> StoredVersion | None:
        async with self._sessions() as session:
            row = await session.get(KnowledgeVersion, number)
            return None if row is None else StoredVersion(_info(row), row.archive)

    async def unpack(self, number: int, target: Path) -> VersionInfo:
        """Write version ``number``'s files into ``target`` (absent or empty);
        raises VersionNotFound, or ArchiveError for an unsafe archive."""
        stored = await self.get(number)
        if stored is None:
            raise VersionNotFound(number)
        await asyncio.to_thread(unpack, stored.archive, target, self._limits)
        return stored.info


_INFO_COLUMNS = (
    KnowledgeVersion.number,
    KnowledgeVersion.created_at,
    KnowledgeVersion.sha256,
    KnowledgeVersion.size,
    KnowledgeVersion.author_hash,
    KnowledgeVersion.note,
    KnowledgeVersion.counts,
)


def _info(row: KnowledgeVersion) -> VersionInfo:
    return VersionInfo(row.number, row.created_at, row.sha256, row.size, row.author_hash, row.note, dict(row.counts))
