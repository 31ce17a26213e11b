"""Serving the web chat door: the page, the widget, and the JSON API, on the process's one server.

The door itself (bot.channels.web.door) translates and renders; this module is what a web
server adds around it: the static files, a Content-Security-Policy, CORS limited to
WEB_ALLOWED_ORIGINS (and the same check on the server, for clients that are not browsers),
a bounded body, a limit per client address beside the core's per-conversation one, and
503 while the bot starts or drains. A message is answered in its request: nothing waits in
memory that a crash could lose; the page keeps the text and offers to send it again.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from bot.channels.web import door as web
from bot.channels.web import web_texts
from bot.chat.core import Dialogue
from bot.chat.ratelimit import RateLimiter, SharedRateLimiter
from bot.hosting.settings import Settings
from bot.hosting.web import RETRY_AFTER_SECONDS, Refused, json_body
from bot.store import Store

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 8 * 1024  # a message of 1,000 characters is at most 4 KB of UTF-8, escaped
STATIC = ("chat.js", "chat.css")
# the widget and the files it loads go into other sites' pages: what they may reach is decided by
# the API's CORS, not here
_SHARED_FILE = {
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "Cache-Control": "public, max-age=300",
}
_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


def _asset(name: str) -> str:
    return resources.files("bot.channels.web").joinpath("static", name).read_text(encoding="utf-8")


class WebChatService:
    name = "web"

    def __init__(self, settings: Settings):
        self.settings = settings
        self.allowed = frozenset(settings.web_allowed_origins)
        self.core: Dialogue | None = None
        self.receiving = True
        self.addresses: RateLimiter | SharedRateLimiter = RateLimiter(
            settings.web_address_limit_messages, settings.web_address_limit_seconds
        )
        self._assets = {name: _asset(name) for name in (*STATIC, "widget.js", "chat.html")}
        self._handling = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self.answered = 0
        self.refused: dict[int, int] = {}

    # ------------------------------------------------------------ the Service protocol

    @property
    def ready(self) -> bool:
        return self.core is not None

    def health(self) -> dict[str, Any]:
        return {
            "ready": self.ready,
            "mode": "web",
            "handling": self._handling,
            "answered": self.answered,
            "refused": {str(k): v for k, v in sorted(self.refused.items())},
        }

    def use_store(self, store: Store) -> None:
        """With a shared store, the limit per address holds for the bot as a whole."""
        if store.shared:
            local = RateLimiter(self.settings.web_address_limit_messages, self.settings.web_address_limit_seconds)
            self.addresses = SharedRateLimiter(local, store.counters, store.health)

    async def start(self, core: Dialogue) -> None:
        self.core = core

    async def stop_receiving(self) -> None:
        self.receiving = False

    async def flush(self, timeout: float) -> int:
        """Messages still being answered when `timeout` ran out (each in its own request)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._idle.wait(), timeout)
        return self._handling

    async def close(self) -> None:
        return None

    def routes(self) -> list[BaseRoute]:
        api = Starlette(
            routes=[
                Route("/welcome", self._welcome, methods=["GET"]),
                Route("/message", self._message, methods=["POST"]),
            ]
        )
        cors = CORSMiddleware(
            api,
            allow_origins=sorted(self.allowed),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
            max_age=600,
        )
        return [
            Route("/chat", self._page, methods=["GET"]),
            Route("/widget.js", self._widget, methods=["GET"]),
            *(Route(f"/web/{name}", self._static(name), methods=["GET"]) for name in STATIC),
            Mount("/api/chat", app=cors),
        ]

    # ------------------------------------------------------------ pages and files

    def _security_headers(self) -> dict[str, str]:
        frame = " ".join(["'self'", *sorted(self.allowed)])
        return {
            "Content-Security-Policy": (
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                f"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors {frame}"
            ),
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        }

    async def _page(self, request: Request) -> Response:
        page = self._assets["chat.html"].replace("{title}", html.escape(self.settings.web_chat_title))
        headers = {**self._security_headers(), "Cache-Control": "no-cache"}
        return Response(page, media_type="text/html; charset=utf-8", headers=headers)

    async def _widget(self, request: Request) -> Response:
        return Response(self._assets["widget.js"], media_type=_TYPES[".js"], headers=_SHARED_FILE)

    def _static(self, name: str) -> Any:
        media = _TYPES["." + name.rsplit(".", 1)[1]]

        async def endpoint(request: Request) -> Response:
            return Response(self._assets[name], media_type=media, headers=_SHARED_FILE)

        return endpoint

    # ------------------------------------------------------------ the API

    def _refuse(self, status: int, reason: str, message: str, retry_after: float | None = None) -> Response:
        self.refused[status] = self.refused.get(status, 0) + 1
        headers = {"Retry-After": str(max(1, round(retry_after)))} if retry_after is not None else None
        return JSONResponse({"ok": False, "error": reason, "message": message}, status_code=status, headers=headers)

    def _origin_refused(self, request: Request) -> bool:
        """A browser on a site not in WEB_ALLOWED_ORIGINS (the bot's own page always may)."""
        origin = request.headers.get("origin")
        if origin is None:
            return False  # not a browser's cross-site request (the page's own GET, curl, a test)
        if origin.lower().rstrip("/") in self.allowed:
            return False
        return urlsplit(origin).netloc.lower() != request.headers.get("host", "").lower()

    def _not_serving(self, request: Request) -> Response | None:
        if self._origin_refused(request):
            return self._refuse(403, "origin not allowed", web_texts.ORIGIN_REFUSED)
        if self.core is None:
            return self._refuse(503, "not ready", web_texts.NOT_READY, RETRY_AFTER_SECONDS)
        if not self.receiving:
            return self._refuse(503, "shutting down", web_texts.SHUTTING_DOWN, RETRY_AFTER_SECONDS)
        return None

    async def _welcome(self, request: Request) -> Response:
        refused = self._not_serving(request)
        if refused is not None:
            return refused
        assert self.core is not None
        reply = self.core.welcome()
        shown = web.render(reply.model_copy(update={"title": None}))
        shown["parts"] = [self.settings.web_chat_greeting, *shown["parts"]]
        return JSONResponse(
            {
                "title": self.settings.web_chat_title,
                "texts": web_texts.PAGE_TEXTS,
                "max_text": web.MAX_TEXT,
                "reply": shown,
            },
            headers={"Cache-Control": "no-store"},
        )

    def _address(self, request: Request) -> str:
        # behind a host's proxy, uvicorn has put the client's address here (FORWARDED_ALLOW_IPS)
        return request.client.host if request.client else "?"

    async def _message(self, request: Request) -> Response:
        refused = self._not_serving(request)
        if refused is not None:
            return refused
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
            return self._refuse(415, "expected application/json", web_texts.BAD_MESSAGE)
        try:
            data = await json_body(request, MAX_BODY_BYTES)
        except Refused as exc:
            too_large = exc.status == 413
            return self._refuse(
                exc.status, exc.reason, web_texts.too_long(web.MAX_TEXT) if too_large else web_texts.BAD_MESSAGE
            )
        try:
            msg = web.incoming(data)
        except web.BadMessage as exc:
            text = data.get("text") if isinstance(data, dict) else None
            too_long = isinstance(text, str) and len(text) > web.MAX_TEXT
            return self._refuse(400, str(exc), web_texts.too_long(web.MAX_TEXT) if too_long else web_texts.BAD_MESSAGE)
        key = f"web-address:{self._address(request)}"
        if isinstance(self.addresses, SharedRateLimiter):
            allowed, wait = await self.addresses.check(key)
        else:
            allowed, wait = self.addresses.check(key)
        if not allowed:
            log.info("Giới hạn theo địa chỉ: %s", key)
            return self._refuse(429, "too many requests", web_texts.TOO_MANY_FROM_ADDRESS, wait)
        assert self.core is not None
        self._handling += 1
        self._idle.clear()
        try:
            reply = await self.core.handle(msg)
        finally:
            self._handling -= 1
            if self._handling == 0:
                self._idle.set()
        self.answered += 1
        return JSONResponse({"ok": True, "reply": web.render(reply)}, headers={"Cache-Control": "no-store"})
