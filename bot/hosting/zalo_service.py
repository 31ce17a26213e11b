"""Running the Zalo door: connecting, webhook or long polling, deduplicating, sending reliably.

Updates go to the shared dispatcher (concurrent across chats, in order within
one); a redelivered update (same ``message_id``) is answered once; replies leave
through an outbox that retries quota (429) and network errors with backoff,
keeping each chat's order, and a send that finally fails is logged without
stopping the door.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import httpx
from starlette.routing import BaseRoute, Route

from bot.channels import journal
from bot.channels.background import Background
from bot.channels.zalo import door as zalo
from bot.channels.zalo.api import (
    QUOTA_EXCEEDED,
    WEBHOOK_SECRET_HEADER,
    ZaloApi,
    ZaloApiError,
    ZaloError,
    is_transient,
)
from bot.channels.zalo.updates import ZaloUpdate, ZaloUpdateError, parse_update
from bot.chat.core import Dialogue
from bot.chat.messages import Reply
from bot.hosting.dispatcher import ChatDispatcher
from bot.hosting.door_holding import hold_the_door
from bot.hosting.inbox_worker import InboxWorker
from bot.hosting.outbox import Outbox
from bot.hosting.retry import Backoff
from bot.hosting.service import ServiceState
from bot.hosting.settings import Settings
from bot.hosting.shared_pause import SharedPause
from bot.hosting.web import Refused, unavailable, webhook_endpoint
from bot.store.door_lock import DoorLock
from bot.store.health import StoreUnavailable
from bot.store.inbox import Taken

log = logging.getLogger(__name__)

T = TypeVar("T")

WEBHOOK_PATH = "/zalo"
SEEN_TTL = 24 * 3600.0  # a redelivery comes within minutes; a day is ample


def zalo_webhook_url(webhook_url: str) -> str:
    """Zalo's webhook on WEBHOOK_URL's host: https://host/zalo."""
    parts = urlsplit(webhook_url)
    return urlunsplit((parts.scheme, parts.netloc, WEBHOOK_PATH, "", ""))


