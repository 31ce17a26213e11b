"""What one conversation remembers between its turns: the context of the last question, the
choices on offer (picked by number), and the last answer that feedback would rate.

It is one record in the state store, read at most once and written at most once per message:
with a database shared by replicas each is a round trip, and any replica may take the next
message of a conversation. The record lives for CONTEXT_MINUTES after the last turn.
"""

from __future__ import annotations

from typing import Any

from bot.chat.key_values import JSONDict, KeyValueStore


class Memory:
    def __init__(self, state: KeyValueStore, conversation: str, ttl: float):
        self.state = state
        self.key = f"conversation:{conversation}"
        self.ttl = ttl
        self._value: JSONDict | None = None
        self._stored: JSONDict | None = None

    async def _load(self) -> JSONDict:
        if self._value is None:
            stored = await self.state.get(self.key)
            self._stored = dict(stored) if isinstance(stored, dict) else {}
            self._value = dict(self._stored)
        return self._value

    async def context(self) -> JSONDict | None:
        value = (await self._load()).get("context")
        return value if isinstance(value, dict) else None

    async def choices(self) -> list[str]:
        value = (await self._load()).get("choices")
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    async def answered(self) -> int | None:
        value = (await self._load()).get("answered")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    async def quoted(self) -> str | None:
        """The entry whose whole quote "xem trích dẫn" shows: the last answer's cut one."""
        value = (await self._load()).get("quoted")
        return value if isinstance(value, str) else None

    async def remember(self, **fields: Any) -> None:
        """Set fields (context=…, choices=…, answered=…); None or empty forgets one."""
        value = await self._load()
        for name, field in fields.items():
            if field is None or field == []:
                value.pop(name, None)
            else:
                value[name] = field

    async def save(self) -> None:
        """Write the record back, when this message changed it."""
        if self._value is None or self._value == self._stored:
            return
        if self._value:
            await self.state.put(self.key, self._value, self.ttl)
        else:
            await self.state.delete(self.key)
        self._stored = dict(self._value)
