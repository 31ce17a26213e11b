"""The bot as a host runs it: webhook mode configured by environment variables only.

The real process (`python -m bot run --webhook`) against a fake Bot API on
127.0.0.1 whose replies a test can hold, so that what is asserted does not
depend on how fast this machine is: SIGTERM loses no acknowledged update,
the port is bound before Telegram is reachable, updates of different chats
are served side by side and those of one chat in order, and anything that
is not an update gets 400, never 500.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.answering.answerer import Answerer
from bot.hosting.runner import Runtime
from bot.hosting.settings import Settings
from tests.conftest import KNOWLEDGE, ROOT
from tests.fakes.telegram_api import FakeTelegram, free_port, update

TOKEN = "123456:" + "A" * 35
SECRET = "hosting-test-secret"
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
HOUSES = "Bù Đốp xây được bao nhiêu căn nhà Đại đoàn kết?"


def environment(api_url: str, port: int, home: Path, **extra: str) -> dict[str, str]:
    """A host's variables; the store goes to the test's own directory, never the checkout's data/."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_", "ZALO_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_BASE_URL=api_url,
        WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
        WEBHOOK_SECRET=SECRET,
        PORT=str(port),
        KNOWLEDGE_DIR=str(KNOWLEDGE),
        RATE_LIMIT_MESSAGES="1000",
        LOG_LEVEL="INFO",
        DATABASE_URL=f"sqlite:///{home / 'bot.sqlite3'}",
        **extra,
    )
    return env


@contextlib.contextmanager
def bot_process(env: dict[str, str], log: Path, mode: str | None = "--webhook") -> Iterator[subprocess.Popen[bytes]]:
    """`python -m bot run <mode>` (no mode: as the environment says)."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", *([mode] if mode else [])], env=env, cwd=ROOT, stdout=out, stderr=out
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


async def health(http: httpx.AsyncClient, port: int) -> tuple[int, dict[str, Any]]:
    try:
        response = await http.get(f"http://127.0.0.1:{port}/healthz")
    except httpx.TransportError:
        return 0, {}
    return response.status_code, response.json()


async def wait_for(condition: Any, what: str, timeout: float = 60.0) -> None:
    """Wait (not a timing assertion: the bound only stops a hung test)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await condition():
        if loop.time() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        await asyncio.sleep(0.05)


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(trust_env=False, timeout=30) as client:
        yield client


async def test_sigterm_loses_no_acknowledged_update(tmp_path: Path, http: httpx.AsyncClient) -> None:
    fake = FakeTelegram()
    port = free_port()
    chats = list(range(1001, 1041))
    async with fake.running():
        with bot_process(
            environment(fake.base_url, port, tmp_path, MAX_CONCURRENT_UPDATES="4"), tmp_path / "bot.log"
        ) as bot:

            async def healthy() -> bool:
                return (await health(http, port))[0] == 200

            await wait_for(healthy, "the bot to be ready")
            fake.gate.clear()  # replies now wait until the test lets them through
            for n, chat in enumerate(chats, 1):
                response = await http.post(
                    f"http://127.0.0.1:{port}/telegram", json=update(n, chat, HOUSES), headers=HEADERS
                )
                assert response.status_code == 200

            async def all_kept() -> bool:
                # acknowledged = in the inbox; the first few are being answered, the rest wait there
                updates = (await health(http, port))[1].get("updates", {})
                return bool(updates.get("received") == len(chats) and updates.get("held"))

            await wait_for(all_kept, "every update to be kept")
            bot.send_signal(signal.SIGTERM)

            async def draining() -> bool:
                return (await health(http, port))[1].get("status") == "draining"

            await wait_for(draining, "the bot to start draining")
            late = await http.post(f"http://127.0.0.1:{port}/telegram", json=update(999, 9999, HOUSES), headers=HEADERS)
            assert late.status_code == 503 and late.headers["retry-after"]
            fake.gate.set()
            code = await asyncio.to_thread(bot.wait, 60)
    log = (tmp_path / "bot.log").read_text(encoding="utf-8")
    assert code == 0, log
    assert all(any("176" in text for text in fake.replies_to(chat)) for chat in chats), log
    assert fake.replies_to(9999) == []  # refused with 503: Telegram delivers it again to the next process


async def test_a_drain_that_runs_out_of_time_exits_non_zero_and_says_how_many(
    tmp_path: Path, http: httpx.AsyncClient
) -> None:
    fake = FakeTelegram()
    port = free_port()
    chats = list(range(2001, 2006))
    async with fake.running():
        with bot_process(environment(fake.base_url, port, tmp_path, DRAIN_SECONDS="1"), tmp_path / "bot.log") as bot:

            async def healthy() -> bool:
                return (await health(http, port))[0] == 200

            await wait_for(healthy, "the bot to be ready")
            fake.gate.clear()  # the Bot API hangs: no reply can leave within the drain
            for n, chat in enumerate(chats, 1):
                response = await http.post(
                    f"http://127.0.0.1:{port}/telegram", json=update(n, chat, HOUSES), headers=HEADERS
                )
                assert response.status_code == 200

            async def all_pending() -> bool:
                pending: object = (await health(http, port))[1].get("updates", {}).get("pending")
                return pending == len(chats)

            await wait_for(all_pending, "every update to be queued")
            bot.send_signal(signal.SIGTERM)
            code = await asyncio.to_thread(bot.wait, 60)
            fake.gate.set()
    log = (tmp_path / "bot.log").read_text(encoding="utf-8")
    assert code == 1, log
    assert f"còn {len(chats)} tin nhắn chưa trả lời xong" in log


