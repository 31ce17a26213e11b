"""What the bot did not answer, as curators read it: near-duplicates grouped, most asked first,
the real gaps of the base apart from the refusals on purpose (opinions, instructions, general
knowledge), each question with the turns before it. The console's page and `/chuatraloi` both."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.answering.answer import REFUSED_KINDS
from bot.store import Store
from bot.store.dismissed import wording_key
from bot.store.grouping import Asked, group_questions
from bot.store.questions import QuestionRecord


@dataclass(frozen=True)
class Asking:
    question: QuestionRecord
    before: tuple[str, ...]  # the turns before it, oldest first


@dataclass(frozen=True)
class GapGroup:
    text: str
    count: int
    users: int
    variants: tuple[str, ...]
    last_asked: datetime
    refusal: str | None  # why it was refused on purpose; None for a real gap of the base
    askings: tuple[Asking, ...] = field(default=())


async def unanswered_groups(store: Store, days: int = 30, shown: int = 5) -> tuple[list[GapGroup], list[GapGroup]]:
    """(the real gaps, the intended refusals), near-duplicates grouped, most asked first; groups
    marked "not for this bot" left out. Each group keeps its latest `shown` questions, each with
    the turns before it."""
    since = datetime.now(UTC) - timedelta(days=days)
    rows = await store.questions.not_answered(since=since)
    dismissed = await store.dismissed.keys()
    rows = [r for r in rows if wording_key(r.text) not in dismissed]
    out: tuple[list[GapGroup], list[GapGroup]] = ([], [])
    for refused in (False, True):
        chosen = [r for r in rows if _refused(r) is not None] if refused else [r for r in rows if _refused(r) is None]
        groups = group_questions(Asked(r.text, r.asked_at, r.user_hash) for r in chosen)
        for group in groups:
            members = [r for r in chosen if r.text in group.variants][:shown]
            askings = tuple([Asking(r, tuple(await store.questions.before(r))) for r in members])
            reason = _refused(members[0]) if members else None
            out[refused].append(
                GapGroup(group.text, group.count, group.users, group.variants, group.last_asked, reason, askings)
            )
    return out


def _refused(question: QuestionRecord) -> str | None:
    if question.refusal:
        return question.refusal
    return question.kind if question.kind in REFUSED_KINDS else None  # recorded before reasons were
