"""The fake Telegram Bot API for every test and benchmark that drives the real bot.

It answers the calls python-telegram-bot 22 makes (getMe, webhooks, getUpdates with offsets
and long polling, sendMessage, editMessageText, sendChatAction, answerCallbackQuery, getFile
and downloads, sendDocument, setMyCommands), records what the bot sends, and can:

- hold sendMessage calls behind a gate (all chats, or only those in ``held``), so that a test
  decides exactly when replies complete (no timing assumptions);
- answer every call after a fixed round-trip ``delay``, as the load benchmark needs.

The bot finds it through ``TELEGRAM_BASE_URL=<base_url>`` (python-telegram-bot appends
``<token>/<method>``). Requests come form-encoded, each non-string parameter as JSON, as
python-telegram-bot sends them; JSON bodies and multipart (sendDocument) are accepted too.

Run it inside the test's event loop (``async with fake.running()``) or in a thread of its own
(``with fake.serving():``, for a benchmark that blocks). Alone, it prints its base URL:

    .venv/bin/python -m tests.fakes.telegram_api --port 8081 --delay-ms 60
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import socket
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

JSON = dict[str, Any]
BOT_ID = 123456
USERNAME = "fake_lam_theo_bac_bot"
_STRING_PARAMS = ("text", "url", "secret_token", "caption", "chat_id", "file_id", "callback_query_id")


def bound_socket(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A listening-ready socket on a free port (bound now, so no other process can take it)."""
    # IPPROTO_TCP, not the default 0: asyncio turns Nagle off (TCP_NODELAY) only on sockets whose
    # proto says TCP, and accepted connections inherit it. Without it every response's body waits
    # for the ACK of its headers, which the client's kernel delays by 40 ms under steady traffic.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Sent:
    """One sendMessage as it reached the API."""

    chat_id: int | str
    text: str
    at: float  # time.monotonic() on arrival, before any gate or delay
    markup: JSON | None = None  # the inline keyboard, as sent


@dataclass
class Document:
    chat_id: int
    name: str
    data: bytes


def _chat_id(value: Any) -> int | str:
    text = str(value)
    return int(text) if text.lstrip("-").isdigit() else text


