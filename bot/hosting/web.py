"""The one web server of a process: every door's webhook and ``/healthz`` on ``$PORT``.

Each door brings its webhook route; this module gives them the same defences:
a capped body, JSON that must parse (deeply nested or not), 503 with
Retry-After while the bot is starting or draining (the platform delivers
again later), and never a 500 for what a client sent.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import logging
from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import Any, TypeVar

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.hosting.dispatcher import QueueFull
from bot.store.health import StoreUnavailable

log = logging.getLogger(__name__)

U = TypeVar("U")

MAX_BODY_BYTES = 256 * 1024  # a chat update is a few kilobytes; anything near this is not one
RETRY_AFTER_SECONDS = 5


class Refused(Exception):
    """A request the door will not take: its status code and a short reason."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason

    def response(self) -> Response:
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if self.status == 503 else None
        return JSONResponse({"ok": False, "error": self.reason}, status_code=self.status, headers=headers)


async def bounded_body(request: Request, limit: int) -> bytes:
    """The request's body, read at most `limit` bytes of it, declared or chunked; Refused(413) otherwise."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise Refused(413, "body too large")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise Refused(413, "body too large")
    return bytes(body)


async def json_body(request: Request, limit: int = MAX_BODY_BYTES) -> Any:
    """The request's JSON, read at most `limit` bytes of it; Refused(413/400) otherwise."""
    body = await bounded_body(request, limit)
    try:
        return json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: "[[[[…]]]]" nested beyond the parser
        raise Refused(400, "not JSON") from None


def require_secret(request: Request, header: str, secret: str) -> None:
    given = request.headers.get(header, "")
    if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
        log.warning("Từ chối webhook không có mã bí mật đúng (từ %s)", request.client.host if request.client else "?")
        raise Refused(403, "forbidden")


def unavailable(receiving: bool, ready: bool) -> str | None:
    """Why a door refuses webhook updates for now (a 503: the platform delivers again), or None."""
    if receiving and ready:
        return None
    return "not ready" if receiving else "shutting down"


def webhook_endpoint(
    header: str,
    secret: str,
    refusal: Callable[[], str | None],
    parse: Callable[[Any], U],
    accept: Callable[[U], Awaitable[None] | None],
) -> Callable[[Request], Awaitable[Response]]:
    """A door's webhook: the secret in `header` (403), `refusal`'s reason while the door cannot
    take updates (503), a capped JSON body (413/400), `parse` (Refused(400) for what is not an
    update), then `accept` (a full dispatcher is 503 "busy", a database that cannot keep the
    update 503 "store unavailable"); 200 only once the update is kept (in the inbox, or queued
    when the bot runs with no store), so the platform delivers again whatever was not."""

    async def endpoint(request: Request) -> Response:
        try:
            require_secret(request, header, secret)
            reason = refusal()
            if reason is not None:
                raise Refused(503, reason)
            update = parse(await json_body(request))
            try:
                accepted = accept(update)
                if accepted is not None:
                    await accepted
            except QueueFull:
                raise Refused(503, "busy") from None
            except StoreUnavailable:
                raise Refused(503, "store unavailable") from None
        except Refused as refused:
            return refused.response()
        return Response(status_code=200)

    return endpoint


def app(routes: Sequence[BaseRoute], health: Callable[[], tuple[bool, dict[str, Any]]]) -> Starlette:
    async def healthz(request: Request) -> Response:
        ok, report = health()
        return JSONResponse(report, status_code=200 if ok else 503)

    return Starlette(routes=[*routes, Route("/healthz", healthz, methods=["GET"])])


KEEP_ALIVE_SECONDS = 75


class Server(uvicorn.Server):
    """uvicorn without its own signal handling: the runner decides what SIGTERM does
    (stop taking updates, finish the accepted ones, then exit)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def server(asgi: Starlette, host: str, port: int, log_level: str) -> Server:
    config = uvicorn.Config(
        asgi,
        host=host,
        port=port,
        log_level=log_level.lower(),
        lifespan="off",
        access_log=False,
        timeout_graceful_shutdown=5,
        # longer than the idle time of the routers and platforms in front of it (60 s is common):
        # a server that closes an idle connection first races the client's next request on it,
        # which then fails with a reset the platform must retry
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )
    return Server(config)
