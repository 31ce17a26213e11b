"""Reliable outbound delivery: per-chat order, retries with backoff, failures isolated, drain."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import pytest

from bot.channels.zalo.api import ZaloApi, is_transient
from bot.hosting.outbox import DrainReport, Outbox, OutboxClosed, Undelivered, chat_ref
from tests.fakes.zalo_api import FakeZalo, wait_until


class RecordedSleep:
    """An injected sleep: records each delay asked for and returns at once (after yielding)."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        await asyncio.sleep(0)


class GatedSleep:
    """An injected sleep that holds every backoff until the test opens the gate."""

    def __init__(self) -> None:
        self.delays: list[float] = []
        self.gate = asyncio.Event()

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        await self.gate.wait()


def zalo_outbox(
    api: ZaloApi,
    sleep: RecordedSleep | GatedSleep,
    *,
    max_attempts: int = 4,
    base_delay: float = 1.0,
    max_delay: float = 30.0,
    jitter: Callable[[], float] = lambda: 0.0,
) -> Outbox:
    """An outbox sending through the Zalo client, as the door will build it, with no real waiting."""
    return Outbox(
        api.send_message,
        should_retry=is_transient,
        max_attempts=max_attempts,
        base_delay=base_delay,
        max_delay=max_delay,
        sleep=sleep,
        jitter=jitter,
    )


def texts(fake: FakeZalo, chat_id: str) -> list[str]:
    return [message.text for message in fake.messages(chat_id)]


