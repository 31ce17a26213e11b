"""Every question asked, what kind of answer it got, and the report of what
the bot could not answer; old questions are purged.

Chat and user ids are stored only as keyed hashes (``hashing``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Table, delete, func, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.clock import utc
from bot.store.group_commit import BatchedRepository
from bot.store.grouping import DEFAULT_SIMILARITY, Asked, QuestionGroup, group_questions
from bot.store.models import Feedback, Question
from bot.store.sanitize import check_label, clean_text

DECLINED_KIND = "decline"


@dataclass(frozen=True)
class QuestionRecord:
    id: int
    asked_at: datetime
    door: str
    chat_hash: str | None
    user_hash: str | None
    text: str
    kind: str
    answered: bool
    score: float
    entry_ids: tuple[str, ...]
    refusal: str | None = None
    version: int | None = None


NOT_QUESTIONS = ("smalltalk", "invalid", "command", "silent", "limited", "notice")


class QuestionRepository(BatchedRepository):  # questions come with every answer: batched
    async def record(
        self,
        *,
        door: str,
        chat_id: str | int | None,
        user_id: str | int | None,
        text: str,
        kind: str,
        answered: bool,
        score: float = 0.0,
        entry_ids: Sequence[str] = (),
        asked_at: datetime | None = None,
        refusal: str | None = None,
        version: int | None = None,
    ) -> int:
        """Store one question and return its id (for feedback on its answer)."""
        door = check_label("door", door)
        row = {
            "asked_at": asked_at or utc(self._clock()),
            "door": door,
            "chat_hash": self._hasher.chat(door, chat_id),
            "user_hash": self._hasher.user(door, user_id),
            "text": clean_text(text),
            "kind": check_label("kind", kind),
            "answered": answered,
            "score": float(score),
            "entry_ids": [str(e) for e in entry_ids],
            "refusal": check_label("refusal", refusal) if refusal else None,
            "version": version,
        }
        return int(await self._writes.write("questions", _insert_questions, row))

    async def get(self, question_id: int) -> QuestionRecord | None:
        async with self._sessions() as session:
            row = await session.get(Question, question_id)
            return None if row is None else _record(row)

    async def unanswered(
        self,
        *,
        since: datetime | None = None,
        limit: int = 20,
        similarity: float = DEFAULT_SIMILARITY,
        ignore_kinds: tuple[str, ...] = NOT_QUESTIONS,
    ) -> list[QuestionGroup]:
        """Questions declined or not answered (since ``since``), near-duplicates
        grouped, the most frequent groups first, at most ``limit`` groups. Small
        talk and what was no question at all (``ignore_kinds``) are left out."""
        query = select(Question.text, Question.asked_at, Question.user_hash).where(
            or_(Question.answered.is_(False), Question.kind == DECLINED_KIND)
        )
        if ignore_kinds:
            query = query.where(Question.kind.not_in(ignore_kinds))
        if since is not None:
            query = query.where(Question.asked_at >= since)
        async with self._sessions() as session:
            rows = (await session.execute(query)).all()
        return group_questions((Asked(*row) for row in rows), similarity)[: max(limit, 0)]

    async def not_answered(self, *, since: datetime | None = None, limit: int = 5000) -> list[QuestionRecord]:
        """The questions not answered (newest first), with every field: for the console, which
        groups them, folds the intended refusals away and shows the turns before each."""
        query = select(Question).where(or_(Question.answered.is_(False), Question.kind == DECLINED_KIND))
        query = query.where(Question.kind.not_in(("command", "silent", "limited", "notice")))
        if since is not None:
            query = query.where(Question.asked_at >= since)
        query = query.order_by(Question.id.desc()).limit(limit)
        async with self._sessions() as session:
            return [_record(r) for r in (await session.execute(query)).scalars().all()]

    async def before(self, question: QuestionRecord, *, turns: int = 3, within_seconds: float = 1800) -> list[str]:
        """What the same chat asked just before `question` (oldest first), within the context's lifetime."""
        if question.chat_hash is None:
            return []
        query = (
            select(Question.text)
            .where(
                Question.chat_hash == question.chat_hash,
                Question.door == question.door,
                Question.id < question.id,
                Question.asked_at >= question.asked_at - timedelta(seconds=within_seconds),
            )
            .order_by(Question.id.desc())
            .limit(turns)
        )
        async with self._sessions() as session:
            rows = (await session.execute(query)).scalars().all()
        return list(reversed(rows))

    async def count(self) -> int:
        async with self._sessions() as session:
            return int(await session.scalar(select(func.count()).select_from(Question)) or 0)

    async def purge(self, older_than_days: float) -> int:
        """Delete questions asked more than ``older_than_days`` ago, and the
        feedback on them; return how many questions went."""
        if older_than_days < 0:
            raise ValueError("older_than_days must not be negative")
        cutoff = utc(self._clock()) - timedelta(days=older_than_days)
        old = select(Question.id).where(Question.asked_at < cutoff)
        async with self._sessions.begin() as session:
            # explicit rather than trusting ON DELETE CASCADE, which SQLite only
            # honours on connections that turned foreign keys on
            await session.execute(delete(Feedback).where(Feedback.question_id.in_(old)))
            result = await session.execute(delete(Question).where(Question.asked_at < cutoff))
            return int(result.rowcount)  # type: ignore[attr-defined]


def _record(row: Question) -> QuestionRecord:
    return QuestionRecord(
        id=row.id,
        asked_at=row.asked_at,
        door=row.door,
        chat_hash=row.chat_hash,
        user_hash=row.user_hash,
        text=row.text,
        kind=row.kind,
        answered=row.answered,
        score=row.score,
        entry_ids=tuple(row.entry_ids),
        refusal=row.refusal,
        version=row.version,
    )


async def _insert_questions(connection: AsyncConnection, rows: list[dict[str, object]]) -> list[int]:
    table = cast(Table, Question.__table__)
    result = await connection.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return [row.id for row in result]
