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
