"""Several replicas on one PostgreSQL, as a host scales the bot: nothing acknowledged is lost,
nothing is answered twice, the limits hold for the bot as a whole, one process polls, and a
database outage is survived.

Real processes (`python -m bot run`) against a real PostgreSQL 15 started by the fixtures and
the fake Bot API, all on 127.0.0.1. Waits only stop a hung test; nothing asserts how fast.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fakes.telegram_api import FakeTelegram, free_port, update
from tests.hosting.test_process import HEADERS, HOUSES, bot_process, environment, health, http, wait_for
from tests.store.postgres import PostgresServer, cannot_run_reason, running_server

__all__ = ["http"]  # the fixture, imported for these tests

LEASE = "3"  # seconds: a killed replica's updates go to another after this


def replica_env(fake: FakeTelegram, port: int, home: Path, database: str, **extra: str) -> dict[str, str]:
    env = environment(
        fake.base_url, port, home, **{"INBOX_LEASE_SECONDS": LEASE, "MAX_CONCURRENT_UPDATES": "4", **extra}
    )
    env["DATABASE_URL"] = database
    env["WEBHOOK_URL"] = "https://bot.example.org/telegram"  # one public address for every replica
    return env


class Replicas:
    """Processes of one bot, each on its own port, started and stopped by the test."""

    def __init__(self, fake: FakeTelegram, home: Path, database: str, stack: ExitStack, **extra: str):
        self.fake, self.home, self.database, self.stack, self.extra = fake, home, database, stack, extra
        self.ports: dict[str, int] = {}
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.starts = Counter[str]()

    def start(self, name: str, mode: str = "--webhook") -> subprocess.Popen[bytes]:
        port = self.ports.setdefault(name, free_port())
        self.starts[name] += 1
        log = self.home / f"{name}-{self.starts[name]}.log"
        env = replica_env(self.fake, port, self.home, self.database, **self.extra)
        process = self.stack.enter_context(bot_process(env, log, mode))
        self.processes[name] = process
        return process

    def log_of(self, name: str) -> str:
        path = self.home / f"{name}-{self.starts[name]}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n" + p.read_text(errors="replace") for p in sorted(self.home.glob("*.log")))

    async def start_webhooks(self, http: httpx.AsyncClient, *names: str) -> None:
        """Start these replicas in webhook mode and wait until each is ready."""
        for name in names:
            self.start(name)
        for name in names:
            await self.healthy(http, name)

    async def healthy(self, http: httpx.AsyncClient, name: str) -> None:
        async def ok() -> bool:
            return (await health(http, self.ports[name]))[0] == 200

        await wait_for(ok, f"{name} to be ready")

    async def post(self, http: httpx.AsyncClient, name: str, body: dict[str, Any]) -> int:
        try:
            response = await http.post(f"http://127.0.0.1:{self.ports[name]}/telegram", json=body, headers=HEADERS)
        except httpx.TransportError:
            return 0
        return response.status_code


@pytest.fixture
def database(postgres_server: PostgresServer) -> str:
    return postgres_server.new_database()


async def every_chat_answered(fake: FakeTelegram, chats: list[int], what: str, timeout: float = 60.0) -> None:
    async def answered() -> bool:
        return all(fake.replies_to(chat) for chat in chats)

    await wait_for(answered, what, timeout=timeout)


def answered_once(fake: FakeTelegram, chats: list[int]) -> bool:
    return all(len(fake.replies_to(chat)) == 1 for chat in chats)


async def test_a_replica_killed_holding_updates_loses_none_and_doubles_none(
    tmp_path: Path, http: httpx.AsyncClient, database: str
) -> None:
    fake = FakeTelegram()
    chats = list(range(3001, 3031))
    async with fake.running():
        with ExitStack() as stack:
            bots = Replicas(fake, tmp_path, database, stack)
            await bots.start_webhooks(http, "one", "two")
            one = bots.processes["one"]
            fake.gate.clear()  # replies wait: both replicas hold updates they acknowledged
            for n, chat in enumerate(chats, 1):
                assert await bots.post(http, "one", update(n, chat, HOUSES)) == 200

            async def both_hold() -> bool:
                held = [
                    (await health(http, bots.ports[n]))[1].get("updates", {}).get("held", 0) for n in ("one", "two")
                ]
                return all(h > 0 for h in held)

            await wait_for(both_hold, "both replicas to hold updates")
            one.send_signal(signal.SIGKILL)
            await asyncio.to_thread(one.wait)
            await asyncio.sleep(0.5)  # the fake sees its connections close: what it held was never sent
            fake.gate.set()

            await every_chat_answered(fake, chats, "every acknowledged update to be answered")
            await asyncio.sleep(float(LEASE) * 2)  # room for a double reply to show up, if any
            logs = bots.logs()
    counts = {chat: len(fake.replies_to(chat)) for chat in chats}
    assert set(counts.values()) == {1}, (sorted(c for c, n in counts.items() if n > 1), fake.abandoned, logs[-3000:])
    assert all("176" in fake.replies_to(chat)[0] for chat in chats)


async def test_the_same_update_posted_to_both_replicas_is_answered_once(
    tmp_path: Path, http: httpx.AsyncClient, database: str
) -> None:
    fake = FakeTelegram()
    chats = list(range(4001, 4011))
    async with fake.running():
        with ExitStack() as stack:
            bots = Replicas(fake, tmp_path, database, stack)
            await bots.start_webhooks(http, "one", "two")
            for n, chat in enumerate(chats, 1):
                body = update(n, chat, HOUSES)
                assert await bots.post(http, "one", body) == 200
                assert await bots.post(http, "two", body) == 200  # a redelivery, to the other replica
                assert await bots.post(http, "one", body) == 200

            await every_chat_answered(fake, chats, "every update to be answered")
            await asyncio.sleep(1.0)
    assert answered_once(fake, chats)


async def test_a_rolling_deploy_loses_nothing_and_doubles_nothing(
    tmp_path: Path, http: httpx.AsyncClient, database: str
) -> None:
    fake = FakeTelegram()
    chats = list(range(5001, 5061))
    async with fake.running():
        with ExitStack() as stack:
            bots = Replicas(fake, tmp_path, database, stack)
            await bots.start_webhooks(http, "one", "two")

            async def deliver_all() -> None:
                """As Telegram behind a load balancer: each update until some replica takes it."""
                for n, chat in enumerate(chats, 1):
                    target = ("one", "two")[n % 2]
                    while await bots.post(http, target, update(n, chat, HOUSES)) != 200:
                        target = "two" if target == "one" else "one"
                        await asyncio.sleep(0.05)
                    await asyncio.sleep(0.05)

            delivering = asyncio.create_task(deliver_all())
            codes = []
            for name in ("one", "two"):
                await asyncio.sleep(0.5)
                process = bots.processes[name]
                process.send_signal(signal.SIGTERM)
                codes.append(await asyncio.to_thread(process.wait, 60))
                bots.start(name)
                await bots.healthy(http, name)
            await delivering

            await every_chat_answered(fake, chats, "every update to be answered")
            await asyncio.sleep(1.0)
            logs = bots.logs()
    assert codes == [0, 0], logs
    assert answered_once(fake, chats), {c: len(fake.replies_to(c)) for c in chats if len(fake.replies_to(c)) != 1}


async def test_two_replicas_together_keep_one_flood_limit(
    tmp_path: Path, http: httpx.AsyncClient, database: str
) -> None:
    rate = 5  # messages a second in all (Telegram's is 30; smaller keeps the test short)
    fake = FakeTelegram()
    chats = list(range(6001, 6041))
    async with fake.running():
        with ExitStack() as stack:
            bots = Replicas(fake, tmp_path, database, stack, TELEGRAM_MAX_RATE=str(rate))
            await bots.start_webhooks(http, "one", "two")
            for n, chat in enumerate(chats, 1):
                assert await bots.post(http, ("one", "two")[n % 2], update(n, chat, HOUSES)) == 200

            await every_chat_answered(fake, chats, "every update to be answered", timeout=120)
    times = sorted(s.at for s in fake.sent_snapshot() if s.chat_id in chats)
    # counted in fixed one-second windows: any sliding second holds at most two windows' worth
    busiest = max(sum(1 for t in times if start <= t < start + 1.0) for start in times)
    assert busiest <= 2 * rate, busiest
    # per process, each replica alone would have sent at `rate`: both together twice as fast
    assert times[-1] - times[0] >= (len(times) / rate) - 2, times[-1] - times[0]


async def test_two_pollers_one_polls_and_the_other_takes_over(
    tmp_path: Path, http: httpx.AsyncClient, database: str
) -> None:
    fake = FakeTelegram()
    polls = "nhận tin của cửa telegram"  # a worker has no port: its log says it
    async with fake.running():
        with ExitStack() as stack:
            bots = Replicas(fake, tmp_path, database, stack)
            for name in ("one", "two"):
                bots.start(name, "--polling")

            def polling() -> list[str]:
                return [n for n in ("one", "two") if polls in bots.log_of(n)]

            async def one_polls() -> bool:
                return len(polling()) == 1 and all("Cửa telegram sẵn sàng" in bots.log_of(n) for n in ("one", "two"))

            try:
                await wait_for(one_polls, "one replica to poll", timeout=30)
            except AssertionError:
                raise AssertionError(bots.logs()) from None
            await asyncio.sleep(3.0)  # the other stays on standby: it would have taken the lock by now
            assert len(polling()) == 1, bots.logs()
            [active] = polling()
            other = "two" if active == "one" else "one"
            bots.processes[active].send_signal(signal.SIGKILL)
            await asyncio.to_thread(bots.processes[active].wait)

            async def taken_over() -> bool:
                return polls in bots.log_of(other)

            await wait_for(taken_over, "the other replica to take over polling")
            fake.updates.append(update(1, 7001, HOUSES))

            async def answered() -> bool:
                return bool(fake.replies_to(7001))

            await wait_for(answered, "the update to be answered by the new poller")
            await asyncio.sleep(1.0)
    assert len(fake.replies_to(7001)) == 1


@pytest.fixture
def own_server() -> Iterator[PostgresServer]:
    """A server of this test's own, which it stops and starts."""
    reason = cannot_run_reason()
    if reason is not None:
        pytest.skip(reason)
    with running_server() as server:
        yield server


