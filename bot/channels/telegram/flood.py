"""Telegram's flood limits: about 30 messages a second in all, 20 a minute per group.

python-telegram-bot's AIORateLimiter keeps them within one process, and retries a 429 after
its Retry-After. With a store, every message also waits for its turn in counters shared by all
replicas (:class:`SharedSendLimits`), so that two replicas together stay within the limits
rather than sending twice what Telegram allows. Telegram counts messages; a "typing" action or
the answer to a pressed button is not one, so those are not held back behind the messages.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.ext import AIORateLimiter

from bot.store import Store
from bot.store.health import StoreUnavailable

JSONDict = dict[str, Any]
NOT_MESSAGES = frozenset({"sendChatAction", "answerCallbackQuery", "getMe", "setWebhook", "deleteWebhook"})


GROUP_WINDOW_SECONDS = 60.0


class SharedSendLimits:
    """Turns to send, counted in the store for every replica: `per_second` messages a second in
    all, and `per_group_minute` a minute in each group. While the database does not answer, each
    process keeps only its own limits."""

    def __init__(self, store: Store, per_second: float, per_group_minute: int = 20):
        self.store = store
        self.per_second = per_second
        self.per_group_minute = per_group_minute

    async def wait_turn(self, chat_id: object) -> None:
        try:
            await self._wait("telegram:all", 1.0, self.per_second)
            if _is_group(chat_id):
                await self._wait(f"telegram:group:{chat_id}", GROUP_WINDOW_SECONDS, self.per_group_minute)
        except StoreUnavailable:
            return

    async def _wait(self, key: str, seconds: float, limit: float) -> None:
        while True:
            count, ends = await self.store.health.guard(self.store.counters.hit(key, seconds), "counter")
            if count <= limit:
                return
            await asyncio.sleep(max(0.005, ends - time.time()))


def _is_group(chat_id: object) -> bool:
    return str(chat_id).startswith("-")  # groups and channels have negative ids


class FloodLimiter(AIORateLimiter):
    def __init__(self, *, shared: SharedSendLimits | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.shared = shared

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        if endpoint in NOT_MESSAGES:
            return await callback(*args, **kwargs)
        if self.shared is not None:
            await self.shared.wait_turn(data.get("chat_id"))
        return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
