"""python-telegram-bot's requests over aiohttp: its errors for a Bot API that refuses or hangs."""

from __future__ import annotations

import asyncio
import socket

import pytest
from telegram.error import NetworkError, TimedOut

from bot.channels.telegram.http_client import AiohttpRequest


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_a_refused_connection_is_a_network_error() -> None:
    request = AiohttpRequest(2)
    await request.initialize()
    try:
        with pytest.raises(NetworkError):
            await request.do_request(f"http://127.0.0.1:{closed_port()}/botX/getMe", "POST")
    finally:
        await request.shutdown()


async def test_a_bot_api_that_never_answers_times_out() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(5)  # reads nothing, says nothing
        writer.close()

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    request = AiohttpRequest(2, read_timeout=0.3)
    await request.initialize()
    try:
        started = asyncio.get_running_loop().time()
        with pytest.raises(TimedOut):
            await request.do_request(f"http://127.0.0.1:{port}/botX/getMe", "POST")
        assert asyncio.get_running_loop().time() - started < 3
    finally:
        await request.shutdown()
        server.close()


async def test_a_request_before_initialize_is_refused_plainly() -> None:
    with pytest.raises(RuntimeError):
        await AiohttpRequest(1).do_request("http://127.0.0.1:1/botX/getMe", "POST")
