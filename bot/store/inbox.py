"""The inbox: every update a platform was told we have, kept until it is answered.

A webhook answers 200 only once its update is here, so a replica that dies holding it loses
nothing: its lease runs out and any replica (itself after a restart) takes the update again.
Each update is in once (the door and the platform's update id are unique), which also answers
a redelivery once. A chat's updates are taken one at a time, in the order they came, whichever
replica takes them: only the oldest unanswered update of a chat can be taken, and the next one
only after it is done. The reply is written here before it is sent (the outbox), so a reply
computed but not sent when a process died is sent by the next one, not computed again.

On PostgreSQL, replicas take updates with ``FOR UPDATE SKIP LOCKED``; SQLite serves one process.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import aliased

from bot.store.conflicts import dialect_insert
from bot.store.group_commit import BatchedRepository
from bot.store.models import InboxItem
from bot.store.sanitize import check_label

log = logging.getLogger(__name__)

KEEP_DONE_SECONDS = 24 * 3600.0  # a redelivery comes within minutes; a day is ample


@dataclass(frozen=True)
class Taken:
    """An update leased to one replica: handle it, then finish it (or it is taken again)."""

    id: int
    door: str
    payload: dict[str, Any]
    reply: dict[str, Any] | None  # already computed by a replica that died before sending it
    attempts: int  # this one included


class InboxRepository(BatchedRepository):  # an update in, its reply, its end: batched
    async def put(self, door: str, update_key: str, chat: str, payload: dict[str, Any]) -> bool:
        """Keep an update; False when it is already here (a redelivery)."""
        check_label("door", door)
        row = {
            "door": door,
            "update_key": update_key[:128],
            "chat_hash": self._hasher.digest("chat", door, chat),
            "payload": json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
            "received_at": self._clock(),
            "attempts": 0,
        }
        return bool(await self._writes.write("inbox.put", _insert_updates, row))

    async def take(
        self, owner: str, limit: int, lease_seconds: float, doors: Sequence[str] | None = None
    ) -> list[Taken]:
        """Lease up to `limit` updates to `owner` (of `doors` only, when given: those this replica
        can answer now): each the oldest unanswered one of its chat, not leased to a live replica."""
        now = self._clock()
        earlier = aliased(InboxItem)
        free = or_(InboxItem.lease_until.is_(None), InboxItem.lease_until < now)
        heads = (
            select(InboxItem.id)
            .where(InboxItem.done_at.is_(None), free)
            .where(
                ~select(earlier.id)
                .where(
                    earlier.chat_hash == InboxItem.chat_hash,
                    earlier.done_at.is_(None),
                    earlier.id < InboxItem.id,
                )
                .exists()
            )
            .order_by(InboxItem.id)
            .limit(limit)
            .correlate(None)  # its own rows, not the UPDATE's it is put in
        )
        if doors is not None:
            heads = heads.where(InboxItem.door.in_(list(doors)))
        async with self._sessions.begin() as session:
            if session.get_bind().dialect.name == "postgresql":
                heads = heads.with_for_update(skip_locked=True, of=InboxItem)
            # one statement, so that SQLite takes its write lock at once (a read then a write in
            # one transaction cannot wait for the lock: "database is locked")
            rows = await session.execute(
                update(InboxItem)
                .where(InboxItem.id.in_(heads.scalar_subquery()), InboxItem.done_at.is_(None), free)
                .values(lease_owner=owner, lease_until=now + lease_seconds, attempts=InboxItem.attempts + 1)
                .returning(InboxItem.id, InboxItem.door, InboxItem.payload, InboxItem.reply, InboxItem.attempts)
                .execution_options(synchronize_session=False)
            )
            taken = [
                Taken(
                    id=row.id,
                    door=row.door,
                    payload=json.loads(row.payload or "{}"),
                    reply=json.loads(row.reply) if row.reply else None,
                    attempts=row.attempts,
                )
                for row in rows
            ]
        return sorted(taken, key=lambda t: t.id)

    async def renew(self, owner: str, ids: list[int], lease_seconds: float) -> None:
        """Keep the leases of updates still being handled."""
        await self._set_mine(owner, ids, lease_until=self._clock() + lease_seconds)

    async def save_reply(self, item: int, owner: str, reply: dict[str, Any]) -> None:
        """The reply, before it is sent: a replica taking the update after a crash sends this one."""
        document = json.dumps(reply, ensure_ascii=False, separators=(",", ":"))
        await self._writes.write("inbox.reply", _save_replies, {"b_id": item, "b_owner": owner, "b_reply": document})

    async def finish(self, item: int) -> None:
        """Answered (or given up on): the payload and reply go; the key stays for redeliveries."""
        await self._writes.write("inbox.finish", _finish_updates, (item, self._clock()))

    async def release(self, owner: str, ids: list[int]) -> None:
        """Give leases back (a replica stopping before it handled them): another takes them now."""
        await self._set_mine(owner, ids, lease_owner=None, lease_until=None)

    async def _set_mine(self, owner: str, ids: list[int], **values: object) -> None:
        """Change the unanswered updates of `ids` that `owner` still holds."""
        if not ids:
            return
        async with self._sessions.begin() as session:
            await session.execute(
                update(InboxItem)
                .where(InboxItem.id.in_(ids), InboxItem.lease_owner == owner, InboxItem.done_at.is_(None))
                .values(**values)
            )

    async def counts(self) -> dict[str, int]:
        """Unanswered updates: in all, and leased to a live replica now."""
        now = self._clock()
        async with self._sessions() as session:
            pending = await session.scalar(select(func.count()).where(InboxItem.done_at.is_(None)))
            leased = await session.scalar(
                select(func.count()).where(and_(InboxItem.done_at.is_(None), InboxItem.lease_until >= now))
            )
        return {"pending": int(pending or 0), "leased": int(leased or 0)}

    async def purge(self, older_than: float = KEEP_DONE_SECONDS) -> int:
        """Forget updates done more than `older_than` seconds ago."""
        async with self._sessions.begin() as session:
            result = await session.execute(delete(InboxItem).where(InboxItem.done_at < self._clock() - older_than))
            return int(result.rowcount)  # type: ignore[attr-defined]


_INBOX = cast(Table, InboxItem.__table__)


async def _insert_updates(connection: AsyncConnection, rows: list[dict[str, Any]]) -> list[bool]:
    """Many updates in one statement; for each, whether it is new (a redelivery, or the same
    update twice in the batch, is not)."""
    statement = (
        dialect_insert(connection.dialect.name, InboxItem)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["door", "update_key"])
        .returning(InboxItem.door, InboxItem.update_key)
    )
    added = {(row.door, row.update_key) for row in await connection.execute(statement)}
    outcome = []
    for row in rows:
        key = (row["door"], row["update_key"])
        outcome.append(key in added)
        added.discard(key)  # a second copy in the same batch is a redelivery
    return outcome


async def _save_replies(connection: AsyncConnection, rows: list[dict[str, Any]]) -> list[None]:
    await connection.execute(
        update(_INBOX)
        .where(_INBOX.c.id == bindparam("b_id"), _INBOX.c.lease_owner == bindparam("b_owner"))
        .values(reply=bindparam("b_reply")),
        rows,
    )
    return [None] * len(rows)


async def _finish_updates(connection: AsyncConnection, items: list[tuple[int, float]]) -> list[None]:
    await connection.execute(
        update(_INBOX)
        .where(_INBOX.c.id.in_([item for item, _ in items]))
        .values(done_at=max(at for _, at in items), payload=None, reply=None, lease_owner=None, lease_until=None)
    )
    return [None] * len(items)
