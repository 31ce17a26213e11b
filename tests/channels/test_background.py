"""The "typing…" call is made only for work slower than its delay, and never waited for."""

from __future__ import annotations

import asyncio

from bot.channels.background import Background


async def _mark(calls: list[str]) -> None:
    calls.append("typing")


async def test_quick_work_sends_nothing() -> None:
    calls: list[str] = []
    background = Background(0.2)
    async with background.unless_quick(lambda: _mark(calls), "typing"):
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.3)  # past the delay: the cancelled call stays unsent
    assert calls == []


async def test_slow_work_sends_the_call_once_the_delay_has_passed() -> None:
    calls: list[str] = []
    background = Background(0.05)
    async with background.unless_quick(lambda: _mark(calls), "typing"):
        await asyncio.sleep(0.3)
        assert calls == ["typing"]  # shown while the work still runs
    assert calls == ["typing"]


async def test_a_failing_call_never_reaches_the_work() -> None:
    async def broken() -> None:
        raise ConnectionError("down")

    background = Background(0.0)
    async with background.unless_quick(broken, "typing"):
        await asyncio.sleep(0.05)  # the failure is logged, not raised here
