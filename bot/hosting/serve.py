"""`python -m bot run [--webhook|--polling]`: the settings from the environment, then every door until SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import sys

from bot.hosting.runner import Runtime, run_until_signalled
from bot.hosting.settings import SettingsError, load_settings, setup_logging


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
        return asyncio.run(run_until_signalled(Runtime(settings, webhook, use_store=True)))
    return 0
