"""Telegram's flood limits: about 30 messages a second in all, 20 a minute per group.

python-telegram-bot's AIORateLimiter keeps them, and retries a 429 after its
Retry-After. Telegram counts messages; a "typing" action or the answer to a
pressed button is not one, so those are not held back behind the messages.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram.ext import AIORateLimiter

JSONDict = dict[str, Any]
NOT_MESSAGES = frozenset({"sendChatAction", "answerCallbackQuery", "getMe", "setWebhook", "deleteWebhook"})


class FloodLimiter(AIORateLimiter):
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
        return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
