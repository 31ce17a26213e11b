"""The outbox's hook in a door: a reply is handed to the journal before it is sent.

The runtime sets a journal for the update being handled (the inbox, which keeps the reply until
it is sent, so that a process dying between computing and sending does not lose it); a door
calls ``before_sending`` with each reply. With no journal set, nothing is kept.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Protocol

from bot.chat.messages import Reply


class Journal(Protocol):
    async def keep(self, reply: Reply) -> None: ...


current: ContextVar[Journal | None] = ContextVar("journal", default=None)


async def before_sending(reply: Reply) -> None:
    journal = current.get()
    if journal is not None:
        await journal.keep(reply)
