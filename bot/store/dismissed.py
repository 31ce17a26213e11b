"""Unanswered questions a curator marked "not for this bot": left out of the lists of gaps."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.language.folding import tokens
from bot.store.clock import Clock, utc
from bot.store.conflicts import insert
from bot.store.hashing import IdHasher
from bot.store.models import DismissedQuestion
from bot.store.sanitize import clean_text


def wording_key(text: str) -> str:
    """One key for every spelling of a wording: folded (no case, diacritics or punctuation)."""
    return hashlib.sha256(" ".join(tokens(text)).encode("utf-8")).hexdigest()


class DismissedRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], hasher: IdHasher, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    async def dismiss(self, texts: list[str], user_hash: str) -> None:
        async with self._sessions.begin() as session:
            for text in texts:
                await session.execute(
                    insert(session, DismissedQuestion)
                    .values(
                        key_hash=wording_key(text),
                        text=clean_text(text, 1000),
                        at=utc(self._clock()),
                        user_hash=user_hash,
                    )
                    .on_conflict_do_nothing()
                )

    async def purge(self, older_than_days: float) -> int:
        """The wordings are what people typed: they go with the questions' retention period."""
        cutoff = utc(self._clock()) - timedelta(days=older_than_days)
        async with self._sessions.begin() as session:
            result = await session.execute(delete(DismissedQuestion).where(DismissedQuestion.at < cutoff))
            return int(result.rowcount)  # type: ignore[attr-defined]

    async def keys(self) -> set[str]:
        async with self._sessions() as session:
            return set((await session.execute(select(DismissedQuestion.key_hash))).scalars().all())
