"""A door that keeps the replies in a list: for tests and for embedding the bot in code.

Like Rasa's CollectingOutputChannel: send it messages as any door would, read
what the core answered. No platform, no network.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.channels import plain
from bot.chat.core import Dialogue
from bot.chat.messages import Attachment, Incoming, Reply


@dataclass
class CollectingDoor:
    core: Dialogue
    door: str = "test"
    chat_id: str = "chat"
    user_id: str = "user"
    is_group: bool = False
    is_admin: bool | None = None
    takes_files: bool = False  # like Zalo's bots; Telegram's and the terminal take files
    replies: list[Reply] = field(default_factory=list)

    async def say(self, text: str, **overrides: object) -> Reply:
        return await self._send(text=text, **overrides)

    async def press(self, data: str, **overrides: object) -> Reply:
        return await self._send(action=data, **overrides)

    async def send_media(self, media: str, **overrides: object) -> Reply:
        return await self._send(media=media, **overrides)

    async def send_file(self, name: str, data: bytes, caption: str | None = None, **overrides: object) -> Reply:
        return await self._send(media="file", text=caption, attachment=Attachment(name=name, data=data), **overrides)

    async def _send(self, **fields: object) -> Reply:
        values: dict[str, object] = {
            "door": self.door,
            "chat_id": self.chat_id,
            "user_id": self.user_id,
            "is_group": self.is_group,
            "is_admin": self.is_admin,
            "takes_files": self.takes_files,
            **fields,
        }
        reply = await self.core.handle(Incoming.model_validate(values))
        self.replies.append(reply)
        return reply

    @property
    def last_text(self) -> str:
        return plain.text(self.replies[-1]) if self.replies else ""
