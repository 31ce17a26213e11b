"""Running the Telegram door: long polling, or one ASGI web server for webhooks.

Webhook mode follows python-telegram-bot's custom-webhook pattern (its
``starlettebot`` example): the Application runs without an Updater and one
Starlette app on ``$PORT`` serves the Telegram webhook route and ``/healthz``.
That web process is also where a second chat platform's webhook would go.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hmac
import json
import logging
import signal
import sys
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from telegram import Update
from telegram.error import TelegramError

from .. import wiring
from ..dialogue.engine import Engine
from ..knowledge import KnowledgeError
from ..settings import Settings, SettingsError, load_settings, setup_logging
from .telegram import build_application, initialize_with_retry, updates_allowed

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_WEBHOOK_PATH = "/telegram"
PTBApp = Any  # telegram.ext.Application with default type parameters


def webhook_path(webhook_url: str) -> str:
    """The route to serve: WEBHOOK_URL's own path, or /telegram when it has none."""
    path = urlsplit(webhook_url).path.rstrip("/")
    return path or DEFAULT_WEBHOOK_PATH


def public_webhook_url(webhook_url: str) -> str:
    return webhook_url.rstrip("/") + ("" if urlsplit(webhook_url).path.strip("/") else DEFAULT_WEBHOOK_PATH)


def health(engine: Engine, mode: str, webhook: dict[str, Any] | None = None) -> dict[str, Any]:
    kb = engine.kb
    return {
        "status": "ok",
        "mode": mode,
        "knowledge": {
            "loaded": True,
            "articles": len(kb.articles),
            "entries": len(kb.entries),
            "districts": list(kb.districts),
            "loaded_at": kb.loaded_at.isoformat(timespec="seconds"),
        },
        **({"webhook": webhook} if webhook is not None else {}),
    }


def webhook_app(app: PTBApp, engine: Engine, settings: Settings, state: dict[str, Any]) -> Starlette:
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""

    async def telegram(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
            log.warning(
                "Từ chối webhook không có mã bí mật đúng (từ %s)", request.client.host if request.client else "?"
            )
            return JSONResponse({"ok": False, "error": "forbidden"}, status_code=403)
        try:
            data = await request.json()
            update = Update.de_json(data, app.bot)
        except (json.JSONDecodeError, TypeError, KeyError, ValueError) as exc:
            log.warning("Webhook nhận dữ liệu không hợp lệ: %s", exc)
            return JSONResponse({"ok": False, "error": "bad update"}, status_code=400)
        if update is None:
            return JSONResponse({"ok": False, "error": "bad update"}, status_code=400)
        await app.update_queue.put(update)
        return Response(status_code=200)

    async def healthz(request: Request) -> Response:
        return JSONResponse(health(engine, "webhook", state))

    return Starlette(
        routes=[
            Route(webhook_path(settings.webhook_url or ""), telegram, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
        ]
    )


async def register_webhook(app: PTBApp, settings: Settings, state: dict[str, Any]) -> None:
    url = public_webhook_url(settings.webhook_url or "")
    try:
        await app.bot.set_webhook(
            url=url,
            secret_token=settings.webhook_secret.get_secret_value() if settings.webhook_secret else None,
            allowed_updates=updates_allowed(),
        )
        state.update(registered=True, url=url)
        log.info("Đã đăng ký webhook %s", url)
    except TelegramError as exc:
        state.update(registered=False, url=url, error=str(exc))
        log.error("Không đăng ký được webhook %s: %s (vẫn phục vụ, thử lại bằng cách khởi động lại)", url, exc)


@contextlib.asynccontextmanager
async def webhook_running(
    app: PTBApp,
    engine: Engine,
    settings: Settings,
    host: str = "0.0.0.0",
) -> AsyncIterator[uvicorn.Server]:
    """The bot in webhook mode: web server up, webhook registered, until the block ends."""
    state: dict[str, Any] = {"registered": False}
    config = uvicorn.Config(
        webhook_app(app, engine, settings, state),
        host=host,
        port=settings.port,
        log_level=settings.log_level.lower(),
        lifespan="off",
        access_log=False,
    )
    server = uvicorn.Server(config)
    await initialize_with_retry(app)
    await app.start()
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            if task.done():
                task.result()  # the port was taken: say so
                raise RuntimeError("máy chủ web dừng trước khi chạy")
            await asyncio.sleep(0.02)
        await register_webhook(app, settings, state)
        yield server
    finally:
        server.should_exit = True
        with contextlib.suppress(Exception):
            await task
        await app.stop()
        await app.shutdown()


@contextlib.asynccontextmanager
async def polling_running(app: PTBApp, poll_interval: float = 0.0, timeout: float = 10.0) -> AsyncIterator[PTBApp]:
    """The bot in long-polling mode until the block ends (`timeout`: seconds of each long poll)."""
    await initialize_with_retry(app)
    await app.start()
    assert app.updater is not None

    def on_polling_error(exc: TelegramError) -> None:
        # network trouble while polling: the updater retries with backoff by itself
        log.warning("Lỗi khi lấy tin nhắn từ Telegram (sẽ thử lại): %s", exc)

    await app.updater.start_polling(
        poll_interval=poll_interval,
        timeout=dt.timedelta(seconds=timeout),
        allowed_updates=updates_allowed(),
        bootstrap_retries=-1,
        error_callback=on_polling_error,
    )
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


async def _until_signalled() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await stop.wait()


async def _serve(settings: Settings, engine: Engine, webhook: bool) -> None:
    core = wiring.dialogue(engine, settings)
    if webhook:
        app = build_application(core, settings, webhook=True)
        async with webhook_running(app, engine, settings) as server:
            log.info("Chế độ webhook trên cổng %s", settings.port)
            while not server.should_exit:  # uvicorn handles SIGINT/SIGTERM by setting should_exit
                await asyncio.sleep(0.5)
    else:
        app = build_application(core, settings)
        async with polling_running(app):
            log.info("Chế độ long polling")
            await _until_signalled()


def run_from_environment(mode: str | None = None) -> int:
    """`python -m bot run [--webhook|--polling]`: settings from the environment,
    then serve until stopped. Without a mode, WEBHOOK_URL decides."""
    try:
        settings = load_settings()
        settings.token  # noqa: B018 - fails with a message naming TELEGRAM_BOT_TOKEN when unset
        if mode == "webhook" and not settings.webhook_mode:
            raise SettingsError("WEBHOOK_URL: bắt buộc cho chế độ webhook (địa chỉ https công khai của bot)")
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    webhook = settings.webhook_mode if mode is None else mode == "webhook"
    setup_logging(settings)
    try:
        engine = Engine.from_directory(settings.knowledge_dir)
    except KnowledgeError as exc:
        print(f"KNOWLEDGE_DIR={settings.knowledge_dir}: {len(exc.problems)} lỗi:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(settings, engine, webhook))
    return 0