class ZaloService(ServiceState):
    name = "zalo"

    def __init__(
        self,
        settings: Settings,
        webhook: bool,
        dispatcher: ChatDispatcher,
        backoff: Backoff | None = None,
        outbox_delays: tuple[float, float] = (1.0, 30.0),
    ):
        super().__init__(webhook, "chưa kết nối Zalo", backoff)
        self.settings = settings
        self.dispatcher = dispatcher
        self.secret = settings.zalo_webhook_secret.get_secret_value() if settings.zalo_webhook_secret else ""
        limits = httpx.Limits(max_connections=dispatcher.max_concurrent + 8)
        self.http = httpx.AsyncClient(limits=limits, trust_env=False)
        self.api = ZaloApi(settings.zalo_token, settings.zalo_base_url, self.http, timeout=15.0)
        self.pause: SharedPause | None = None  # with a shared store: Zalo's 429 held by every replica
        self.outbox = Outbox(
            self._send_one,
            should_retry=is_transient,
            base_delay=outbox_delays[0],
            max_delay=outbox_delays[1],
            concurrency=dispatcher.max_concurrent,
        )
        self.background = Background(settings.typing_after_seconds)  # "typing…" for a slow answer, never waited for
        self.core: Dialogue | None = None
        self.bot_name: str | None = None
        self._poller: asyncio.Task[None] | None = None
        self.inbox: InboxWorker | None = None  # set by the runtime when it has a store
        self._polling_task: asyncio.Task[None] | None = None

    async def _send_one(self, chat_id: str, text: str) -> object:
        if self.pause is not None:
            await self.pause.wait()
        try:
            return await self.api.send_message(chat_id, text)
        except ZaloApiError as exc:
            if self.pause is not None and exc.error_code == QUOTA_EXCEEDED:
                await self.pause.hold()
            raise

    def use_inbox(self, inbox: InboxWorker) -> None:
        """Updates go through the store's inbox: kept before they are acknowledged, answered once
        (the inbox knows each message id), by whichever replica takes them."""
        self.inbox = inbox
        inbox.register(self.name, self._from_inbox, ready=lambda: self.started and self.core is not None)
        self.lock = DoorLock(inbox.store.engine, "zalo")
        if inbox.store.shared:
            self.pause = SharedPause(inbox.store, "zalo:quota-pause")

    def webhook_url(self) -> str:
        return zalo_webhook_url(self.settings.webhook_url or "")

    async def send_to(self, chat_id: str, reply: Reply) -> None:
        """A message that answers no update (the board's answer to a handed-off question); raises
        when Zalo does not take it, so that the console can say it was not delivered."""
        for text in zalo.render(reply):
            await self._send_one(chat_id, text)

    # ------------------------------------------------------------ lifecycle

    async def start(self, core: Dialogue) -> None:
        self.core = core
        me = await self._retrying("getMe", self.api.get_me)
        self.bot_name = me.account_name
        if self.webhook:
            await self._retrying("setWebhook", lambda: self.api.set_webhook(self.webhook_url(), self.secret))
            self.registered = True
            log.info("Đã đăng ký webhook Zalo %s", self.webhook_url())
        else:
            info = await self._retrying("getWebhookInfo", self.api.get_webhook_info)
            if info.url:  # getUpdates does not work while a webhook is set
                await self._retrying("deleteWebhook", self.api.delete_webhook)
                log.info("Đã gỡ webhook Zalo cũ (%s) để nhận tin bằng long polling", info.url)
            if self.lock is None:
                self._poller = asyncio.create_task(self._poll())
            else:
                self._poller = asyncio.create_task(
                    hold_the_door(self.lock, lambda: self.receiving, self._start_polling, self._stop_polling)
                )
        self.started = True
        self.problem = None

    async def _retrying(self, what: str, call: Callable[[], Awaitable[T]]) -> T:
        """A start-up call, retried with backoff while Zalo is unreachable or busy."""

        def refused(exc: Exception) -> str | None:
            if isinstance(exc, ZaloApiError) and not is_transient(exc) and exc.error_code in (401, 403, 404):
                return f"Zalo từ chối {what}: {exc.description} (ZALO_BOT_TOKEN sai?)"
            return None

        return await self.retrying(f"chưa gọi được Zalo {what}", call, retry_on=ZaloError, fatal=refused)

    async def _start_polling(self) -> None:
        self.polling = True
        self._polling_task = asyncio.create_task(self._poll())

    async def _stop_polling(self) -> None:
        self.polling = False
        task, self._polling_task = self._polling_task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _poll(self) -> None:
        """Long polling: one update per call; a 408 (nothing arrived) is normal."""
        attempt = 0
        while self.receiving and (self.lock is None or self.polling):
            try:
                update = await self.api.get_updates(timeout=int(self.settings.poll_timeout))
                attempt = 0
            except ZaloUpdateError as exc:
                log.warning("Bỏ qua một update Zalo không đọc được: %s", exc)
                continue
            except ZaloError as exc:
                delay = self.backoff.delay(attempt)
                attempt += 1
                log.warning("Lỗi khi lấy tin nhắn từ Zalo (%s); thử lại sau %.0f giây", exc, delay)
                await asyncio.sleep(delay)
                continue
            if update is not None:
                await self._take_in(update)

    async def _take_in(self, update: ZaloUpdate) -> None:
        """A polled update: into the inbox; while the database cannot take it, answered here."""
        if self.inbox is not None:
            with contextlib.suppress(StoreUnavailable):
                await self._keep(update)
                return
        self.dispatcher.submit(f"zalo:{update.chat_id}", lambda: self._handle(update))

    async def _keep(self, update: ZaloUpdate) -> None:
        assert self.inbox is not None
        key = f"{update.chat_id}:{update.message_id}"
        if not await self.inbox.put(self.name, key, update.chat_id, _payload(update)):
            log.info("Bỏ qua update Zalo gửi lại (message_id đã nhận)")

    async def _from_inbox(self, taken: Taken) -> None:
        update = ZaloUpdate.model_validate(taken.payload)
        if taken.reply is not None:  # computed by a replica that died before sending it
            await self._deliver(update, Reply.model_validate(taken.reply))
            return
        await self._handle(update, seen_by_inbox=True)

    async def _deliver(self, update: ZaloUpdate, reply: Reply) -> None:
        await journal.before_sending(reply)
        await self.outbox.send(update.chat_id, zalo.render(reply))
        await self.outbox.settled(update.chat_id)

    async def accept(self, update: ZaloUpdate) -> None:
        """Keep an update in the inbox (StoreUnavailable: the webhook answers 503), or without a
        store queue it for its chat (QueueFull when the dispatcher is full)."""
        if self.inbox is not None:
            await self._keep(update)
        else:
            self.dispatcher.submit(f"zalo:{update.chat_id}", lambda: self._handle(update))

    async def _handle(self, update: ZaloUpdate, seen_by_inbox: bool = False) -> None:
        core = self.core
        assert core is not None
        message = zalo.incoming(update, self.bot_name)
        if message is None:  # nothing is answered, so nothing needs remembering as seen
            log.debug("Bỏ qua sự kiện Zalo không hỗ trợ: %s", update.event_name)
            return
        # Zalo may deliver an update again: each message is answered once. This stays in the door:
        # Telegram's button presses carry the bot's own message's id, the same for every press.
        # (the inbox, when there is one, has already let only the first delivery through)
        seen_key = f"seen:{message.conversation}:{message.message_id}"
        if not seen_by_inbox:
            if await core.state.get(seen_key) is not None:
                log.info("Bỏ qua update Zalo gửi lại (message_id đã trả lời)")
                return
            await core.state.put(seen_key, {"seen": True}, SEEN_TTL)
        async with self.background.unless_quick(
            lambda: self.api.send_chat_action(update.chat_id, "typing"), "sendChatAction"
        ):
            reply = await core.handle(message)
        if seen_by_inbox:
            await self._deliver(update, reply)
        else:
            await self.outbox.send(update.chat_id, zalo.render(reply))

    async def stop_receiving(self) -> None:
        """Polling stops after the long poll in flight (whatever it brings is still handled)."""
        self.receiving = False
        for poller in (self._poller, self._polling_task):
            if poller is None:
                continue
            try:
                await asyncio.wait_for(asyncio.shield(poller), timeout=self.settings.poll_timeout + 5)
            except TimeoutError:
                poller.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await poller

    async def flush(self, timeout: float) -> int:
        report = await self.outbox.drain(timeout)
        return len(report.left)

    async def close(self) -> None:
        if self.lock is not None:
            await self.lock.release()
        await self.http.aclose()

    # ------------------------------------------------------------ webhook

    def routes(self) -> list[BaseRoute]:
        if not self.webhook:
            return []
        endpoint = webhook_endpoint(
            WEBHOOK_SECRET_HEADER,
            self.secret,
            refusal=lambda: unavailable(self.receiving, self.started),
            parse=_parse,
            accept=self.accept,
        )
        return [Route(WEBHOOK_PATH, endpoint, methods=["POST"])]


def _parse(data: Any) -> ZaloUpdate:
    try:
        return parse_update(data)
    except ZaloUpdateError:
        raise Refused(400, "not an update") from None


def _payload(update: ZaloUpdate) -> dict[str, Any]:
    """The update as JSON for the inbox (ZaloUpdate.model_validate reads it back)."""
    data = update.model_dump(mode="json")
    data["message"]["date"] = None  # read back as a time it is not needed for
    return data
