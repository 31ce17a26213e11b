"""A fake Zalo Bot Platform API for tests: a Starlette app served by uvicorn on 127.0.0.1.

It answers ``POST /bot{token}/{method}`` (GET with query parameters works too) with the real
envelopes, ``{"ok": true, "result": …}`` or ``{"ok": false, "error_code": N, "description": …}``
(HTTP status = error code), and checks what the real API checks:

- an unknown token gets 401, an unknown method 404, a body that is not a JSON object 400;
- ``sendMessage`` needs ``chat_id`` and a ``text`` of 1–2000 characters, else 400;
- ``setWebhook`` needs an http(s) ``url`` and a ``secret_token`` of 8–256 characters, else 400
  (the real one wants https; loopback receivers in tests speak http);
- ``getUpdates`` hands out one queued update per call, waiting up to ``timeout`` seconds for
  one, then answers 408; while a webhook is set it refuses with 409 (modelled on Telegram: Zalo
  documents that it does not work, not how it fails).

The test plays the users: ``push_text`` and friends queue an update for getUpdates, or, when a
webhook is set, POST it to the webhook with ``X-Bot-Api-Secret-Token`` (bare, or wrapped as
``{"ok": true, "result": …}``). The fake keeps every call and, per chat, the messages the bot
sent (with a global sequence number and the time). Faults: ``fail_next_sends(n)`` makes the next
n sendMessage calls answer 429 or drop the connection (a dropped message is not recorded: the
server never got it); ``delay`` slows every call.

Typical use (the ``fake_zalo`` fixture is in ``tests/zalo/conftest.py``)::

    api = ZaloApi(fake_zalo.token, fake_zalo.base_url)
    await fake_zalo.push_text("chat-1", "user-1", "xin chào")
    update = await api.get_updates(timeout=5)
    await api.send_message(update.chat_id, "chào bạn")
    [reply] = await fake_zalo.wait_for_messages("chat-1", 1)
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import re
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

DEFAULT_TOKEN = "1459232241454765289:fAkEtOkEnFoRtEsTsOnLyXyZ0123456789abcdef"
TEXT_LIMIT = 2000
SECRET_MIN, SECRET_MAX = 8, 256
START_TIMEOUT = 10.0
WEBHOOK_TIMEOUT = 10.0
SECRET_HEADER = "X-Bot-Api-Secret-Token"

METHODS = (
    "getMe",
    "getUpdates",
    "setWebhook",
    "deleteWebhook",
    "getWebhookInfo",
    "sendMessage",
    "sendChatAction",
    "sendPhoto",
)
_PATH = re.compile(r"/bot(?P<token>[^/]+)/(?P<method>[A-Za-z]+)")

FaultKind = Literal["quota", "drop"]


@dataclass(frozen=True)
class Call:
    """One request the bot made. ``error_code`` is None for a success; ``dropped`` if the fake hung up."""

    method: str
    params: dict[str, Any]
    at: float  # time.monotonic() when the request arrived
    authorized: bool
    error_code: int | None
    dropped: bool = False


@dataclass(frozen=True)
class BotMessage:
    """A message the bot sent. ``seq`` orders messages across all chats; ``at`` is time.monotonic()."""

    chat_id: str
    text: str  # "" for a photo
    message_id: str
    date: int  # milliseconds, as Zalo dates
    seq: int
    at: float
    photo: str | None = None
    caption: str | None = None


@dataclass(frozen=True)
class Delivery:
    """An update the fake handed to the bot: queued for getUpdates (``webhook_status`` None) or POSTed."""

    update: Any
    wrapped: bool
    webhook_status: int | None
    webhook_body: str | None = None


class WebhookDeliveryError(RuntimeError):
    """The webhook could not be reached."""


class _ApiError(Exception):
    def __init__(self, error_code: int, description: str) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description


class _HangUp(Response):
    """Starts a response and closes the connection halfway through its body: a dropped connection."""

    def __init__(self) -> None:
        super().__init__()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"1000")]})
        await send({"type": "http.response.body", "body": b'{"ok": tr', "more_body": True})
        # returning now makes uvicorn close the transport with the body incomplete


class _QuietHangUps(logging.Filter):
    """Drops uvicorn's complaint about the fake's own deliberate hang-ups."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "without completing response" not in record.getMessage()


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        # Ctrl-C belongs to pytest, not to a server inside a test
        yield


