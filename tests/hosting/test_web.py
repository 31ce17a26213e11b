"""The webhook endpoint every door shares: each refusal's status, Retry-After and body; the
server keeping idle connections open."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from bot.hosting.dispatcher import QueueFull
from bot.hosting.web import KEEP_ALIVE_SECONDS, Refused, server, unavailable, webhook_endpoint
from tests.fakes.telegram_api import bound_socket

HEADER = "X-Test-Secret"
SECRET = "endpoint-secret"


class Door:
    def __init__(self) -> None:
        self.reason: str | None = None
        self.full = False
        self.accepted: list[int] = []

    def parse(self, data: Any) -> int:
        if not isinstance(data, dict) or not isinstance(data.get("id"), int):
            raise Refused(400, "not an update")
        return int(data["id"])

    def accept(self, update: int) -> None:
        if self.full:
            raise QueueFull("full")
        self.accepted.append(update)


@pytest.fixture
def door() -> Door:
    return Door()


@pytest.fixture
async def client(door: Door) -> Any:
    endpoint = webhook_endpoint(HEADER, SECRET, lambda: door.reason, door.parse, door.accept)
    app = Starlette(routes=[Route("/hook", endpoint, methods=["POST"])])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://door") as http:
        yield http


async def test_every_answer_of_the_endpoint(door: Door, client: httpx.AsyncClient) -> None:
    ok = {HEADER: SECRET}
    forbidden = await client.post("/hook", json={"id": 1}, headers={HEADER: "wrong"})
    assert (forbidden.status_code, forbidden.json()) == (403, {"ok": False, "error": "forbidden"})
    assert "retry-after" not in forbidden.headers
    assert (await client.post("/hook", json={"id": 1})).status_code == 403
    for reason in ("not ready", "shutting down"):
        door.reason = reason
        refused = await client.post("/hook", json={"id": 1}, headers=ok)
        assert (refused.status_code, refused.json(), refused.headers["retry-after"]) == (
            503,
            {"ok": False, "error": reason},
            "5",
        )
    door.reason = None
    not_json = await client.post("/hook", content=b"{", headers=ok)
    assert (not_json.status_code, not_json.json()) == (400, {"ok": False, "error": "not JSON"})
    not_update = await client.post("/hook", json=[1], headers=ok)
    assert (not_update.status_code, not_update.json()) == (400, {"ok": False, "error": "not an update"})
    huge = await client.post("/hook", content=b"[" + b"1," * 200_000 + b"1]", headers=ok)
    assert (huge.status_code, huge.json()) == (413, {"ok": False, "error": "body too large"})
    door.full = True
    busy = await client.post("/hook", json={"id": 2}, headers=ok)
    assert (busy.status_code, busy.json(), busy.headers["retry-after"]) == (503, {"ok": False, "error": "busy"}, "5")
    door.full = False
    taken = await client.post("/hook", json={"id": 3}, headers=ok)
    assert (taken.status_code, taken.content) == (200, b"")
    assert door.accepted == [3]


def test_unavailable_says_why() -> None:
    assert unavailable(receiving=True, ready=True) is None
    assert unavailable(receiving=True, ready=False) == "not ready"
    assert unavailable(receiving=False, ready=True) == "shutting down"
    assert unavailable(receiving=False, ready=False) == "shutting down"


async def test_an_idle_connection_outlives_the_routers_idle_time() -> None:
    """A platform or router reuses an idle connection; the server must not close it first (the
    reused request would fail with a reset). uvicorn's own default closes it after 5 s."""

    async def hello(request: Any) -> PlainTextResponse:
        return PlainTextResponse("ok")

    sock = bound_socket()
    port = int(sock.getsockname()[1])
    web = server(Starlette(routes=[Route("/", hello)]), "127.0.0.1", port, "WARNING")
    assert web.config.timeout_keep_alive == KEEP_ALIVE_SECONDS >= 60
    serving = asyncio.create_task(web.serve(sockets=[sock]))
    try:
        while not web.started:
            await asyncio.sleep(0.01)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        for pause in (0.0, 6.0):  # the second request comes after uvicorn's default idle time
            await asyncio.sleep(pause)
            writer.write(request)
            await writer.drain()
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
            assert head.startswith(b"HTTP/1.1 200"), head
            length = int(next(h for h in head.split(b"\r\n") if h.lower().startswith(b"content-length")).split(b":")[1])
            assert await reader.readexactly(length) == b"ok"
        writer.close()
    finally:
        web.should_exit = True
        with contextlib.suppress(Exception):
            await asyncio.wait_for(serving, 10)
