"""Small keyed values with a time to live, behind one interface: what the chat remembers.

Each conversation's memory (:mod:`bot.chat.memory`) and a curator's pending upload live here.
The in-memory store serves one process; the database's (:mod:`bot.store.key_values`), with the
same three methods, lets several replicas serve one bot.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Protocol

from bot.store.health import StoreHealth, StoreUnavailable

JSONDict = dict[str, Any]


class KeyValueStore(Protocol):
    async def get(self, key: str) -> JSONDict | None: ...

    async def put(self, key: str, value: JSONDict, ttl_seconds: float) -> None: ...

    async def delete(self, key: str) -> None: ...


class MemoryKeyValues:
    """A bounded in-process KeyValueStore: the oldest entries go first when it is full."""

    def __init__(self, max_items: int = 50_000, clock: Callable[[], float] = time.monotonic):
        self._items: OrderedDict[str, tuple[float, JSONDict]] = OrderedDict()
        self._max = max_items
        self._clock = clock

    async def get(self, key: str) -> JSONDict | None:
        item = self._items.get(key)
        if item is None:
            return None
        expires, value = item
        if self._clock() >= expires:
            del self._items[key]
            return None
        return value

    async def put(self, key: str, value: JSONDict, ttl_seconds: float) -> None:
        self._items[key] = (self._clock() + ttl_seconds, value)
        self._items.move_to_end(key)
        while len(self._items) > self._max:
            self._items.popitem(last=False)

    async def delete(self, key: str) -> None:
        self._items.pop(key, None)


class GuardedKeyValues:
    """The database's KeyValueStore, off the answer path's critical failures: every call bounded
    in time, and a copy in memory that answers while the database does not. Values written while
    it is down are counted as lost ("state") and live on in this process only."""

    def __init__(self, primary: KeyValueStore, health: StoreHealth, local: MemoryKeyValues | None = None):
        self.primary = primary
        self.health = health
        self.local = local or MemoryKeyValues(max_items=10_000)

    async def get(self, key: str) -> JSONDict | None:
        try:
            return await self.health.guard(self.primary.get(key), "state")
        except StoreUnavailable:
            return await self.local.get(key)

    async def put(self, key: str, value: JSONDict, ttl_seconds: float) -> None:
        await self.local.put(key, value, ttl_seconds)
        try:
            await self.health.guard(self.primary.put(key, value, ttl_seconds), "state")
        except StoreUnavailable:
            self.health.lost["state"] += 1

    async def delete(self, key: str) -> None:
        await self.local.delete(key)
        try:
            await self.health.guard(self.primary.delete(key), "state")
        except StoreUnavailable:
            self.health.lost["state"] += 1