@contextlib.asynccontextmanager
async def serve(app: Callable[..., Any]) -> AsyncIterator[str]:
    """Serve an ASGI ``app`` on 127.0.0.1 at a free port for the duration; yields its base URL."""
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=0,  # the system picks a free port; read back below, so no race with other processes
        lifespan="off",
        http="h11",
        ws="none",
        log_config=None,
        log_level="warning",
        access_log=False,  # request lines carry the bot token
        timeout_graceful_shutdown=2,
    )
    server = _Server(config)
    task = asyncio.create_task(server.serve())
    try:
        async with asyncio.timeout(START_TIMEOUT):
            while not server.started:
                if task.done():
                    task.result()  # raises why it stopped
                    raise RuntimeError("uvicorn stopped before starting")
                await asyncio.sleep(0.01)
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        with contextlib.suppress(Exception):
            await task


async def wait_until(condition: Callable[[], bool], timeout: float = 10.0, what: str = "condition") -> None:
    """Wait until ``condition()`` holds; ``timeout`` only bounds a test that would otherwise hang."""
    try:
        async with asyncio.timeout(timeout):
            while not condition():
                await asyncio.sleep(0.005)
    except TimeoutError:
        raise AssertionError(f"{what}: still false after {timeout} s") from None


class FakeZalo:
    """The fake API's state and the test's side of it (see the module docstring)."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        account_name: str = "bot.HocTapLamTheoBac",
        can_join_groups: bool = True,
    ) -> None:
        self.token = token
        self.bot_id = token.split(":", 1)[0]
        self.account_name = account_name
        self.can_join_groups = can_join_groups
        self.base_url = ""  # set while running
        self.delay = 0.0  # seconds added to every call
        self.delays: dict[str, float] = {}  # per method, on top of ``delay``
        self.webhook_url = ""
        self.webhook_secret = ""
        self.webhook_updated_at = 0
        self.polls_waiting = 0  # getUpdates calls now waiting for an update
        self._faults: dict[str, deque[FaultKind]] = {}
        self._updates: deque[Any] = deque()
        self._update_arrived = asyncio.Event()
        self._closing = asyncio.Event()
        self._calls: list[Call] = []
        self._by_chat: dict[str, list[BotMessage]] = {}
        self._sent: list[BotMessage] = []
        self._sent_changed = asyncio.Condition()
        self._pushed: list[tuple[Any, bool]] = []
        self._ids = itertools.count(1)
        self._http: httpx.AsyncClient | None = None
        self.app = Starlette(routes=[Route("/{path:path}", self._handle, methods=["GET", "POST"])])

    # ------------------------------------------------------------------ lifecycle

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[FakeZalo]:
        """Serve the fake for the duration of the block (``base_url`` is set inside it)."""
        quiet = _QuietHangUps()
        logging.getLogger("uvicorn.error").addFilter(quiet)
        try:
            async with httpx.AsyncClient(timeout=WEBHOOK_TIMEOUT) as http, serve(self.app) as base_url:
                self._http = http
                self.base_url = base_url
                try:
                    yield self
                finally:
                    # wake long polls, so the server does not wait for them to time out
                    self._closing.set()
                    self._update_arrived.set()
        finally:
            self._http = None
            logging.getLogger("uvicorn.error").removeFilter(quiet)

    # ------------------------------------------------------------------ test side: faults

    def fail_next(self, method: str, n: int = 1, kind: FaultKind = "quota") -> None:
        """The next ``n`` calls of ``method`` answer 429 (``quota``) or drop the connection (``drop``)."""
        self._faults.setdefault(method, deque()).extend([kind] * n)

    def fail_next_sends(self, n: int = 1, kind: FaultKind = "quota") -> None:
        """The next ``n`` sendMessage calls answer 429 (``quota``) or drop the connection (``drop``)."""
        self.fail_next("sendMessage", n, kind)

    # ------------------------------------------------------------------ test side: what the bot did

    def calls(self, method: str | None = None) -> list[Call]:
        """Every request the bot made (of ``method``, if given), in the order answered, failures included."""
        return [call for call in self._calls if method is None or call.method == method]

    def messages(self, chat_id: str) -> list[BotMessage]:
        """The messages the bot sent to ``chat_id``, in order."""
        return list(self._by_chat.get(chat_id, []))

    def all_messages(self) -> list[BotMessage]:
        """Every message the bot sent, in the order the fake accepted them."""
        return list(self._sent)

    async def wait_for_messages(self, chat_id: str, n: int, timeout: float = 10.0) -> list[BotMessage]:
        """Wait until the bot has sent ``chat_id`` at least ``n`` messages; returns all it has sent there.

        ``timeout`` only bounds a test that would otherwise hang: missing it is a failure.
        """
        try:
            async with asyncio.timeout(timeout), self._sent_changed:
                await self._sent_changed.wait_for(lambda: len(self._by_chat.get(chat_id, [])) >= n)
        except TimeoutError:
            got = [m.text for m in self.messages(chat_id)]
            problem = f"chat {chat_id}: expected {n} message(s) from the bot, got {len(got)}: {got}"
            raise AssertionError(problem) from None
        return self.messages(chat_id)

    @property
    def pending_updates(self) -> int:
        """Updates queued for getUpdates and not yet handed out."""
        return len(self._updates)

    # ------------------------------------------------------------------ test side: users

    async def push(
        self,
        update: Any,
        *,
        wrapped: bool = False,
        secret: str | None = None,
        with_secret: bool = True,
    ) -> Delivery:
        """Deliver ``update`` (any JSON value: tests may push garbage) as Zalo would.

        With a webhook set it is POSTed there, with the registered secret (or ``secret``; none
        at all if ``with_secret`` is False), wrapped as ``{"ok": true, "result": …}`` if
        ``wrapped``. Without one it waits for getUpdates (``wrapped`` does not apply: the
        getUpdates envelope is the wrapping).
        """
        self._pushed.append((update, wrapped))
        if not self.webhook_url:
            self._updates.append(update)
            self._update_arrived.set()
            return Delivery(update, wrapped, None)
        if self._http is None:
            raise RuntimeError("the fake is not running")
        headers = {}
        if with_secret:
            headers[SECRET_HEADER] = secret if secret is not None else self.webhook_secret
        body = {"ok": True, "result": update} if wrapped else update
        try:
            response = await self._http.post(self.webhook_url, json=body, headers=headers)
        except httpx.HTTPError as error:
            raise WebhookDeliveryError(f"webhook {self.webhook_url} unreachable: {error!r}") from None
        return Delivery(update, wrapped, response.status_code, response.text)

    async def push_text(
        self,
        chat_id: str,
        user_id: str,
        text: str,
        chat_type: str = "PRIVATE",
        message_id: str | int | None = None,
        wrapped: bool = False,
        *,
        display_name: str = "Người dùng Zalo",
    ) -> Delivery:
        """A user's text message (``message.text.received``)."""
        return await self.push(
            self.make_update("message.text.received", chat_id, user_id, chat_type, message_id, display_name, text=text),
            wrapped=wrapped,
        )

    async def push_image(
        self,
        chat_id: str,
        user_id: str,
        photo_url: str = "https://example.invalid/anh.jpg",
        caption: str | None = None,
        chat_type: str = "PRIVATE",
        message_id: str | int | None = None,
        wrapped: bool = False,
    ) -> Delivery:
        """A user's photo (``message.image.received``)."""
        extra: dict[str, Any] = {"photo_url": photo_url}
        if caption is not None:
            extra["caption"] = caption
        return await self.push(
            self.make_update("message.image.received", chat_id, user_id, chat_type, message_id, **extra),
            wrapped=wrapped,
        )

    async def push_sticker(
        self,
        chat_id: str,
        user_id: str,
        sticker: str = "0e078a2fb66a5f34067b",
        chat_type: str = "PRIVATE",
        message_id: str | int | None = None,
        wrapped: bool = False,
    ) -> Delivery:
        """A user's sticker (``message.sticker.received``)."""
        return await self.push(
            self.make_update("message.sticker.received", chat_id, user_id, chat_type, message_id, sticker=sticker),
            wrapped=wrapped,
        )

    async def push_unsupported(
        self,
        chat_id: str,
        user_id: str,
        chat_type: str = "PRIVATE",
        message_id: str | int | None = None,
        wrapped: bool = False,
    ) -> Delivery:
        """Something Zalo does not pass on to bots (voice, file…): ``message.unsupported.received``."""
        return await self.push(
            self.make_update("message.unsupported.received", chat_id, user_id, chat_type, message_id),
            wrapped=wrapped,
        )

    async def redeliver(self, last: int = 1) -> list[Delivery]:
        """Deliver the ``last`` pushed updates again, unchanged and in order, as a platform retrying would."""
        if not 0 < last <= len(self._pushed):
            raise ValueError(f"only {len(self._pushed)} update(s) pushed so far")
        return [await self.push(update, wrapped=wrapped) for update, wrapped in self._pushed[-last:]]

    def make_update(
        self,
        event_name: str,
        chat_id: str,
        user_id: str,
        chat_type: str = "PRIVATE",
        message_id: str | int | None = None,
        display_name: str = "Người dùng Zalo",
        **fields: Any,
    ) -> dict[str, Any]:
        """An update shaped as Zalo sends them, with a fresh message id unless one is given."""
        return {
            "event_name": event_name,
            "message": {
                "from": {"id": user_id, "display_name": display_name, "is_bot": False},
                "chat": {"id": chat_id, "chat_type": chat_type},
                "message_id": message_id if message_id is not None else f"{next(self._ids):020x}",
                "date": _now_ms(),
                **fields,
            },
        }

    # ------------------------------------------------------------------ the API

    async def _handle(self, request: Request) -> Response:
        arrived = time.monotonic()
        match = _PATH.fullmatch(request.url.path)
        if match is None:
            return _error(404, "Not Found")
        method = match["method"]
        try:
            params = await _params(request)
        except _ApiError as error:
            self._record(arrived, method, {}, match["token"] == self.token, error.error_code)
            return _error(error.error_code, error.description)
        if match["token"] != self.token:
            self._record(arrived, method, params, False, 401)
            return _error(401, "Unauthorized")
        if method not in METHODS:
            self._record(arrived, method, params, True, 404)
            return _error(404, f"Not Found: method {method} not found")
        wait = self.delay + self.delays.get(method, 0.0)
        if wait > 0:
            # cut short when the fake stops, so a slowed call never holds up the teardown
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), wait)
        faults = self._faults.get(method)
        if faults:
            kind = faults.popleft()
            if kind == "drop":
                self._record(arrived, method, params, True, None, dropped=True)
                return _HangUp()
            self._record(arrived, method, params, True, 429)
            return _error(429, "Too Many Requests: quota exceeded")
        try:
            result = await getattr(self, f"_api_{method}")(params, request)
        except _ApiError as error:
            self._record(arrived, method, params, True, error.error_code)
            return _error(error.error_code, error.description)
        self._record(arrived, method, params, True, None)
        body: dict[str, Any] = {"ok": True}
        if result is not None:
            body["result"] = result
        return JSONResponse(body)

    def _record(
        self,
        arrived: float,
        method: str,
        params: dict[str, Any],
        authorized: bool,
        error_code: int | None,
        *,
        dropped: bool = False,
    ) -> None:
        self._calls.append(Call(method, params, arrived, authorized, error_code, dropped))

    async def _api_getMe(self, params: dict[str, Any], request: Request) -> Any:
        return {
            "id": self.bot_id,
            "account_name": self.account_name,
            "account_type": "BASIC",
            "can_join_groups": self.can_join_groups,
        }

    async def _api_getUpdates(self, params: dict[str, Any], request: Request) -> Any:
        if self.webhook_url:
            raise _ApiError(409, "Conflict: can't use getUpdates while webhook is active; use deleteWebhook first")
        timeout = _seconds(params.get("timeout", 30))
        update = await self._next_update(timeout)
        if update is None:
            raise _ApiError(408, "Request timeout")
        if await request.is_disconnected():
            # the poller gave up while the update arrived: keep it for the next poll
            self._updates.appendleft(update)
            raise _ApiError(408, "Request timeout")
        return update

    async def _next_update(self, timeout: float) -> Any:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self._updates:
            remaining = deadline - loop.time()
            if remaining <= 0 or self._closing.is_set():
                return None
            self._update_arrived.clear()
            self.polls_waiting += 1
            try:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._update_arrived.wait(), remaining)
            finally:
                self.polls_waiting -= 1
        return self._updates.popleft()

    async def _api_setWebhook(self, params: dict[str, Any], request: Request) -> Any:
        url, secret = params.get("url"), params.get("secret_token")
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            raise _ApiError(400, "Bad Request: url must be an https URL")
        if not isinstance(secret, str) or not SECRET_MIN <= len(secret) <= SECRET_MAX:
            raise _ApiError(400, f"Bad Request: secret_token must be {SECRET_MIN} to {SECRET_MAX} characters")
        self.webhook_url, self.webhook_secret, self.webhook_updated_at = url, secret, _now_ms()
        return {"url": url, "updated_at": self.webhook_updated_at}

    async def _api_deleteWebhook(self, params: dict[str, Any], request: Request) -> Any:
        self.webhook_url, self.webhook_secret, self.webhook_updated_at = "", "", _now_ms()
        return {"url": "", "updated_at": self.webhook_updated_at}

    async def _api_getWebhookInfo(self, params: dict[str, Any], request: Request) -> Any:
        return {"url": self.webhook_url, "updated_at": self.webhook_updated_at}

    async def _api_sendMessage(self, params: dict[str, Any], request: Request) -> Any:
        chat_id = _chat_id(params)
        text = params.get("text")
        if not isinstance(text, str) or not 1 <= len(text) <= TEXT_LIMIT:
            raise _ApiError(400, f"Bad Request: text must be 1 to {TEXT_LIMIT} characters")
        return await self._store(BotMessage(chat_id, text, "", 0, 0, 0.0))

    async def _api_sendPhoto(self, params: dict[str, Any], request: Request) -> Any:
        chat_id = _chat_id(params)
        photo, caption = params.get("photo"), params.get("caption")
        if not isinstance(photo, str) or not photo:
            raise _ApiError(400, "Bad Request: photo is required")
        if caption is not None and (not isinstance(caption, str) or not 1 <= len(caption) <= TEXT_LIMIT):
            raise _ApiError(400, f"Bad Request: caption must be 1 to {TEXT_LIMIT} characters")
        return await self._store(BotMessage(chat_id, "", "", 0, 0, 0.0, photo=photo, caption=caption))

    async def _api_sendChatAction(self, params: dict[str, Any], request: Request) -> Any:
        _chat_id(params)
        if params.get("action") not in ("typing", "upload_photo"):
            raise _ApiError(400, "Bad Request: action must be typing or upload_photo")
        return None

    async def _store(self, draft: BotMessage) -> dict[str, Any]:
        seq = len(self._sent) + 1
        message = BotMessage(
            chat_id=draft.chat_id,
            text=draft.text,
            message_id=f"b{seq:019x}",
            date=_now_ms(),
            seq=seq,
            at=time.monotonic(),
            photo=draft.photo,
            caption=draft.caption,
        )
        self._sent.append(message)
        self._by_chat.setdefault(message.chat_id, []).append(message)
        async with self._sent_changed:
            self._sent_changed.notify_all()
        return {"message_id": message.message_id, "date": message.date}


def _error(code: int, description: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error_code": code, "description": description}, status_code=code)


async def _params(request: Request) -> dict[str, Any]:
    if request.method == "GET":
        return dict(request.query_params)
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        params = json.loads(raw)
    except ValueError:
        raise _ApiError(400, "Bad Request: body is not valid JSON") from None
    if not isinstance(params, dict):
        raise _ApiError(400, "Bad Request: body must be a JSON object")
    return params


def _chat_id(params: dict[str, Any]) -> str:
    chat_id = params.get("chat_id")
    if not isinstance(chat_id, str) or not chat_id:
        raise _ApiError(400, "Bad Request: chat_id is required")
    return chat_id


def _seconds(value: Any) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise _ApiError(400, "Bad Request: timeout must be a number of seconds") from None
    if not 0 <= seconds <= 3600:
        raise _ApiError(400, "Bad Request: timeout must be a number of seconds")
    return seconds


def _now_ms() -> int:
    return int(time.time() * 1000)


__all__ = [
    "DEFAULT_TOKEN",
    "SECRET_HEADER",
    "BotMessage",
    "Call",
    "Delivery",
    "FakeZalo",
    "FaultKind",
    "WebhookDeliveryError",
    "serve",
    "wait_until",
]
