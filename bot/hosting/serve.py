"""`python -m bot run [--webhook|--polling]`: the settings from the environment, then every door until SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Coroutine
from typing import Any

from bot.hosting.runner import Runtime
from bot.hosting.settings import SettingsError, load_settings, setup_logging

log = logging.getLogger(__name__)


def run_from_environment(mode: str | None = None) -> int:
    """Without a mode, WEBHOOK_URL decides between webhook and polling."""
    try:
        settings = load_settings()
        settings.require_a_door()
        if mode == "webhook" and not settings.webhook_mode:
            raise SettingsError("WEBHOOK_URL: bắt buộc cho chế độ webhook (địa chỉ https công khai của bot)")
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    webhook = settings.webhook_mode if mode is None else mode == "webhook"
    setup_logging(settings)
    with contextlib.suppress(KeyboardInterrupt):
        return _event_loop_run(run_until_signalled(Runtime(settings, webhook, use_store=True)))
    return 0


def _event_loop_run(main: Coroutine[Any, Any, int]) -> int:
    """uvloop's event loop where it is installed (a fraction of asyncio's CPU per callback), else asyncio's."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    return uvloop.run(main)


async def run_until_signalled(runtime: Runtime) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await runtime.start()
    stopping = asyncio.create_task(stop.wait())
    failing = asyncio.create_task(runtime.failed.wait())
    await asyncio.wait({stopping, failing}, return_when=asyncio.FIRST_COMPLETED)
    for task in (stopping, failing):
        task.cancel()
    if runtime.failed.is_set() and not stop.is_set():
        await runtime.shutdown()
        return 1
    log.info("Nhận tín hiệu dừng")
    left = await runtime.shutdown()
    if left:
        # the host must know: a deploy that exits 0 here would hide answers never sent
        log.error("Dừng khi còn %d tin nhắn chưa trả lời xong", left)
        return 1
    return 0
