"""Fixtures for the end-to-end tests: a Telegram Bot API emulator on 127.0.0.1.

Needs Node.js and ``npm ci --prefix tests/e2e`` (CI runs it before pytest).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from tests.e2e.emulator import DEFAULT_BOT_USERNAME, Emulator, EmulatorNotAvailable, EmulatorProcess


@pytest.fixture(scope="session")
def emulator_process() -> Iterator[EmulatorProcess]:
    """One ``node tests/e2e/server.js`` for the session (started on first use, killed at the end)."""
    try:
        process = EmulatorProcess.start(bot_username=DEFAULT_BOT_USERNAME)
    except EmulatorNotAvailable as error:
        pytest.fail(str(error), pytrace=False)
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
async def emulator(emulator_process: EmulatorProcess, request: pytest.FixtureRequest) -> AsyncIterator[Emulator]:
    """The emulator seen through a fresh bot token: nothing of other tests is visible."""
    try:
        emulator_process.check_alive()
    except EmulatorNotAvailable as error:
        pytest.fail(str(error), pytrace=False)
    emu = emulator_process.new_bot(request.node.nodeid)
    try:
        yield emu
    finally:
        await emu.aclose()
