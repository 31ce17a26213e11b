"""Running the Telegram door: connecting, webhook or long polling, feeding the dispatcher.

python-telegram-bot parses updates and runs the door's handlers
(``Application.process_update``); what arrives is handed to the shared
dispatcher, so updates are handled concurrently and in order per chat, in
both modes. Telegram being unreachable at start is retried in the background
while ``/healthz`` says so.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from typing import Any
from urllib.parse import urlsplit

from starlette.routing import BaseRoute, Route
from telegram import Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application, ApplicationBuilder

from bot.channels.telegram.door import TelegramDoor, updates_allowed
from bot.channels.telegram.flood import FloodLimiter, SharedSendLimits
from bot.channels.telegram.http_client import AiohttpRequest
from bot.chat.core import Dialogue
from bot.chat.messages import Reply
from bot.hosting.dispatcher import ChatDispatcher
from bot.hosting.door_holding import hold_the_door
from bot.hosting.inbox_worker import InboxWorker
from bot.hosting.retry import Backoff
from bot.hosting.service import ServiceState
from bot.hosting.settings import Settings
from bot.hosting.web import Refused, unavailable, webhook_endpoint
from bot.store.door_lock import DoorLock
from bot.store.health import StoreUnavailable
from bot.store.inbox import Taken

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_WEBHOOK_PATH = "/telegram"
PTBApp = Application[Any, Any, Any, Any, Any, Any]
_END_OF_UPDATES = object()  # put in the update queue to end the consumer once all before it are in


def build_application(
    core: Dialogue, settings: Settings, webhook: bool = False, concurrency: int = 1
) -> Application[Any, Any, Any, Any, Any, Any]:
    door = TelegramDoor(
        core, max_upload=int(settings.max_upload_mb * 1024 * 1024), typing_after=settings.typing_after_seconds
    )
    # with a store, the limits hold for every replica together
    shared = (
        SharedSendLimits(core.store, settings.telegram_max_rate)
        if core.store is not None and core.store.shared and settings.telegram_max_rate > 0
        else None
    )
    limiter = FloodLimiter(overall_max_rate=settings.telegram_max_rate, max_retries=3, shared=shared)
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .post_init(door.post_init)
        .rate_limiter(limiter)
        # every concurrent handler may be sending at once
        .request(AiohttpRequest(concurrency + 8, pool_timeout=30.0))
        .get_updates_request(AiohttpRequest(1))
    )
    if settings.telegram_base_url:
        base = settings.telegram_base_url
        builder = builder.base_url(base).base_file_url(base.replace("/bot", "/file/bot", 1))
    if webhook:
        builder = builder.updater(None)  # updates arrive through our own web server
    app = builder.build()
    door.install(app)
    app.bot_data["door"] = door
    return app


def webhook_path(webhook_url: str) -> str:
    """The route to serve: WEBHOOK_URL's own path, or the door's default when it has none."""
    path = urlsplit(webhook_url).path.rstrip("/")
    return path or DEFAULT_WEBHOOK_PATH


def public_webhook_url(webhook_url: str) -> str:
    base = webhook_url.rstrip("/")
    return base if urlsplit(webhook_url).path.strip("/") else base + DEFAULT_WEBHOOK_PATH


class TelegramService(ServiceState):
    name = "telegram"

    def __init__(self, settings: Settings, webhook: bool, dispatcher: ChatDispatcher, backoff: Backoff | None = None):
        super().__init__(webhook, "chưa kết nối Telegram", backoff)
        self.settings = settings
        self.dispatcher = dispatcher
        self.secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        self.app: PTBApp | None = None
        self.connected = False
        self._consumer: asyncio.Task[None] | None = None
        self.inbox: InboxWorker | None = None  # set by the runtime when it has a store
        self._holder: asyncio.Task[None] | None = None

    def use_inbox(self, inbox: InboxWorker) -> None:
        """Updates go through the store's inbox: kept before they are acknowledged, answered once,
        by whichever replica takes them."""
        self.inbox = inbox
        inbox.register(self.name, self._from_inbox, ready=lambda: self.app is not None and self.connected)
        bot_id = self.settings.token.split(":", 1)[0]
        self.lock = DoorLock(inbox.store.engine, f"telegram:{bot_id}")

    def webhook_url(self) -> str:
        return public_webhook_url(self.settings.webhook_url or "")

    async def send_to(self, chat_id: str, reply: Reply) -> None:
        """A message that answers no update (the board's answer to a handed-off question)."""
        if self.app is None or not self.connected:
            raise RuntimeError("Telegram chưa kết nối")
        door: TelegramDoor = self.app.bot_data["door"]
        await door.send_to(self.app.bot, chat_id, reply)

    # ------------------------------------------------------------ lifecycle

    async def start(self, core: Dialogue) -> None:
        """Connect (retrying while Telegram is unreachable), then register the webhook or start polling."""
        app = build_application(core, self.settings, webhook=self.webhook, concurrency=self.dispatcher.max_concurrent)
        self.app = app
        await self._connect(app)
        if self.webhook:
            await self._register(app)
        else:
            await self._poll(app)
        self.started = True

    async def _connect(self, app: PTBApp) -> None:
        await self.retrying(
            "chưa kết nối được Telegram",
            app.initialize,
            retry_on=NetworkError,  # TimedOut is a NetworkError too
            fatal=lambda exc: (
                "Telegram từ chối token (TELEGRAM_BOT_TOKEN sai?)" if isinstance(exc, InvalidToken) else None
            ),
        )
        if app.post_init is not None:  # Application.run_* would call it; we drive the lifecycle ourselves
            await app.post_init(app)
        self.connected = True
        self.problem = None

    async def _register(self, app: PTBApp) -> None:
        await self.retrying(
            f"chưa đăng ký được webhook {self.webhook_url()}",
            lambda: app.bot.set_webhook(
                url=self.webhook_url(), secret_token=self.secret, allowed_updates=updates_allowed()
            ),
            retry_on=TelegramError,
            level=logging.ERROR,  # a webhook Telegram will not take is mostly a wrong WEBHOOK_URL
        )
        self.registered = True
        log.info("Đã đăng ký webhook %s", self.webhook_url())
        self.problem = None

    async def _poll(self, app: PTBApp) -> None:
        self._consumer = asyncio.create_task(self._consume(app))
        if self.lock is None:
            await self._start_polling(app)
        else:
            self._holder = asyncio.create_task(
                hold_the_door(self.lock, lambda: self.receiving, lambda: self._start_polling(app), self._stop_polling)
            )

    async def _stop_polling(self) -> None:
        self.polling = False
        if self.app is not None and self.app.updater is not None:
            with contextlib.suppress(Exception):
                await self.app.updater.stop()

    async def _start_polling(self, app: PTBApp) -> None:
        assert app.updater is not None
        self.polling = True

        def on_error(exc: TelegramError) -> None:
            log.warning("Lỗi khi lấy tin nhắn từ Telegram (sẽ thử lại): %s", exc)

        await app.updater.start_polling(
            poll_interval=self.settings.poll_interval,
            timeout=dt.timedelta(seconds=self.settings.poll_timeout),
            allowed_updates=updates_allowed(),
            bootstrap_retries=-1,
            error_callback=on_error,
        )

    async def _consume(self, app: PTBApp) -> None:
        """Move what the updater fetched into the inbox (or, without one, the dispatcher)."""
        while True:
            update = await app.update_queue.get()
            if update is _END_OF_UPDATES:
                return
            await self._take_in(app, update)

    async def _take_in(self, app: PTBApp, update: object) -> None:
        """A polled update: into the inbox; while the database cannot take it, answered here
        directly (polling has nobody to refuse it to)."""
        if self.inbox is not None and isinstance(update, Update):
            with contextlib.suppress(StoreUnavailable):
                await self._keep(update)
                return
        self._submit(app, update)

    async def _keep(self, update: Update) -> None:
        assert self.inbox is not None
        chat = update.effective_chat.id if update.effective_chat else f"update:{update.update_id}"
        if not await self.inbox.put(self.name, str(update.update_id), str(chat), update.to_dict()):
            log.info("Bỏ qua update Telegram gửi lại (update_id %s đã nhận)", update.update_id)

    def _submit(self, app: PTBApp, update: object) -> None:
        chat = update.effective_chat.id if isinstance(update, Update) and update.effective_chat else None
        key = f"telegram:{chat}" if chat is not None else f"telegram:update:{id(update)}"
        self.dispatcher.submit(key, lambda: app.process_update(update))

    async def _from_inbox(self, taken: Taken) -> None:
        app = self.app
        assert app is not None  # taken only once connected
        update = Update.de_json(taken.payload, app.bot)
        if update is None:
            return
        if taken.reply is not None:  # computed by a replica that died before sending it
            door: TelegramDoor = app.bot_data["door"]
            await door.send(update, Reply.model_validate(taken.reply))
            return
        await app.process_update(update)

    async def stop_receiving(self) -> None:
        """No more updates: polling stops (every fetched update still gets handled); webhooks get 503."""
        self.receiving = False
        if self._holder is not None:
            self._holder.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._holder
        app = self.app
        if app is None or app.updater is None or not app.updater.running:
            return
        await app.updater.stop()  # confirms the fetched updates to Telegram; they are all in update_queue
        if self._consumer is not None:
            # not cancelled: an update it has taken from the queue may be on its way to the inbox
            await app.update_queue.put(_END_OF_UPDATES)
            await self._consumer
        while not app.update_queue.empty():
            await self._take_in(app, app.update_queue.get_nowait())

    async def flush(self, timeout: float) -> int:
        return 0  # replies are sent by the handlers themselves, within the dispatcher's jobs

    async def close(self) -> None:
        if self.lock is not None:
            await self.lock.release()
        if self.app is not None and self.connected:
            with contextlib.suppress(Exception):
                await self.app.shutdown()

    # ------------------------------------------------------------ webhook

    def routes(self) -> list[BaseRoute]:
        if not self.webhook:
            return []
        endpoint = webhook_endpoint(
            SECRET_HEADER,
            self.secret or "",
            refusal=lambda: unavailable(self.receiving, self.app is not None and self.connected),
            parse=self._update_of,
            accept=self._accept,
        )
        return [Route(webhook_path(self.settings.webhook_url or ""), endpoint, methods=["POST"])]

    def _update_of(self, data: Any) -> Update:
        assert self.app is not None  # refused until connected
        return _parse(data, self.app)

    async def _accept(self, update: Update) -> None:
        assert self.app is not None
        if self.inbox is not None:
            await self._keep(update)  # StoreUnavailable: the webhook answers 503
        else:
            self._submit(self.app, update)


def _parse(data: Any, app: PTBApp) -> Update:
    """An Update, or Refused(400): valid JSON that is not an update is the sender's error, not ours."""
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
        raise Refused(400, "not an update")
    try:
        update = Update.de_json(data, app.bot)
    except Exception as exc:  # the library raises many kinds on malformed fields
        log.warning("Webhook nhận dữ liệu không phải update: %s", type(exc).__name__)
        raise Refused(400, "not an update") from None
    if update is None:
        raise Refused(400, "not an update")
    return update
