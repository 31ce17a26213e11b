"""Draining on SIGTERM: every host sends it on each deploy and restart, and gives about 30 s.

The runtime stops taking updates (webhooks answer 503 with Retry-After, polling stops), then
every accepted update is finished and every outbox emptied within DRAIN_SECONDS, and only
then does the process exit.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

from bot.hosting.dispatcher import ChatDispatcher
from bot.hosting.service import Service

log = logging.getLogger(__name__)


async def drain(dispatcher: ChatDispatcher, services: Sequence[Service], seconds: float, started: float) -> int:
    """Finish the accepted updates and flush every service's outbox, within ``seconds`` of
    ``started`` (time.monotonic()); how many were left unfinished."""
    pending = dispatcher.pending
    if pending:
        log.info("Đang dừng: còn %d tin nhắn đang xử lý, chờ tối đa %.0f giây", pending, seconds)
    left = await dispatcher.drain(seconds)
    for service in services:
        remaining = max(0.5, seconds - (time.monotonic() - started))
        left += await service.flush(remaining)
    if left:
        log.error("Dừng khi còn %d tin nhắn chưa xử lý xong (quá %.0f giây)", left, seconds)
    else:
        log.info("Đã xử lý xong mọi tin nhắn đã nhận; dừng (%.1f giây)", time.monotonic() - started)
    return left
