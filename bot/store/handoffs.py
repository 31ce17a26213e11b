"""Questions sent to the board ("Gửi câu hỏi cho cán bộ"), until a curator's answer is delivered.

The chat's real id is kept here, and only here, because the user asked for an answer on their own
door and was told it is kept for that; it is erased once the answer is delivered, and the whole
record goes with the questions' retention period.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.store.clock import Clock, utc
from bot.store.hashing import IdHasher
from bot.store.models import Handoff
from bot.store.sanitize import check_label, clean_text


@dataclass(frozen=True)
class HandoffRecord:
    id: int
    question_id: int | None
    door: str
    chat_id: str | None
    text: str
    before: tuple[str, ...]
    created_at: datetime
    answered_at: datetime | None
    answer: str | None
    delivered: bool


def _record(row: Handoff) -> HandoffRecord:
    return HandoffRecord(
        row.id,
        row.question_id,
        row.door,
        row.chat_id,
        row.text,
        tuple(row.before),
        row.created_at,
        row.answered_at,
        row.answer,
        row.delivered,
    )


class HandoffRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], hasher: IdHasher, clock: Clock) -> None:
        self._sessions = sessions
        self._hasher = hasher
        self._clock = clock

    async def open(
        self, *, door: str, chat_id: str, text: str, before: Sequence[str], question_id: int | None
    ) -> tuple[int, bool]:
        """(the handoff's id, whether it is new): the same question sent twice is one handoff."""
        door = check_label("door", door)
        chat_hash = self._hasher.chat(door, chat_id) or ""
        async with self._sessions.begin() as session:
            if question_id is not None:
                same = await session.scalar(
                    select(Handoff.id).where(Handoff.question_id == question_id, Handoff.chat_hash == chat_hash)
                )
                if same is not None:
                    return int(same), False
            row = Handoff(
                question_id=question_id,
                door=door,
                chat_id=str(chat_id),
                chat_hash=chat_hash,
                text=clean_text(text),
                before=[clean_text(t, 1000) for t in before],
                created_at=utc(self._clock()),
                answered_at=None,
                answer=None,
                answered_by=None,
                delivered=False,
            )
            session.add(row)
            await session.flush()
            return row.id, True

    async def waiting(self, limit: int = 200) -> list[HandoffRecord]:
        """Not answered yet, or answered and not delivered: oldest first."""
        query = select(Handoff).where(Handoff.delivered.is_(False)).order_by(Handoff.id).limit(limit)
        async with self._sessions() as session:
            return [_record(r) for r in (await session.execute(query)).scalars().all()]

    async def answered(self, limit: int = 20) -> list[HandoffRecord]:
        """The latest answers delivered: the console offers to turn them into entries."""
        query = select(Handoff).where(Handoff.delivered.is_(True)).order_by(Handoff.id.desc()).limit(limit)
        async with self._sessions() as session:
            return [_record(r) for r in (await session.execute(query)).scalars().all()]

    async def get(self, handoff_id: int) -> HandoffRecord | None:
        async with self._sessions() as session:
            row = await session.get(Handoff, handoff_id)
            return None if row is None else _record(row)

    async def answer(self, handoff_id: int, text: str, by: str, sending_seconds: float = 60.0) -> HandoffRecord | None:
        """The curator's answer kept (again, if the first could not be delivered) and claimed for
        sending: None when there is no such handoff, it was delivered already, or another
        curator's answer is being sent right now (so the user never gets two)."""
        now = self._clock()
        async with self._sessions.begin() as session:
            result = await session.execute(
                update(Handoff)
                .where(
                    Handoff.id == handoff_id,
                    Handoff.delivered.is_(False),
                    or_(Handoff.sending_until.is_(None), Handoff.sending_until < now),
                )
                .values(
                    answer=clean_text(text),
                    answered_at=utc(now),
                    answered_by=by,
                    sending_until=now + sending_seconds,
                )
                .returning(Handoff.id)
            )
            if result.first() is None:
                return None
            row = await session.get(Handoff, handoff_id)
            return None if row is None else _record(row)

    async def delivered(self, handoff_id: int) -> None:
        """The answer reached the user: their chat id is no longer needed, and goes."""
        async with self._sessions.begin() as session:
            await session.execute(
                update(Handoff).where(Handoff.id == handoff_id).values(delivered=True, chat_id=None, sending_until=None)
            )

    async def not_delivered(self, handoff_id: int) -> None:
        """The answer could not be sent: it stays, for a curator to send again."""
        async with self._sessions.begin() as session:
            await session.execute(update(Handoff).where(Handoff.id == handoff_id).values(sending_until=None))

    async def purge(self, older_than_days: float) -> int:
        cutoff = utc(self._clock()) - timedelta(days=older_than_days)
        async with self._sessions.begin() as session:
            result = await session.execute(delete(Handoff).where(Handoff.created_at < cutoff))
            return int(result.rowcount)  # type: ignore[attr-defined]
