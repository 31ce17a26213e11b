"""What the chat core lends a command's handler, and what a layer above may plug into the chat.

A handler is a small async function of the core, the message and the command's arguments.
It sees the core through :class:`Core`, so that handlers (the chat's own and the curators')
never import the core itself. A :class:`Desk` is what an upper layer adds: its commands and
the files it takes (the curators' uploads, :mod:`bot.curation.desk`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Protocol

from bot.answering.answerer import Answerer
from bot.chat.key_values import KeyValueStore
from bot.chat.messages import Incoming, Reply
from bot.store import Store


class Core(Protocol):
    """The dialogue core as a handler uses it."""

    answerer: Answerer
    store: Store | None
    state: KeyValueStore

    def is_admin(self, msg: Incoming) -> bool: ...

    async def question(self, msg: Incoming, text: str) -> Reply: ...


Handler = Callable[[Core, Incoming, str], Awaitable[Reply]]


class Desk(Protocol):
    """Commands and file intake that a layer above the chat adds to it."""

    @property
    def commands(self) -> Mapping[str, Handler]: ...

    async def takes_file(self, core: Core, msg: Incoming) -> bool:
        """Is a file in this message one to receive? Doors fetch a file only when it is."""
        ...

    async def receive_file(self, core: Core, msg: Incoming) -> Reply: ...
