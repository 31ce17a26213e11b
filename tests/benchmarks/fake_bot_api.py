"""A fake Telegram Bot API for the load benchmark: the calls python-telegram-bot 22 makes in
webhook mode, each answered after a fixed round-trip delay, every sendMessage recorded.

The bot finds it through ``TELEGRAM_BASE_URL=http://127.0.0.1:PORT/bot`` (python-telegram-bot
appends ``<token>/<method>``). Requests come form-encoded, each non-string parameter as JSON, as
python-telegram-bot sends them; JSON bodies are accepted too.

Run alone (prints its base URL, serves until Ctrl+C):

    .venv/bin/python -m tests.benchmarks.fake_bot_api --port 8081 --delay-ms 60
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
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

JSON = dict[str, Any]


@dataclass(frozen=True)
class Sent:
    """One sendMessage as it reached the API."""

    at: float  # time.monotonic() on arrival, before the simulated delay
    chat_id: int | str
    text: str


def bound_socket(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A listening-ready socket on a free port (bound now, so no other process can take it)."""
    # IPPROTO_TCP, not the default 0: asyncio turns Nagle off (TCP_NODELAY) only on sockets whose
    # proto says TCP, and accepted connections inherit it. Without it every response's body waits
    # for the ACK of its headers, which the client's kernel delays by 40 ms under steady traffic.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def _chat_id(value: Any) -> int | str:
    text = str(value)
    return int(text) if text.lstrip("-").isdigit() else text


class FakeBotApi:
    """The fake API, served by uvicorn in a thread of its own."""

    def __init__(self, delay: float = 0.060, host: str = "127.0.0.1", port: int = 0):
        self.delay = delay
        self.host = host
        self._socket = bound_socket(host, port)
        self.port: int = self._socket.getsockname()[1]
        self.sent: list[Sent] = []
        self.calls: Counter[str] = Counter()
        self.webhook: JSON = {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        self._message_ids = itertools.count(1)
        self._lock = threading.Lock()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._handlers: dict[str, Callable[[str, JSON], Awaitable[Any]]] = {
            "getMe": self._get_me,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._true,
            "sendChatAction": self._true,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "answerCallbackQuery": self._true,
        }

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/bot"

    # ------------------------------------------------------------ lifecycle

    def start(self) -> FakeBotApi:
        app = Starlette(routes=[Route("/bot{token}/{method}", self._endpoint, methods=["GET", "POST"])])
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        self._server = uvicorn.Server(config)
        server, sock = self._server, self._socket
        # outside the main thread uvicorn installs no signal handlers: the benchmark keeps its own
        self._thread = threading.Thread(target=lambda: server.run(sockets=[sock]), name="fake-bot-api", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the fake Bot API did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._socket.close()

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def sent_snapshot(self) -> list[Sent]:
        with self._lock:
            return list(self.sent)

    # ------------------------------------------------------------ HTTP

    async def _endpoint(self, request: Request) -> JSONResponse:
        token, method = request.path_params["token"], request.path_params["method"]
        params = await _parameters(request)
        handler = self._handlers.get(method)
        with self._lock:
            self.calls[method] += 1
        if handler is None:
            return JSONResponse({"ok": False, "error_code": 404, "description": "Not Found"}, status_code=404)
        result = await handler(token, params)  # records on arrival, before the delay
        await asyncio.sleep(self.delay)
        return JSONResponse({"ok": True, "result": result})

    # ------------------------------------------------------------ methods

    def _bot_user(self, token: str) -> JSON:
        bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 1
        return {"id": bot_id, "is_bot": True, "first_name": "Bench", "username": "bench_bot"}

    async def _get_me(self, token: str, params: JSON) -> JSON:
        return {
            **self._bot_user(token),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _true(self, token: str, params: JSON) -> bool:
        return True

    async def _set_webhook(self, token: str, params: JSON) -> bool:
        self.webhook = {**self.webhook, "url": str(params.get("url", ""))}
        if "allowed_updates" in params:
            self.webhook["allowed_updates"] = params["allowed_updates"]
        return True

    async def _delete_webhook(self, token: str, params: JSON) -> bool:
        self.webhook = {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        return True

    async def _get_webhook_info(self, token: str, params: JSON) -> JSON:
        return dict(self.webhook)

    def _message(self, token: str, chat_id: int | str, text: str, params: JSON) -> JSON:
        message: JSON = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),  # seconds, as the real API
            "chat": {"id": chat_id, "type": "private" if isinstance(chat_id, int) and chat_id > 0 else "group"},
            "from": self._bot_user(token),
            "text": text,
        }
        if isinstance(params.get("reply_markup"), dict):
            message["reply_markup"] = params["reply_markup"]
        return message

    async def _send_message(self, token: str, params: JSON) -> JSON:
        arrived = time.monotonic()
        chat_id = _chat_id(params.get("chat_id"))
        text = str(params.get("text", ""))
        with self._lock:
            self.sent.append(Sent(arrived, chat_id, text))
        return self._message(token, chat_id, text, params)

    async def _edit_message_text(self, token: str, params: JSON) -> JSON | bool:
        if "inline_message_id" in params:
            return True
        return self._message(token, _chat_id(params.get("chat_id")), str(params.get("text", "")), params)


async def _parameters(request: Request) -> JSON:
    body = await request.body()
    if not body:
        return dict(request.query_params)
    if request.headers.get("content-type", "").startswith("application/json"):
        data = json.loads(body)
        return data if isinstance(data, dict) else {}
    params: JSON = {}
    for key, value in parse_qsl(body.decode(), keep_blank_values=True):
        # python-telegram-bot sends strings as they are and everything else JSON-encoded
        params[key] = value
        if key not in ("text", "url", "secret_token") and value[:1] in "[{":
            with contextlib.suppress(ValueError):
                params[key] = json.loads(value)
    return params


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a fake Telegram Bot API on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--delay-ms", type=float, default=60.0)
    args = parser.parse_args()
    api = FakeBotApi(delay=args.delay_ms / 1000, port=args.port).start()
    print(f"TELEGRAM_BASE_URL={api.base_url}", flush=True)
    try:
        while True:
            time.sleep(5)
            print(f"calls: {dict(api.calls)}; messages sent: {len(api.sent)}", flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        api.stop()


if __name__ == "__main__":
    main()
