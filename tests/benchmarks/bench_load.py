"""Load benchmark of the webhook bot, black box: the real ``python -m bot run --webhook`` as a
host starts it (environment variables only), a fake Telegram Bot API in front of it.

Not a test: run by hand, prints a report (or JSON). It

1. starts the fake Bot API (``tests/fakes/telegram_api.py``) on 127.0.0.1 with a round-trip delay per call;
2. starts the bot as a subprocess in an empty directory (no ``.env``), with
   ``TELEGRAM_BOT_TOKEN`` (BotFather shape), ``TELEGRAM_BASE_URL``, ``WEBHOOK_URL``,
   ``WEBHOOK_SECRET``, ``PORT``, ``KNOWLEDGE_DIR``, a rate limit too high to interfere and
   ``LOG_LEVEL=WARNING``, and waits for ``GET /healthz``;
3. POSTs private text messages (the dev set's questions, each from a new user and chat, each
   with a new update_id) to the webhook with the secret header, at ``--rate`` per second for
   ``--duration`` seconds, open loop (a slow answer does not slow the sender);
4. matches each update with the bot's first sendMessage to its chat at the fake API, and
   reports the throughput, POST -> reply latency, the POSTs' HTTP statuses and the updates
   acknowledged (HTTP 200) but still unanswered after ``--grace`` seconds (lost).

With ``--replicas N`` it starts N bots (``web`` replicas of one bot: the same token and secret)
on one database and posts the updates to them in turn, as a host's router would;
``--postgres`` gives them a throwaway PostgreSQL server on 127.0.0.1 (``tests/store/postgres.py``,
as the store tests use) instead of each its own SQLite file. One SQLite file serves one process,
so several replicas need ``--postgres``.

With ``--sigterm-after S`` it sends SIGTERM to the bot S seconds into the run, as a host does at
every deploy, keeps posting (a stopped server refuses connections: counted), and reports the
acknowledged updates that were never answered, the bot's exit code and how long it took to
exit (it is killed after ``--exit-timeout`` seconds, as a host would).

    .venv/bin/python -m tests.benchmarks.bench_load --rate 100 --duration 20
    .venv/bin/python -m tests.benchmarks.bench_load --rate 50 --duration 10 --sigterm-after 5
    .venv/bin/python -m tests.benchmarks.bench_load --rate 150 --replicas 2 --postgres
    .venv/bin/python -m tests.benchmarks.bench_load --json > load.json

Traffic goes only to 127.0.0.1; every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import secrets
import signal
import string
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml

from tests.fakes.telegram_api import FakeTelegram, bound_socket

ROOT = Path(__file__).resolve().parents[2]
DEV_SET = ROOT / "eval" / "questions.yaml"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
FIRST_CHAT = 700_000_000  # chat and user ids of the simulated users start here


@dataclass
class Post:
    """One update sent to the webhook."""

    update_id: int
    chat_id: int
    sent_at: float  # time.monotonic() before the request
    status: int | str = "pending"  # HTTP status, or "refused", "timeout", "error"
    done_at: float | None = None
    replied_at: float | None = None


@dataclass
class BotProcess:
    process: asyncio.subprocess.Process
    log: Path
    port: int
    started_at: float
    healthy_at: float | None = None
    signalled_at: float | None = None
    exited_at: float | None = None
    killed: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def questions() -> list[str]:
    items = yaml.safe_load(DEV_SET.read_text(encoding="utf-8"))
    return [str(item["q"]) for item in items]


def fake_token() -> str:
    """A token in BotFather's shape (digits, colon, 35 characters), valid nowhere."""
    return "123456:" + "".join(secrets.choice(string.ascii_letters) for _ in range(35))


def free_port() -> int:
    sock = bound_socket()
    try:
        return int(sock.getsockname()[1])
    finally:
        sock.close()


