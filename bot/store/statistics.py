"""The curators' overview in figures: over the last days (Vietnam's calendar), the questions per
day and door, how they were answered, the thumbs per day, and which entries the answers were made of.

What is counted are questions: small talk, invalid input and what was no question at all
(``NOT_QUESTIONS``) are left out, as the report of what the bot could not answer leaves them out.
Days are grouped here rather than in SQL (the backends count dates differently); only the few
columns needed are read, never a question's text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import MappingProxyType

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.store.clock import VIETNAM, Clock, utc
from bot.store.hashing import IdHasher
from bot.store.models import Feedback, Question
from bot.store.questions import NOT_QUESTIONS

SUGGESTED_KIND = "clarify"  # not answered, but the bot offered what it has that comes close
TOP_ENTRIES = 15


@dataclass(frozen=True)
class StoreDay:
    day: date  # a day of Vietnam's calendar
    questions: Mapping[str, int]  # per door: every door of the window, 0 on days it had none
    up: int  # 👍 given that day
    down: int  # 👎 given that day

    @property
    def total(self) -> int:
        return sum(self.questions.values())


@dataclass(frozen=True)
class Outcomes:
    answered: int
    suggested: int  # not answered, suggestions offered instead (kind "clarify")
    declined: int  # every other question not answered

    @property
    def total(self) -> int:
        return self.answered + self.suggested + self.declined


@dataclass(frozen=True)
class EntryCount:
    entry_id: str
    questions: int  # how many questions got an answer (or suggestions) made of this entry


@dataclass(frozen=True)
class EntrySet:
    entry_ids: tuple[str, ...]  # the entries of one answer, as recorded
    questions: int


@dataclass(frozen=True)
class StoreOverview:
    first_day: date
    last_day: date  # today, in Vietnam
    days: tuple[StoreDay, ...]  # every day from first_day to last_day, oldest first
    doors: tuple[str, ...]  # the doors asked through in the window, the busiest first
    outcomes: Outcomes
    entries: tuple[EntryCount, ...]  # the entries most asked about, at most TOP_ENTRIES (top=)
    # every distinct list of entries an answer was made of, the most frequent first: what counts
    # per district needs (a question about two entries of one district is one question about it)
    entry_sets: tuple[EntrySet, ...]

    @property
    def questions(self) -> int:
        return self.outcomes.total

    @property
    def up(self) -> int:
        return sum(d.up for d in self.days)

    @property
    def down(self) -> int:
        return sum(d.down for d in self.days)


def vietnam_day(moment: datetime) -> date:
    return moment.astimezone(VIETNAM).date()


class StatisticsRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], hasher: IdHasher, clock: Clock) -> None:
        self._sessions = sessions
        self._hasher = hasher
        self._clock = clock

    async def overview(self, days: int, *, top: int = TOP_ENTRIES) -> StoreOverview:
        """The last ``days`` days of Vietnam's calendar, today included."""
        if days < 1:
            raise ValueError("days must be at least 1")
        last = vietnam_day(utc(self._clock()))
        first = last - timedelta(days=days - 1)
        start = datetime.combine(first, time(), VIETNAM)
        end = datetime.combine(last + timedelta(days=1), time(), VIETNAM)
        asked = (Question.asked_at >= start, Question.asked_at < end, Question.kind.not_in(NOT_QUESTIONS))
        given = (Feedback.created_at >= start, Feedback.created_at < end)
        async with self._sessions() as session:
            moments = (await session.execute(select(Question.asked_at, Question.door).where(*asked))).all()
            kinds = (
                await session.execute(
                    select(Question.answered, Question.kind, func.count())
                    .where(*asked)
                    .group_by(Question.answered, Question.kind)
                )
            ).all()
            sets = (
                await session.execute(
                    select(Question.entry_ids, func.count()).where(*asked).group_by(Question.entry_ids)
                )
            ).all()
            votes = (await session.execute(select(Feedback.created_at, Feedback.value).where(*given))).all()

        per_door: Counter[str] = Counter(door for _, door in moments)
        doors = tuple(sorted(per_door, key=lambda d: (-per_door[d], d)))
        questions: Counter[tuple[date, str]] = Counter((vietnam_day(at), door) for at, door in moments)
        thumbs: Counter[tuple[date, int]] = Counter((vietnam_day(at), value) for at, value in votes)
        daily = tuple(
            StoreDay(
                day=day,
                questions=MappingProxyType({door: questions[day, door] for door in doors}),
                up=thumbs[day, 1],
                down=thumbs[day, -1],
            )
            for day in (first + timedelta(days=i) for i in range(days))
        )
        answers = [EntrySet(tuple(ids), int(n)) for ids, n in sets if ids]
        answers.sort(key=lambda s: (-s.questions, s.entry_ids))
        return StoreOverview(
            first_day=first,
            last_day=last,
            days=daily,
            doors=doors,
            outcomes=_outcomes([(bool(answered), kind, int(n)) for answered, kind, n in kinds]),
            entries=_top_entries(answers, top),
            entry_sets=tuple(answers),
        )


def _outcomes(kinds: Iterable[tuple[bool, str, int]]) -> Outcomes:
    answered = suggested = declined = 0
    for was_answered, kind, n in kinds:
        if was_answered:
            answered += n
        elif kind == SUGGESTED_KIND:
            suggested += n
        else:
            declined += n
    return Outcomes(answered, suggested, declined)


def _top_entries(answers: Iterable[EntrySet], top: int) -> tuple[EntryCount, ...]:
    counts: Counter[str] = Counter()
    for answer in answers:
        for entry_id in dict.fromkeys(answer.entry_ids):  # an entry named twice in one answer counts once
            counts[entry_id] += answer.questions
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return tuple(EntryCount(entry_id, n) for entry_id, n in ranked[: max(top, 0)])