async def test_sigterm_in_polling_mode_finishes_what_was_fetched(tmp_path: Path) -> None:
    fake = FakeTelegram()
    chats = list(range(2001, 2031))
    fake.queue(*(update(n, chat, HOUSES) for n, chat in enumerate(chats, 1)))
    fake.gate.clear()
    env = environment(fake.base_url, free_port(), tmp_path, MAX_CONCURRENT_UPDATES="4", POLL_TIMEOUT="1")
    env.pop("WEBHOOK_URL")
    async with fake.running():
        with bot_process(env, tmp_path / "bot.log", mode="--polling") as bot:

            async def all_fetched_and_four_at_work() -> bool:
                return fake.delivered == len(chats) and fake.waiting == 4

            await wait_for(all_fetched_and_four_at_work, "every update fetched, four being answered")
            bot.send_signal(signal.SIGTERM)

            async def confirmed() -> bool:
                return fake.confirmed == len(chats) + 1

            await wait_for(confirmed, "the fetched updates confirmed to Telegram")
            fake.gate.set()
            code = await asyncio.to_thread(bot.wait, 60)
    log = (tmp_path / "bot.log").read_text(encoding="utf-8")
    assert code == 0, log
    assert all(any("176" in text for text in fake.replies_to(chat)) for chat in chats), log


async def test_port_is_bound_at_once_and_health_says_what_is_missing(tmp_path: Path, http: httpx.AsyncClient) -> None:
    fake = FakeTelegram()
    port = free_port()
    with bot_process(environment(fake.base_url, port, tmp_path), tmp_path / "bot.log"):

        async def answering() -> bool:
            return (await health(http, port))[0] != 0

        await wait_for(answering, "the port to be bound")
        status, report = await health(http, port)
        assert status == 503 and report["doors"]["telegram"]["ready"] is False
        async with fake.running():  # the Bot API comes up later: start-up retries in the background

            async def healthy() -> bool:
                return (await health(http, port))[0] == 200

            await wait_for(healthy, "the bot to connect once Telegram is reachable")
            status, report = await health(http, port)
            assert report["doors"]["telegram"]["webhook"]["registered"] is True
            assert "setWebhook" in fake.calls


@pytest.fixture
async def served(kb_dir: Path) -> AsyncIterator[tuple[FakeTelegram, Runtime, str]]:
    fake = FakeTelegram()
    port = free_port()
    settings = Settings(
        _env_file=None,
        telegram_bot_token=TOKEN,
        telegram_base_url=fake.base_url,
        webhook_url=f"http://127.0.0.1:{port}/telegram",
        webhook_secret=SECRET,
        port=port,
        knowledge_dir=kb_dir,
        rate_limit_messages=1000,
    )
    async with fake.running():
        runtime = Runtime(settings, webhook=True, answerer=Answerer.from_directory(kb_dir), host="127.0.0.1")
        async with runtime:
            await runtime.wait_ready()
            yield fake, runtime, f"http://127.0.0.1:{port}/telegram"


@pytest.mark.parametrize(
    "body",
    [
        *(b"[1,2,3]", b'"hello"', b"42", b"null", b'{"update_id":5,"message":"x"}', b"{}", b'{"update_id":"5"}'),
        *(b"[" * 100_000 + b"]" * 100_000, b"not json", b"\xff\xfe"),
    ],
)
async def test_what_is_not_an_update_gets_400(
    served: tuple[FakeTelegram, Runtime, str], http: httpx.AsyncClient, body: bytes
) -> None:
    _, runtime, url = served
    response = await http.post(url, content=body, headers=HEADERS)
    assert response.status_code == 400
    assert runtime.dispatcher.failed == 0


async def test_oversized_bodies_and_wrong_secrets_are_refused(
    served: tuple[FakeTelegram, Runtime, str], http: httpx.AsyncClient
) -> None:
    _, _, url = served
    huge = json.dumps(update(1, 5, "x" * 300_000))
    assert (await http.post(url, content=huge, headers=HEADERS)).status_code == 413
    wrong = {"X-Telegram-Bot-Api-Secret-Token": "nope"}
    assert (await http.post(url, json=update(2, 5, HOUSES), headers=wrong)).status_code == 403


async def test_chats_are_served_side_by_side_and_each_in_order(
    served: tuple[FakeTelegram, Runtime, str], http: httpx.AsyncClient
) -> None:
    fake, _, url = served
    slow, quick = 501, 502
    fake.held = {slow}
    fake.gate.clear()
    questions = [HOUSES, "Lai Vung huy động được bao nhiêu tiền xây cầu đường?", "Kiên Lương có những mô hình nào?"]
    for n, question in enumerate(questions, 1):
        assert (await http.post(url, json=update(n, slow, question), headers=HEADERS)).status_code == 200
    assert (await http.post(url, json=update(10, quick, HOUSES), headers=HEADERS)).status_code == 200

    async def quick_answered() -> bool:
        return bool(fake.replies_to(quick))

    await wait_for(quick_answered, "the other chat's reply while the first chat waits")
    assert fake.replies_to(slow) == []
    fake.gate.set()

    async def slow_answered() -> bool:
        return len(fake.replies_to(slow)) == 3

    await wait_for(slow_answered, "the three replies of the first chat")
    replies = fake.replies_to(slow)
    assert "176" in replies[0] and "52 tỷ" in replies[1] and "Nụ cười công sở" in replies[2]
