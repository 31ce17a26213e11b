"""Who may use the curators' console: one-time sign-in links and the sessions they open.

A link's token and a session's id are random (256 bits) and stored only as SHA-256 hashes, so
the database alone opens nothing. A link works once: taking it is one UPDATE that only the
first request can win, on every replica. Sessions expire; each carries the CSRF token that
every form of the console must send back.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.store.clock import Clock
from bot.store.hashing import IdHasher
from bot.store.models import AdminLink, AdminSession
from bot.store.sanitize import check_label


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Curator:
    """A signed-in curator: the door they asked for the link on, and their id there, hashed."""

    door: str
    user_hash: str


@dataclass(frozen=True)
class ConsoleSession:
    curator: Curator
    csrf: str
    expires_at: float


class ConsoleAccessRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], hasher: IdHasher, clock: Clock) -> None:
        self._sessions = sessions
        self._hasher = hasher
        self._clock = clock

    def curator(self, door: str, user_id: str | int) -> Curator:
        return Curator(check_label("door", door), self._hasher.user(door, user_id) or "")

    async def new_link(self, curator: Curator, valid_seconds: float) -> str:
        """A token for one sign-in within `valid_seconds`."""
        token = secrets.token_urlsafe(32)
        now = self._clock()
        async with self._sessions.begin() as session:
            await session.execute(delete(AdminLink).where(AdminLink.expires_at < now - 86400))
            session.add(
                AdminLink(
                    token_hash=_hash(token),
                    door=curator.door,
                    user_hash=curator.user_hash,
                    created_at=now,
                    expires_at=now + valid_seconds,
                    used_at=None,
                )
            )
        return token

    async def take_link(self, token: str) -> Curator | None:
        """The curator the link was made for, once: a used, expired or unknown token gives None."""
        if not token or len(token) > 128:
            return None
        now = self._clock()
        statement = (
            update(AdminLink)
            .where(AdminLink.token_hash == _hash(token), AdminLink.used_at.is_(None), AdminLink.expires_at > now)
            .values(used_at=now)
            .returning(AdminLink.door, AdminLink.user_hash)
        )
        async with self._sessions.begin() as session:
            row = (await session.execute(statement)).first()
        return None if row is None else Curator(row[0], row[1])

    async def link_state(self, token: str) -> str:
        """ "valid", "used", "expired" or "unknown": what the sign-in page tells the curator."""
        async with self._sessions() as session:
            row = await session.get(AdminLink, _hash(token)) if token and len(token) <= 128 else None
        if row is None:
            return "unknown"
        if row.used_at is not None:
            return "used"
        return "expired" if row.expires_at <= self._clock() else "valid"

    async def open_session(self, curator: Curator, valid_seconds: float) -> tuple[str, ConsoleSession]:
        """(the session id for the cookie, the session)."""
        session_id = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        now = self._clock()
        async with self._sessions.begin() as session:
            await session.execute(delete(AdminSession).where(AdminSession.expires_at < now))
            session.add(
                AdminSession(
                    session_hash=_hash(session_id),
                    csrf=csrf,
                    door=curator.door,
                    user_hash=curator.user_hash,
                    created_at=now,
                    expires_at=now + valid_seconds,
                )
            )
        return session_id, ConsoleSession(curator, csrf, now + valid_seconds)

    async def session(self, session_id: str | None) -> ConsoleSession | None:
        if not session_id or len(session_id) > 128:
            return None
        async with self._sessions() as session:
            row = (
                await session.execute(
                    select(AdminSession).where(
                        AdminSession.session_hash == _hash(session_id), AdminSession.expires_at > self._clock()
                    )
                )
            ).scalar_one_or_none()
        if row is None:
            return None
        return ConsoleSession(Curator(row.door, row.user_hash), row.csrf, row.expires_at)

    async def close_session(self, session_id: str) -> None:
        async with self._sessions.begin() as session:
            await session.execute(delete(AdminSession).where(AdminSession.session_hash == _hash(session_id)))
