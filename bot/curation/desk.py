"""The curators' desk in the chat: their commands, and the files they send, plugged into the core.

The chat core knows nothing of curation; it asks each desk it was given whether a file is
one to take, and adds the desk's commands to its own. Without a store the desk still
answers its commands (with NO_STORE, or /reload from the knowledge directory).
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.chat.commands import parse
from bot.chat.desk import Core, Handler
from bot.chat.messages import Incoming, Reply
from bot.curation.commands import COMMANDS, CuratorCommand, awaited, upload
from bot.curation.console_link import sign_in_link
from bot.curation.library import KnowledgeLibrary


class CuratorDesk:
    def __init__(self, library: KnowledgeLibrary | None = None, console_url: str | None = None):
        self.library = library
        self.console_url = console_url  # where the curators' console is served (PUBLIC_URL)
        self._commands = {name: self._bound(command) for name, command in COMMANDS.items()}
        self._commands["web"] = self._console_link

    async def _console_link(self, core: Core, msg: Incoming, args: str) -> Reply:
        return await sign_in_link(core, msg, self.console_url)

    def _bound(self, command: CuratorCommand) -> Handler:
        async def handler(core: Core, msg: Incoming, args: str) -> Reply:
            return await command(self.library, core, msg, args)

        return handler

    @property
    def commands(self) -> Mapping[str, Handler]:
        return self._commands

    async def takes_file(self, core: Core, msg: Incoming) -> bool:
        """A curator's update: sent with /capnhat, or right after it, by an admin, with a store."""
        if not core.is_admin(msg) or self.library is None:
            return False
        return parse(msg.text or "") == ("capnhat", "") or await awaited(core, msg)

    async def receive_file(self, core: Core, msg: Incoming) -> Reply:
        assert self.library is not None
        return await upload(self.library, core, msg)