def bot_environment(
    api: FakeTelegram,
    port: int,
    secret: str,
    knowledge: Path,
    home: Path,
    extra: dict[str, str] | None = None,
    token: str | None = None,
) -> dict[str, str]:
    """What a host gives the web process: the project's variables and little else."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        TELEGRAM_BOT_TOKEN=token or fake_token(),
        TELEGRAM_BASE_URL=api.base_url,
        WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
        WEBHOOK_SECRET=secret,
        PORT=str(port),
        KNOWLEDGE_DIR=str(knowledge),
        RATE_LIMIT_MESSAGES="1000000",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
        DATABASE_URL=f"sqlite:///{home / 'bot.sqlite3'}",  # every question is recorded, as hosted
        SNAPSHOT_CACHE_DIR=str(home / "snapshots"),  # empty, as on a host's fresh disk: the base is indexed
    )
    env.update(extra or {})
    return env


def update(update_id: int, chat_id: int, text: str) -> dict[str, Any]:
    user = {"id": chat_id, "is_bot": False, "first_name": "Khách", "language_code": "vi"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "Khách"},
            "from": user,
            "text": text,
        },
    }


async def start_bot(env: dict[str, str], workdir: Path, port: int) -> BotProcess:
    log = workdir / "bot.log"
    with log.open("wb") as out:  # the child keeps its own descriptor
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            "--webhook",
            cwd=workdir,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=out,
            stderr=asyncio.subprocess.STDOUT,
        )
    return BotProcess(process=process, log=log, port=port, started_at=time.monotonic())


async def wait_healthy(client: httpx.AsyncClient, bot: BotProcess, timeout: float) -> None:
    """Until /healthz answers 200 (the port opens only once getMe has succeeded)."""
    url = f"http://127.0.0.1:{bot.port}/healthz"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if bot.process.returncode is not None:
            raise RuntimeError(f"the bot exited with {bot.process.returncode} before it was healthy")
        with contextlib.suppress(httpx.TransportError):
            response = await client.get(url, timeout=2)
            if response.status_code == 200:
                bot.healthy_at = time.monotonic()
                sample_process(bot, "healthy")
                bot.extra["health"] = response.json()
                return
        await asyncio.sleep(0.1)
    raise RuntimeError(f"/healthz did not answer within {timeout:.0f} s")


async def send(client: httpx.AsyncClient, url: str, secret: str, post: Post, body: dict[str, Any]) -> None:
    try:
        response = await client.post(url, json=body, headers={SECRET_HEADER: secret})
        post.status = response.status_code
    except httpx.ConnectError:
        post.status = "refused"
    except httpx.TimeoutException:
        post.status = "timeout"
    except httpx.TransportError as exc:
        post.status = f"error: {type(exc).__name__}"
    post.done_at = time.monotonic()


async def post_updates(
    client: httpx.AsyncClient,
    bots: Sequence[BotProcess],
    secret: str,
    texts: Sequence[str],
    rate: float,
    duration: float,
    sigterm_after: float | None,
) -> tuple[list[Post], float]:
    """Open loop: update i leaves at start + i / rate, whatever happened to the others, to the
    replicas in turn. SIGTERM goes to the first replica."""
    urls = [f"http://127.0.0.1:{bot.port}/telegram" for bot in bots]
    bot = bots[0]
    total = int(rate * duration)
    posts: list[Post] = []
    tasks: list[asyncio.Task[None]] = []
    started = time.monotonic()
    signalled = False
    for i in range(total):
        due = started + i / rate
        if sigterm_after is not None and not signalled and due >= started + sigterm_after:
            await asyncio.sleep(max(0.0, started + sigterm_after - time.monotonic()))
            sample_process(bot, "stopping")
            bot.process.send_signal(signal.SIGTERM)
            bot.signalled_at = time.monotonic()
            signalled = True
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        chat = FIRST_CHAT + i
        post = Post(update_id=i + 1, chat_id=chat, sent_at=time.monotonic())
        posts.append(post)
        body = update(i + 1, chat, texts[i % len(texts)])
        tasks.append(asyncio.create_task(send(client, urls[i % len(urls)], secret, post, body)))
    if sigterm_after is not None and not signalled:  # the run was shorter than the delay
        await asyncio.sleep(max(0.0, started + sigterm_after - time.monotonic()))
        sample_process(bot, "stopping")
        bot.process.send_signal(signal.SIGTERM)
        bot.signalled_at = time.monotonic()
    await asyncio.gather(*tasks)
    return posts, started


def match_replies(posts: list[Post], api: FakeTelegram) -> None:
    first: dict[int | str, float] = {}
    for sent in api.sent_snapshot():
        first.setdefault(sent.chat_id, sent.at)
    for post in posts:
        post.replied_at = first.get(post.chat_id)


async def wait_replies(posts: list[Post], api: FakeTelegram, bots: Sequence[BotProcess], grace: float) -> None:
    """Until every acknowledged update has its reply, the grace period ends or the bots are gone."""
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        match_replies(posts, api)
        if all(p.replied_at is not None for p in posts if p.status == 200):
            return
        if all(bot.process.returncode is not None for bot in bots):
            await asyncio.sleep(0.5)  # replies already on the wire
            match_replies(posts, api)
            return
        await asyncio.sleep(0.1)
    match_replies(posts, api)


async def stop_bot(bot: BotProcess, exit_timeout: float) -> None:
    """SIGTERM (unless already sent), wait, then SIGKILL as a host does after its grace."""
    if bot.process.returncode is None and bot.signalled_at is None:
        sample_process(bot, "stopping")
        bot.process.send_signal(signal.SIGTERM)
        bot.signalled_at = time.monotonic()
    try:
        remaining = exit_timeout - (time.monotonic() - (bot.signalled_at or time.monotonic()))
        await asyncio.wait_for(bot.process.wait(), timeout=max(0.1, remaining))
    except TimeoutError:
        bot.killed = True
        bot.process.kill()
        await bot.process.wait()
    if bot.exited_at is None:
        bot.exited_at = time.monotonic()


def sample_process(bot: BotProcess, label: str) -> None:
    """The bot's CPU seconds and resident memory so far, from /proc (Linux; skipped elsewhere)."""
    pid = bot.process.pid
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return
    ticks = os.sysconf("SC_CLK_TCK")
    rss = next((int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmRSS:")), None)
    bot.extra[label] = {"cpu_s": (int(fields[11]) + int(fields[12])) / ticks, "rss_mb": rss, "at": time.monotonic()}


async def watch_exit(bot: BotProcess) -> None:
    await bot.process.wait()
    bot.exited_at = time.monotonic()


def _ms(values: Sequence[float]) -> dict[str, float | None]:
    if not values:
        return {"p50_ms": None, "p99_ms": None, "max_ms": None}
    ordered = sorted(values)

    def at(share: float) -> float:
        position = share * (len(ordered) - 1)
        low = int(position)
        high = min(low + 1, len(ordered) - 1)
        return ordered[low] + (ordered[high] - ordered[low]) * (position - low)

    return {"p50_ms": at(0.5) * 1000, "p99_ms": at(0.99) * 1000, "max_ms": ordered[-1] * 1000}


def _process_usage(bot: BotProcess, answered: int) -> dict[str, Any] | None:
    """CPU the bot spent from healthy to the SIGTERM, per second and per answered update."""
    healthy, stopping = bot.extra.get("healthy"), bot.extra.get("stopping")
    if healthy is None or stopping is None:
        return None
    cpu = stopping["cpu_s"] - healthy["cpu_s"]
    wall = stopping["at"] - healthy["at"]
    return {
        "cpu_s": cpu,
        "cpu_share": cpu / wall if wall > 0 else None,
        "cpu_ms_per_answer": cpu / answered * 1000 if answered else None,
        "rss_healthy_mb": healthy["rss_mb"],
        "rss_before_sigterm_mb": stopping["rss_mb"],
    }


def _usage_of_all(bots: Sequence[BotProcess], answered: int) -> dict[str, Any] | None:
    """The replicas' CPU together, per answered update; their largest RSS."""
    usages = [_process_usage(bot, answered) for bot in bots]
    if any(u is None for u in usages):
        return None
    known = [u for u in usages if u is not None]
    cpu = sum(u["cpu_s"] for u in known)
    return {
        "cpu_s": cpu,
        "cpu_share": sum(u["cpu_share"] or 0.0 for u in known),
        "cpu_ms_per_answer": cpu / answered * 1000 if answered else None,
        "rss_healthy_mb": max(u["rss_healthy_mb"] or 0.0 for u in known),
        "rss_before_sigterm_mb": max(u["rss_before_sigterm_mb"] or 0.0 for u in known),
    }


def summarize(
    posts: list[Post], started: float, bots: Sequence[BotProcess], api: FakeTelegram, args: argparse.Namespace
) -> dict[str, Any]:
    bot = bots[0]
    acked = [p for p in posts if p.status == 200]
    answered = [p for p in acked if p.replied_at is not None]
    # a POST that failed on the wire (or got an error) whose update was kept and answered anyway
    unacked_answered = [p for p in posts if p.status != 200 and p.replied_at is not None]
    replies = sorted(p.replied_at for p in posts if p.replied_at is not None)
    window = (replies[-1] - started) if replies else 0.0
    report: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "settings": {
            "rate": args.rate,
            "duration_s": args.duration,
            "delay_ms": args.delay_ms,
            "grace_s": args.grace,
            "sigterm_after_s": args.sigterm_after,
            "knowledge": str(args.knowledge),
            "replicas": len(bots),
            "store": "PostgreSQL" if args.postgres else "SQLite",
        },
        "bot": {
            "ready_s": (bot.healthy_at - bot.started_at) if bot.healthy_at else None,
            "exit_code": bot.process.returncode,
            "killed_after_timeout": bot.killed,
            "process": _usage_of_all(bots, len(answered)),
            "exit_codes": [b.process.returncode for b in bots],
            "exit_s_after_sigterm": (bot.exited_at - bot.signalled_at)
            if bot.exited_at is not None and bot.signalled_at is not None
            else None,
        },
        "posts": {
            "sent": len(posts),
            "statuses": dict(Counter(str(p.status) for p in posts)),
            "ack_latency": _ms([p.done_at - p.sent_at for p in acked if p.done_at is not None]),
        },
        "replies": {
            "answered": len(answered),
            "lost": len(acked) - len(answered),
            "throughput_per_s": len(replies) / window if window > 0 else 0.0,
            "latency": _ms([p.replied_at - p.sent_at for p in answered if p.replied_at is not None]),
        },
        "unacknowledged_answered": {
            "count": len(unacked_answered),
            "latency": _ms([p.replied_at - p.sent_at for p in unacked_answered if p.replied_at is not None]),
        },
        "api_calls": dict(api.call_counts()),
    }
    if bot.signalled_at is not None and args.sigterm_after is not None:
        before = [p for p in posts if p.sent_at < bot.signalled_at]
        after = [p for p in posts if p.sent_at >= bot.signalled_at]
        report["sigterm"] = {
            "sent_at_s": bot.signalled_at - started,
            "posts_before": dict(Counter(str(p.status) for p in before)),
            "posts_after": dict(Counter(str(p.status) for p in after)),
            "acked_never_answered": len(acked) - len(answered),
            "acked_after_sigterm": sum(p.status == 200 for p in after),
        }
    return report


def text_report(report: dict[str, Any]) -> str:
    s, bot, posts, replies = report["settings"], report["bot"], report["posts"], report["replies"]

    def ms(value: float | None) -> str:
        return "n/a" if value is None else f"{value:,.0f} ms".replace(",", " ")

    killed = ", sent by this benchmark after --exit-timeout" if bot["killed_after_timeout"] else ""
    code = bot["exit_code"]
    signalled = f" (ended by signal {signal.Signals(-code).name}{killed})" if isinstance(code, int) and code < 0 else ""
    lines = [
        f"Offered: {s['rate']:g} updates/s for {s['duration_s']:g} s ({posts['sent']} updates), "
        f"fake Bot API delay {s['delay_ms']:g} ms per call, grace {s['grace_s']:g} s, "
        f"KNOWLEDGE_DIR {s['knowledge']}; {s['replicas']} replica(s) on {s['store']}.",
        f"Bot ready (start -> /healthz 200): {bot['ready_s']:.2f} s." if bot["ready_s"] is not None else "",
        "",
        "| metric | value |",
        "| --- | --- |",
        f"| throughput | {replies['throughput_per_s']:.1f} replies/s |",
        f"| POST -> reply p50 | {ms(replies['latency']['p50_ms'])} |",
        f"| POST -> reply p99 | {ms(replies['latency']['p99_ms'])} |",
        f"| POST -> HTTP response p50 / p99 | {ms(posts['ack_latency']['p50_ms'])} / "
        f"{ms(posts['ack_latency']['p99_ms'])} |",
        f"| acknowledged (200) and answered | {replies['answered']} |",
        f"| acknowledged (200), no reply after grace (lost) | {replies['lost']} |",
        f"| POST statuses | {', '.join(f'{k}: {v}' for k, v in sorted(posts['statuses'].items()))} |",
        f"| not acknowledged, answered all the same | {report['unacknowledged_answered']['count']} |",
        f"| bot exit code | {bot['exit_code']}{signalled} |"
        if s["replicas"] == 1
        else f"| replicas' exit codes | {', '.join(map(str, bot['exit_codes']))} |",
        f"| bot exit after SIGTERM | {bot['exit_s_after_sigterm']:.2f} s |"
        if bot["exit_s_after_sigterm"] is not None
        else "| bot exit after SIGTERM | n/a |",
    ]
    if "sigterm" in report:
        t = report["sigterm"]
        lines += [
            "",
            f"SIGTERM sent {t['sent_at_s']:.2f} s into the run.",
            f"POSTs before it: {t['posts_before']}; after it: {t['posts_after']}.",
            f"Acknowledged (200) but never answered: {t['acked_never_answered']} "
            f"(of which acknowledged after the SIGTERM: {t['acked_after_sigterm']}).",
        ]
    usage = bot.get("process")
    if usage:
        lines += [
            "",
            ("Bot process" if s["replicas"] == 1 else f"The {s['replicas']} bot processes together")
            + f" from healthy to SIGTERM: {usage['cpu_s']:.1f} CPU s ({usage['cpu_share'] * 100:.0f} % of "
            "one core)"
            + (f", {usage['cpu_ms_per_answer']:.0f} CPU ms per answered update" if usage["cpu_ms_per_answer"] else "")
            + f"; RSS {usage['rss_healthy_mb']:.0f} MB when healthy, {usage['rss_before_sigterm_mb']:.0f} MB "
            "before SIGTERM.",
        ]
    lines += ["", f"Fake Bot API calls: {report['api_calls']}"]
    return "\n".join(line for line in lines if line is not None)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    with contextlib.ExitStack() as stack:
        database: str | None = None
        if args.postgres:
            from tests.store.postgres import cannot_run_reason, running_server

            reason = cannot_run_reason()
            if reason:
                raise SystemExit(f"--postgres: {reason}")
            database = stack.enter_context(running_server()).new_database()
        return await _run(args, database)


async def _run(args: argparse.Namespace, database: str | None) -> dict[str, Any]:
    secret = "bench-" + secrets.token_hex(16)
    token = fake_token()  # one bot: every replica holds the same token
    texts = questions()
    random.Random(args.seed).shuffle(texts)
    with (
        FakeTelegram(delay=args.delay_ms / 1000).serving() as api,
        tempfile.TemporaryDirectory(prefix="bench-load-") as tmp,
    ):
        extra = dict(item.split("=", 1) for item in args.env)
        if database is not None:
            extra.setdefault("DATABASE_URL", database)
        bots: list[BotProcess] = []
        limits = httpx.Limits(max_connections=args.connections, max_keepalive_connections=args.connections)
        async with httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=5.0), limits=limits) as client:
            try:
                for n in range(args.replicas):
                    home = Path(tmp) / f"replica-{n + 1}"
                    home.mkdir()
                    port = free_port()
                    env = bot_environment(api, port, secret, args.knowledge.resolve(), home, extra, token)
                    bot = await start_bot(env, home, port)
                    bots.append(bot)
                    # one at a time: the first migrates the database, the others find it ready
                    await wait_healthy(client, bot, args.ready_timeout)
                watches = [asyncio.create_task(watch_exit(bot)) for bot in bots]
                posts, started = await post_updates(
                    client, bots, secret, texts, args.rate, args.duration, args.sigterm_after
                )
                if args.sigterm_after is not None:
                    # the first replica is stopping: wait for it (killing it as a host would), then for the wire
                    await stop_bot(bots[0], args.exit_timeout)
                    await wait_replies(posts, api, bots[:1] if len(bots) == 1 else bots, grace=1.0)
                    for bot in bots[1:]:
                        await wait_replies(posts, api, bots, args.grace)
                        await stop_bot(bot, args.exit_timeout)
                else:
                    await wait_replies(posts, api, bots, args.grace)
                    for bot in bots:
                        sample_process(bot, "stopping")
                        bot.process.send_signal(signal.SIGTERM)
                        bot.signalled_at = time.monotonic()
                    for bot in bots:
                        await stop_bot(bot, args.exit_timeout)
                for watch in watches:
                    watch.cancel()
                if args.log is not None:
                    args.log.write_bytes(b"".join(bot.log.read_bytes() for bot in bots))
                return summarize(posts, started, bots, api, args)
            except BaseException:
                for bot in bots:
                    if bot.process.returncode is None:
                        bot.process.kill()
                        await bot.process.wait()
                    tail = bot.log.read_text(encoding="utf-8", errors="replace")[-3000:]
                    print(f"--- bot log of port {bot.port} (last lines) ---\n{tail}", file=sys.stderr)
                raise


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load benchmark of the webhook bot against a fake Bot API.")
    parser.add_argument("--rate", type=float, default=100.0, help="updates per second")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of sending")
    parser.add_argument("--delay-ms", type=float, default=60.0, help="round trip of each Bot API call")
    parser.add_argument("--grace", type=float, default=30.0, help="seconds to wait for replies after sending")
    parser.add_argument("--sigterm-after", type=float, default=None, help="SIGTERM the bot this many seconds in")
    parser.add_argument("--exit-timeout", type=float, default=30.0, help="SIGKILL this long after SIGTERM")
    parser.add_argument("--ready-timeout", type=float, default=300.0, help="seconds to wait for /healthz")
    parser.add_argument("--connections", type=int, default=100, help="concurrent HTTP connections of the sender")
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge", help="KNOWLEDGE_DIR of the bot")
    parser.add_argument("--size", type=int, default=None, help="serve a synthetic base of this many entries instead")
    parser.add_argument("--seed", type=int, default=1, help="order of the questions")
    parser.add_argument("--replicas", type=int, default=1, help="bot processes sharing the load and the database")
    parser.add_argument("--postgres", action="store_true", help="the bots' database: a throwaway PostgreSQL server")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--log", type=Path, default=None, help="keep the bot's log in this file")
    parser.add_argument(
        "--env", action="append", default=[], metavar="KEY=VALUE", help="another variable for the bot (repeatable)"
    )
    args = parser.parse_args(argv)
    if args.rate <= 0 or args.duration <= 0 or args.rate * args.duration > 100_000:
        parser.error("--rate and --duration must be positive, and send at most 100 000 updates")
    if not 1 <= args.replicas <= 8:
        parser.error("--replicas must be between 1 and 8")
    if args.replicas > 1 and not args.postgres and not any(e.startswith("DATABASE_URL=") for e in args.env):
        parser.error("several replicas share one database: add --postgres (or --env DATABASE_URL=…)")
    if args.size is not None:
        from tests.benchmarks.synth import ensure_base

        args.knowledge = ensure_base(args.size).directory
    report = asyncio.run(run(args))
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else text_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