async def test_each_chats_messages_arrive_in_order_through_quota_errors(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    fake_zalo.fail_next_sends(6)
    outbox = zalo_outbox(zalo_api, RecordedSleep(), max_attempts=10)
    replies = {
        "chat-a": [f"A{i}" for i in range(6)],
        "chat-b": [f"B{i}" for i in range(4)],
        "chat-c": [f"C{i}" for i in range(3)],
    }
    for chat_id, parts in replies.items():
        await outbox.send(chat_id, parts)
    report = await outbox.drain(timeout=60)
    assert report == DrainReport(sent=13, failed=0, left=())
    for chat_id, parts in replies.items():
        assert texts(fake_zalo, chat_id) == parts
    assert len([c for c in fake_zalo.calls("sendMessage") if c.error_code == 429]) == 6


async def test_a_retried_message_backs_off_exponentially_up_to_the_cap_and_arrives_once(
    fake_zalo: FakeZalo, zalo_api: ZaloApi
) -> None:
    fake_zalo.fail_next_sends(3)
    sleep = RecordedSleep()
    outbox = zalo_outbox(zalo_api, sleep, base_delay=1.0, max_delay=3.0, jitter=lambda: 0.5)
    await outbox.send("chat-1", ["xin chào"])
    assert (await outbox.drain(timeout=60)).complete
    assert texts(fake_zalo, "chat-1") == ["xin chào"]
    assert len(fake_zalo.calls("sendMessage")) == 4
    # ceilings 1, 2, then 4 capped at 3; jitter 0.5 scales each to 3/4 of its ceiling
    assert sleep.delays == [0.75, 1.5, 2.25]


@pytest.mark.parametrize(("jitter", "scale"), [(0.0, 0.5), (0.999, 0.9995)])
async def test_jitter_spreads_a_delay_between_half_and_all_of_its_ceiling(
    fake_zalo: FakeZalo, zalo_api: ZaloApi, jitter: float, scale: float
) -> None:
    fake_zalo.fail_next_sends(1)
    sleep = RecordedSleep()
    outbox = zalo_outbox(zalo_api, sleep, base_delay=2.0, jitter=lambda: jitter)
    await outbox.send("chat-1", ["một"])
    await outbox.drain(timeout=60)
    assert sleep.delays == [pytest.approx(2.0 * scale)]


async def test_a_dropped_connection_is_retried_and_the_message_arrives_once(
    fake_zalo: FakeZalo, zalo_api: ZaloApi
) -> None:
    fake_zalo.fail_next_sends(2, kind="drop")
    outbox = zalo_outbox(zalo_api, RecordedSleep())
    await outbox.send("chat-1", ["một", "hai"])
    assert await outbox.drain(timeout=60) == DrainReport(sent=2, failed=0, left=())
    assert texts(fake_zalo, "chat-1") == ["một", "hai"]


async def test_a_message_that_finally_fails_is_logged_and_the_later_ones_still_go(
    fake_zalo: FakeZalo, zalo_api: ZaloApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    chat_id = "6ede9afa0e28e776be39"
    fake_zalo.fail_next_sends(3)
    sleep = RecordedSleep()
    outbox = zalo_outbox(zalo_api, sleep, max_attempts=3)
    await outbox.send(chat_id, ["bị mất", "còn 1", "còn 2"])
    report = await outbox.drain(timeout=60)
    assert (report.sent, report.failed, report.left) == (2, 1, ())
    assert texts(fake_zalo, chat_id) == ["còn 1", "còn 2"]
    assert len(sleep.delays) == 2  # three attempts, two waits between them
    [gave_up] = [r for r in caplog.records if r.name == "bot.hosting.outbox" and r.levelno == logging.WARNING]
    assert chat_ref(chat_id) in gave_up.getMessage() and "429" in gave_up.getMessage()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert chat_id not in logged and fake_zalo.token not in logged


async def test_a_permanent_error_is_not_retried(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    sleep = RecordedSleep()
    outbox = zalo_outbox(zalo_api, sleep)
    await outbox.send("chat-1", ["", "sau đó"])  # Zalo refuses an empty text with 400
    report = await outbox.drain(timeout=60)
    assert (report.sent, report.failed) == (1, 1)
    assert sleep.delays == []
    assert [c.error_code for c in fake_zalo.calls("sendMessage")] == [400, None]
    assert texts(fake_zalo, "chat-1") == ["sau đó"]


async def test_one_chat_backing_off_does_not_hold_up_the_others(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    sleep = GatedSleep()
    outbox = zalo_outbox(zalo_api, sleep)
    fake_zalo.fail_next_sends(1)
    await outbox.send("chat-a", ["A1", "A2"])
    await wait_until(lambda: bool(sleep.delays), what="chat-a backing off")

    await outbox.send("chat-b", ["B1", "B2"])
    await fake_zalo.wait_for_messages("chat-b", 2)
    assert texts(fake_zalo, "chat-b") == ["B1", "B2"]
    assert texts(fake_zalo, "chat-a") == []

    # more for chat-a while its first message waits: they queue behind it
    await outbox.send("chat-a", ["A3"])
    sleep.gate.set()
    assert (await outbox.drain(timeout=60)).complete
    assert texts(fake_zalo, "chat-a") == ["A1", "A2", "A3"]


async def test_the_number_of_sends_in_flight_is_bounded() -> None:
    release = asyncio.Event()
    in_flight, peak, started = 0, 0, 0

    async def send_one(chat_id: str, text: str) -> None:
        nonlocal in_flight, peak, started
        started += 1
        in_flight += 1
        peak = max(peak, in_flight)
        try:
            await release.wait()
        finally:
            in_flight -= 1

    outbox = Outbox(send_one, should_retry=lambda error: False, concurrency=3)
    for i in range(10):
        await outbox.send(f"chat-{i}", ["x"])
    await wait_until(lambda: started == 3, what="three sends started")
    for _ in range(50):  # every worker gets to run up to the semaphore
        await asyncio.sleep(0)
    assert (started, outbox.pending) == (3, 10)
    release.set()
    assert await outbox.drain(timeout=60) == DrainReport(sent=10, failed=0, left=())
    assert peak == 3


async def test_drain_past_its_timeout_cancels_and_reports_what_is_left() -> None:
    never = asyncio.Event()
    delivered: list[tuple[str, str]] = []
    cancelled: list[str] = []

    async def send_one(chat_id: str, text: str) -> None:
        if chat_id == "stuck":
            try:
                await never.wait()
            except asyncio.CancelledError:
                cancelled.append(text)
                raise
        delivered.append((chat_id, text))

    outbox = Outbox(send_one, should_retry=lambda error: False)
    await outbox.send("stuck", ["s1", "s2"])
    await outbox.send("fine", ["f1"])
    await wait_until(lambda: delivered == [("fine", "f1")], what="the free chat delivered")

    report = await outbox.drain(timeout=0)
    assert report == DrainReport(sent=1, failed=0, left=(Undelivered("stuck", "s1"), Undelivered("stuck", "s2")))
    assert not report.complete
    assert cancelled == ["s1"]
    with pytest.raises(OutboxClosed):
        await outbox.send("fine", ["too late"])


async def test_drain_of_an_idle_outbox_is_complete_at_once() -> None:
    async def send_one(chat_id: str, text: str) -> None:
        raise AssertionError("nothing to send")

    assert await Outbox(send_one, should_retry=lambda e: True).drain() == DrainReport(0, 0, ())


async def test_a_broken_retry_classifier_fails_the_message_not_the_chat() -> None:
    sent: list[str] = []

    async def send_one(chat_id: str, text: str) -> None:
        if text == "bad":
            raise RuntimeError("refused")
        sent.append(text)

    def classifier(error: BaseException) -> bool:
        raise KeyError("bug in the classifier")

    outbox = Outbox(send_one, should_retry=classifier)
    await outbox.send("c", ["bad", "good"])
    assert await outbox.drain(timeout=60) == DrainReport(sent=1, failed=1, left=())
    assert sent == ["good"]


async def test_a_bare_string_is_refused_rather_than_sent_letter_by_letter() -> None:
    async def send_one(chat_id: str, text: str) -> None:
        pass

    with pytest.raises(TypeError):
        await Outbox(send_one, should_retry=lambda e: False).send("c", "xin chào")


@pytest.mark.parametrize("options", [{"max_attempts": 0}, {"concurrency": 0}, {"base_delay": -1.0}])
def test_nonsense_settings_are_refused(options: dict[str, float]) -> None:
    async def send_one(chat_id: str, text: str) -> None:
        pass

    with pytest.raises(ValueError):
        Outbox(send_one, should_retry=lambda e: False, **options)  # type: ignore[arg-type]