@dataclass
class FakeTelegram:
    port: int = 0  # 0: a free port, bound at once
    delay: float = 0.0  # seconds every call takes, after it is recorded
    gate: asyncio.Event = field(default_factory=asyncio.Event)
    held: set[int] | None = None  # with a set, only these chats wait at the gate
    sent: list[Sent] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    waiting: int = 0  # sendMessage calls held at the gate right now
    abandoned: int = 0  # held calls whose sender was gone when the gate opened: not sent
    updates: list[JSON] = field(default_factory=list)  # waiting for getUpdates
    delivered: int = 0  # updates handed out by getUpdates (each once)
    confirmed: int = 0  # the offset the bot confirmed: updates below it are done with
    delivered_up_to: int = 0
    files: dict[str, bytes] = field(default_factory=dict)  # file_id -> content, for getFile and downloads
    documents: list[Document] = field(default_factory=list)  # what sendDocument sent
    callback_answers: list[str | None] = field(default_factory=list)  # answerCallbackQuery's texts
    webhook: JSON = field(
        default_factory=lambda: {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
    )
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _socket: socket.socket | None = None

    def __post_init__(self) -> None:
        self.gate.set()
        self._socket = bound_socket(port=self.port)
        self.port = int(self._socket.getsockname()[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    def replies_to(self, chat_id: int) -> list[str]:
        return [s.text for s in self.sent_snapshot() if s.chat_id == chat_id]

    def sent_snapshot(self) -> list[Sent]:
        with self._lock:
            return list(self.sent)

    def call_counts(self) -> Counter[str]:
        with self._lock:
            return Counter(self.calls)

    # ------------------------------------------------------------ HTTP

    async def _params(self, request: Request) -> JSON:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith("multipart/form-data"):  # sendDocument
            form = await request.form()
            return {k: v if isinstance(v, str) else (await v.read(), v.filename) for k, v in form.items()}
        body = await request.body()
        if not body:
            return dict(request.query_params)
        if content_type.startswith("application/json"):
            data = json.loads(body)
            return dict(data) if isinstance(data, dict) else {}
        params: JSON = {}
        for key, value in parse_qsl(body.decode(), keep_blank_values=True):
            # python-telegram-bot sends strings as they are and everything else JSON-encoded
            params[key] = value
            if key not in _STRING_PARAMS and value[:1] in "[{":
                with contextlib.suppress(ValueError):
                    params[key] = json.loads(value)
        return params

    async def _method(self, request: Request) -> Response:
        method = request.path_params["method"]
        with self._lock:
            self.calls.append(method)
        params = await self._params(request)
        response = await self._answer(method, params, request)
        if self.delay:
            await asyncio.sleep(self.delay)
        return response

    async def _answer(self, method: str, params: JSON, request: Request | None = None) -> Response:
        if method == "getMe":
            return _ok(
                {
                    "id": BOT_ID,
                    "is_bot": True,
                    "first_name": "Bot",
                    "username": USERNAME,
                    "can_join_groups": True,
                    "can_read_all_group_messages": False,
                    "supports_inline_queries": False,
                }
            )
        if method == "sendMessage":
            sent = await self._send_message(params, request)
            return _ok(sent) if sent is not None else Response(status_code=499)
        if method == "editMessageText":
            if "inline_message_id" in params:
                return _ok(True)
            return _ok(self._message(_chat_id(params.get("chat_id", 0)), str(params.get("text", "")), params))
        if method == "getUpdates":
            return _ok(await self._get_updates(params))
        if method == "getFile":
            file_id = str(params.get("file_id", ""))
            if file_id not in self.files:
                return JSONResponse(
                    {"ok": False, "error_code": 400, "description": "Bad Request: invalid file_id"}, 400
                )
            size = len(self.files[file_id])
            return _ok(
                {"file_id": file_id, "file_unique_id": file_id, "file_size": size, "file_path": f"documents/{file_id}"}
            )
        if method == "sendDocument":
            data, name = params.get("document", (b"", None))
            self.documents.append(Document(int(params.get("chat_id", 0)), str(name), data))
            return _ok({"message_id": next(self._ids), "date": int(time.time()), "chat": {"id": 0, "type": "private"}})
        if method == "answerCallbackQuery":
            self.callback_answers.append(params.get("text"))
            return _ok(True)
        if method == "setWebhook":
            self.webhook = {**self.webhook, "url": str(params.get("url", ""))}
            return _ok(True)
        if method == "deleteWebhook":
            self.webhook = {**self.webhook, "url": ""}
            return _ok(True)
        if method == "getWebhookInfo":
            return _ok(dict(self.webhook))
        if method in ("setMyCommands", "sendChatAction"):
            return _ok(True)
        return JSONResponse({"ok": False, "error_code": 404, "description": "Not Found"}, status_code=404)

    async def _send_message(self, params: JSON, request: Request | None = None) -> JSON | None:
        arrived = time.monotonic()
        chat_id = _chat_id(params.get("chat_id", 0))
        if self.held is None or chat_id in self.held:
            self.waiting += 1
            try:
                await self.gate.wait()
            finally:
                self.waiting -= 1
            if request is not None and await request.is_disconnected():
                # its sender died while the call was held: as if it had never reached Telegram
                self.abandoned += 1
                return None
        text = str(params.get("text", ""))
        markup = params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup) if markup else None
        with self._lock:
            self.sent.append(Sent(chat_id, text, arrived, markup))
        return self._message(chat_id, text, params)

    def _message(self, chat_id: int | str, text: str, params: JSON) -> JSON:
        private = isinstance(chat_id, int) and chat_id > 0
        message: JSON = {
            "message_id": next(self._ids),
            "date": int(time.time()),  # seconds, as the real API
            "chat": {"id": chat_id, "type": "private" if private else "group"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Bot", "username": USERNAME},
            "text": text,
        }
        if isinstance(params.get("reply_markup"), dict):
            message["reply_markup"] = params["reply_markup"]
        return message

    async def _download(self, request: Request) -> Response:
        data = self.files.get(request.path_params["file_id"])
        return Response(data, media_type="application/octet-stream") if data is not None else Response(status_code=404)

    def queue(self, *updates: JSON) -> None:
        self.updates.extend(updates)
        self._arrived.set()

    async def _get_updates(self, params: JSON) -> list[JSON]:
        """Long polling as Telegram does it: updates from `offset` on, or wait up to `timeout`."""
        offset = int(params.get("offset") or 0)
        self.confirmed = max(self.confirmed, offset)
        self.updates = [u for u in self.updates if u["update_id"] >= offset]
        if not self.updates:
            self._arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), timeout=float(params.get("timeout") or 0))
        fresh = [u for u in self.updates if u["update_id"] > self.delivered_up_to]
        self.delivered += len(fresh)
        if fresh:
            self.delivered_up_to = max(u["update_id"] for u in fresh)
        return self.updates[: int(params.get("limit") or 100)]

    # ------------------------------------------------------------ serving

    def _server(self) -> uvicorn.Server:
        app = Starlette(
            routes=[
                Route("/bot{token}/{method}", self._method, methods=["GET", "POST"]),
                Route("/file/bot{token}/documents/{file_id}", self._download, methods=["GET"]),
            ]
        )
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        server = uvicorn.Server(config)
        server.capture_signals = contextlib.nullcontext  # type: ignore[method-assign,assignment]
        return server

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[FakeTelegram]:
        """Served by the test's own event loop."""
        assert self._socket is not None
        server = self._server()
        task = asyncio.create_task(server.serve(sockets=[self._socket]))
        while not server.started:
            if task.done():
                task.result()
            await asyncio.sleep(0.01)
        try:
            yield self
        finally:
            self.gate.set()
            server.should_exit = True
            await task

    @contextlib.contextmanager
    def serving(self) -> Iterator[FakeTelegram]:
        """Served by a thread of its own (the caller may block). The gate is not used here: it
        belongs to the thread's loop."""
        assert self._socket is not None
        server, sock = self._server(), self._socket
        thread = threading.Thread(target=lambda: server.run(sockets=[sock]), name="fake-bot-api", daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the fake Bot API did not start")
            time.sleep(0.01)
        try:
            yield self
        finally:
            server.should_exit = True
            thread.join(timeout=10)


def _ok(result: Any) -> Response:
    return Response(json.dumps({"ok": True, "result": result}), media_type="application/json")


def update(update_id: int, chat_id: int, text: str) -> JSON:
    user = {"id": chat_id, "is_bot": False, "first_name": "Lan"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "text": text,
            "from": user,
            "chat": {"id": chat_id, "type": "private", "first_name": "Lan"},
        },
    }


def document_update(
    update_id: int, chat_id: int, file_id: str, name: str, size: int, caption: str | None = None
) -> JSON:
    """A file sent to the bot in a private chat (file_id must be in FakeTelegram.files to download)."""
    made = update(update_id, chat_id, "")
    message = made["message"]
    del message["text"]
    message["document"] = {"file_id": file_id, "file_unique_id": file_id, "file_name": name, "file_size": size}
    if caption is not None:
        message["caption"] = caption
    return made


def button_update(update_id: int, chat_id: int, data: str) -> JSON:
    """A button under one of the bot's messages, pressed."""
    user = {"id": chat_id, "is_bot": False, "first_name": "Lan"}
    message = {"message_id": 1, "date": int(time.time()), "chat": {"id": chat_id, "type": "private"}, "text": "…"}
    return {
        "update_id": update_id,
        "callback_query": {"id": str(update_id), "from": user, "chat_instance": "1", "message": message, "data": data},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a fake Telegram Bot API on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--delay-ms", type=float, default=60.0)
    args = parser.parse_args()
    api = FakeTelegram(port=args.port, delay=args.delay_ms / 1000)
    with api.serving():
        print(f"TELEGRAM_BASE_URL={api.base_url}", flush=True)
        try:
            while True:
                time.sleep(5)
                print(f"calls: {dict(api.call_counts())}; messages sent: {len(api.sent)}", flush=True)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
