"""What people say about answers: a thumb up or down, perhaps with words
("sai rồi"), and the report of which answers are most often wrong."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.store.clock import Clock, utc
from bot.store.conflicts import insert
from bot.store.hashing import IdHasher
from bot.store.models import Feedback, Question
from bot.store.sanitize import check_label, clean_text

MAX_COMMENT_CHARS = 2000


@dataclass(frozen=True)
class WrongAnswer:
    entry_ids: tuple[str, ...]  # the entries the answer was made of; () for a refusal
    count: int  # thumbs down on answers made of exactly these entries
    example: str  # the latest question that got such an answer and a thumb down
    versions: tuple[int, ...] = ()  # the knowledge versions that gave those answers


@dataclass(frozen=True)
class FeedbackComment:
    question_id: int
    question: str
    value: int
    comment: str
    created_at: datetime


@dataclass(frozen=True)
class FeedbackReport:
    up: int
    down: int
    wrong: tuple[WrongAnswer, ...]  # most often marked wrong first
    comments: tuple[FeedbackComment, ...]  # the latest first


class FeedbackRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], hasher: IdHasher, clock: Clock) -> None:
        self._sessions = sessions
        self._hasher = hasher
        self._clock = clock

    async def record(
        self,
        question_id: int,
        value: int,
        comment: str | None = None,
        *,
        door: str | None = None,
        user_id: str | int | None = None,
        chat_id: str | int | None = None,
    ) -> int | None:
        """Store feedback on the answer to ``question_id``: +1 or -1, and the
        person's words if any. The same person voting again on the same
        question replaces their vote. With ``chat_id``, only feedback from the
        chat the question was asked in is taken. Returns the feedback's id, or
        None when the question does not exist (purged, or a forged button) or
        was asked in another chat."""
        if value not in (-1, 1):
            raise ValueError(f"feedback value must be +1 or -1, got {value!r}")
        user_hash = self._hasher.user(check_label("door", door), user_id) if door is not None else None
        text = clean_text(comment, MAX_COMMENT_CHARS).strip() if comment else ""
        values = {
            "question_id": question_id,
            "created_at": utc(self._clock()),
            "value": value,
            "comment": text or None,
            "user_hash": user_hash,
        }
        try:
            async with self._sessions.begin() as session:
                question = await session.get(Question, question_id)
                if question is None:
                    return None
                if chat_id is not None and door is not None and question.chat_hash != self._hasher.chat(door, chat_id):
                    return None  # a button forged for someone else's question
                statement = insert(session, Feedback).values(values)
                if user_hash is not None:
                    statement = statement.on_conflict_do_update(
                        index_elements=["question_id", "user_hash"],
                        # a later bare vote the same way keeps the words given with the first
                        set_={
                            "created_at": values["created_at"],
                            "value": values["value"],
                            "comment": case(
                                (statement.excluded.comment.is_not(None), statement.excluded.comment),
                                (Feedback.value == statement.excluded.value, Feedback.comment),
                                else_=None,
                            ),
                        },
                    )
                return int((await session.execute(statement.returning(Feedback.id))).scalar_one())
        except IntegrityError:
            return None  # the question was purged between the check and the insert

    async def report(self, *, since: datetime | None = None, limit: int = 10) -> FeedbackReport:
        recent = Feedback.created_at >= since if since is not None else true()
        async with self._sessions() as session:
            totals = dict(
                (
                    await session.execute(select(Feedback.value, func.count()).where(recent).group_by(Feedback.value))
                ).all()
            )
            down = (
                select(Question.entry_ids, func.count().label("n"), func.max(Feedback.id).label("latest"))
                .join(Question, Question.id == Feedback.question_id)
                .where(recent, Feedback.value == -1)
                .group_by(Question.entry_ids)
                .order_by(func.count().desc(), func.max(Feedback.id).desc())
                .limit(max(limit, 0))
            )
            wrong = []
            for entry_ids, count, latest in (await session.execute(down)).all():
                example = await session.scalar(
                    select(Question.text)
                    .join(Feedback, Feedback.question_id == Question.id)
                    .where(Feedback.id == latest)
                )
                versions = (
                    await session.execute(
                        select(Question.version)
                        .join(Feedback, Feedback.question_id == Question.id)
                        .where(recent, Feedback.value == -1, Question.entry_ids == entry_ids)
                        .where(Question.version.is_not(None))
                        .distinct()
                    )
                ).scalars()
                wrong.append(
                    WrongAnswer(tuple(entry_ids), int(count), example or "", tuple(sorted(v for v in versions if v)))
                )
            commented = (
                select(Feedback.question_id, Question.text, Feedback.value, Feedback.comment, Feedback.created_at)
                .join(Question, Question.id == Feedback.question_id)
                .where(recent, Feedback.comment.is_not(None))
                .order_by(Feedback.created_at.desc(), Feedback.id.desc())
                .limit(max(limit, 0))
            )
            comments = tuple(
                FeedbackComment(qid, question, value, comment or "", created)
                for qid, question, value, comment, created in (await session.execute(commented)).all()
            )
        return FeedbackReport(
            up=int(totals.get(1, 0)), down=int(totals.get(-1, 0)), wrong=tuple(wrong), comments=comments
        )
