"""Fixtures for the Zalo tests: a fake Zalo Bot Platform API on 127.0.0.1, and a client of it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.channels.zalo.api import ZaloApi

from .fake_server import FakeZalo


@pytest.fixture
async def fake_zalo() -> AsyncIterator[FakeZalo]:
    """A fresh fake API for each test, served on a free port (``fake_zalo.base_url``, ``fake_zalo.token``)."""
    async with FakeZalo().running() as fake:
        yield fake


@pytest.fixture
async def zalo_api(fake_zalo: FakeZalo) -> AsyncIterator[ZaloApi]:
    """A ZaloApi client pointed at the fake, with the fake's token."""
    async with ZaloApi(fake_zalo.token, fake_zalo.base_url) as api:
        yield api
