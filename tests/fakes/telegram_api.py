"""A small fake Telegram Bot API for tests that drive the real bot process.

It answers what python-telegram-bot calls in webhook mode, records every
message the bot sends, and can hold sendMessage calls behind a gate, so that
a test decides exactly when replies may complete (no timing assumptions).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import socket
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

BOT_ID = 123456
USERNAME = "fake_lam_theo_bac_bot"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Sent:
    chat_id: int
    text: str
    at: float
    markup: dict[str, Any] | None = None  # the inline keyboard, as sent


@dataclass
class Document:
    chat_id: int
    name: str
    data: bytes


@dataclass
class FakeTelegram:
    port: int = field(default_factory=free_port)
    gate: asyncio.Event = field(default_factory=asyncio.Event)
    sent: list[Sent] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    waiting: int = 0  # sendMessage calls held at the gate right now
    held: set[int] | None = None  # with a set, only these chats wait at the gate
    updates: list[dict[str, Any]] = field(default_factory=list)  # waiting for getUpdates
    delivered: int = 0  # updates handed out by getUpdates (each once)
    confirmed: int = 0  # the offset the bot confirmed: updates below it are done with
    delivered_up_to: int = 0
    files: dict[str, bytes] = field(default_factory=dict)  # file_id -> content, for getFile and downloads
    documents: list[Document] = field(default_factory=list)  # what sendDocument sent
    callback_answers: list[str | None] = field(default_factory=list)  # answerCallbackQuery's texts
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        self.gate.set()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    def replies_to(self, chat_id: int) -> list[str]:
        return [s.text for s in self.sent if s.chat_id == chat_id]

    async def _params(self, request: Request) -> dict[str, Any]:
        if request.headers.get("content-type", "").startswith("multipart/form-data"):  # sendDocument
            form = await request.form()
            return {k: v if isinstance(v, str) else (await v.read(), v.filename) for k, v in form.items()}
        if request.headers.get("content-type", "").startswith("application/json"):
            data = await request.json()
            return dict(data) if isinstance(data, dict) else {}
        # python-telegram-bot posts url-encoded forms
        return {k: v[-1] for k, v in parse_qs((await request.body()).decode()).items()}

    async def _method(self, request: Request) -> Response:
        method = request.path_params["method"]
        self.calls.append(method)
        params = await self._params(request)
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
            chat_id = int(params.get("chat_id", 0))
            if self.held is None or chat_id in self.held:
                self.waiting += 1
                try:
                    await self.gate.wait()
                finally:
                    self.waiting -= 1
            text = str(params.get("text", ""))
            markup = params.get("reply_markup")
            self.sent.append(Sent(chat_id, text, time.monotonic(), json.loads(markup) if markup else None))
            return _ok(
                {
                    "message_id": next(self._ids),
                    "date": int(time.time()),
                    "chat": {"id": chat_id, "type": "private"},
                    "text": text,
                }
            )
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
        if method in ("setWebhook", "deleteWebhook", "setMyCommands", "sendChatAction"):
            return _ok(True)
        if method == "getWebhookInfo":
            return _ok({"url": "", "has_custom_certificate": False, "pending_update_count": 0})
        return JSONResponse({"ok": False, "error_code": 404, "description": "Not Found"}, status_code=404)

    async def _download(self, request: Request) -> Response:
        data = self.files.get(request.path_params["file_id"])
        return Response(data, media_type="application/octet-stream") if data is not None else Response(status_code=404)

    def queue(self, *updates: dict[str, Any]) -> None:
        self.updates.extend(updates)
        self._arrived.set()

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
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

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[FakeTelegram]:
        app = Starlette(
            routes=[
                Route("/bot{token}/{method}", self._method, methods=["GET", "POST"]),
                Route("/file/bot{token}/documents/{file_id}", self._download, methods=["GET"]),
            ]
        )
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        )
        server.capture_signals = contextlib.nullcontext  # type: ignore[method-assign,assignment]
        task = asyncio.create_task(server.serve())
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


def _ok(result: Any) -> Response:
    return Response(json.dumps({"ok": True, "result": result}), media_type="application/json")


def update(update_id: int, chat_id: int, text: str) -> dict[str, Any]:
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
) -> dict[str, Any]:
    """A file sent to the bot in a private chat (file_id must be in FakeTelegram.files to download)."""
    made = update(update_id, chat_id, "")
    message = made["message"]
    del message["text"]
    message["document"] = {"file_id": file_id, "file_unique_id": file_id, "file_name": name, "file_size": size}
    if caption is not None:
        message["caption"] = caption
    return made


def button_update(update_id: int, chat_id: int, data: str) -> dict[str, Any]:
    """A button under one of the bot's messages, pressed."""
    user = {"id": chat_id, "is_bot": False, "first_name": "Lan"}
    message = {"message_id": 1, "date": int(time.time()), "chat": {"id": chat_id, "type": "private"}, "text": "…"}
    return {
        "update_id": update_id,
        "callback_query": {"id": str(update_id), "from": user, "chat_instance": "1", "message": message, "data": data},
    }