async def test_the_database_stopped_and_restarted_under_load(
    tmp_path: Path, http: httpx.AsyncClient, own_server: PostgresServer
) -> None:
    database = own_server.new_database()
    fake = FakeTelegram()
    taken = list(range(8001, 8004))
    async with fake.running():
        with ExitStack() as stack:
            # leases outlast the outage, as the default 30 s outlasts a short one: what a replica
            # answered while the database was down is confirmed by it, not taken again by another
            bots = Replicas(fake, tmp_path, database, stack, INBOX_LEASE_SECONDS="120")
            bots.start("web")
            await bots.healthy(http, "web")
            fake.gate.clear()
            for n, chat in enumerate(taken, 1):
                assert await bots.post(http, "web", update(n, chat, HOUSES)) == 200

            async def held() -> bool:
                return bool((await health(http, bots.ports["web"]))[1].get("updates", {}).get("held") == len(taken))

            # the web replica holds them all (leased) before the poller starts: otherwise which of
            # the two takes each update is a race, and the counts below are the web replica's
            await wait_for(held, "the updates to be taken")
            bots.start("poller", "--polling")

            async def poller_ready() -> bool:
                return "nhận tin của cửa telegram" in bots.log_of("poller")

            await wait_for(poller_ready, "the poller to poll")
            await asyncio.to_thread(own_server.stop)
            fake.gate.set()

            async def all_taken_answered() -> bool:
                return all(fake.replies_to(chat) for chat in taken)

            await wait_for(all_taken_answered, "what was already taken to be answered")
            refused = await bots.post(http, "web", update(50, 8050, HOUSES))
            assert refused == 503  # not acknowledged: Telegram delivers it again later
            fake.updates.append(update(60, 8060, HOUSES))  # the polling door keeps answering

            async def polled_answered() -> bool:
                return bool(fake.replies_to(8060))

            await wait_for(polled_answered, "the polling door to answer while the database is down")
            code, report = await health(http, bots.ports["web"])
            assert code == 503 and report["store"]["up"] is False
            # answered, but the database has not heard it yet: counted, and confirmed once it is back
            assert report["updates"]["unconfirmed"] == len(taken)

            await asyncio.to_thread(own_server.start)
            await bots.healthy(http, "web")  # recovered without a restart

            async def confirmed() -> bool:
                return bool((await health(http, bots.ports["web"]))[1]["updates"]["unconfirmed"] == 0)

            await wait_for(confirmed, "what was answered during the outage to be confirmed")
            assert await bots.post(http, "web", update(51, 8050, HOUSES)) == 200

            async def later_answered() -> bool:
                return bool(fake.replies_to(8050))

            await wait_for(later_answered, "an update after the database came back to be answered")
            logs = bots.logs()
    assert all(len(fake.replies_to(chat)) == 1 for chat in [*taken, 8050, 8060]), logs
