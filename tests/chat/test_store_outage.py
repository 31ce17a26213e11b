"""The store is not on the answer path: a database that fails or hangs costs a count, not an answer."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from bot.answering.answerer import Answerer
from bot.chat.core import Dialogue
from bot.chat.messages import Incoming
from bot.store import Store
from bot.store import health as store_health

HOUSES = "Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết?"


def ask(text: str, chat: str = "1") -> Incoming:
    return Incoming(door="telegram", chat_id=chat, user_id=chat, text=text)


async def _fails(*args: Any, **kwargs: Any) -> Any:
    raise OperationalError("SELECT 1", {}, ConnectionRefusedError("the database is down"))


async def _hangs(*args: Any, **kwargs: Any) -> Any:
    await asyncio.sleep(3600)


@pytest.mark.parametrize("trouble", [_fails, _hangs], ids=["down", "frozen"])
async def test_questions_are_answered_and_what_was_not_written_is_counted(
    tmp_path: Path, answerer: Answerer, monkeypatch: pytest.MonkeyPatch, trouble: Any
) -> None:
    monkeypatch.setattr(store_health, "STORE_TIMEOUT_SECONDS", 0.2)
    store = await Store.open(f"sqlite:///{tmp_path / 'bot.sqlite3'}")
    try:
        core = Dialogue(answerer, store=store)
        assert "176" in " ".join((await core.handle(ask(HOUSES))).parts)  # the store works
        for repository in (store.questions, store.state):
            for name in ("record", "get", "put"):
                if hasattr(repository, name):
                    monkeypatch.setattr(repository, name, trouble)
        reply = await asyncio.wait_for(core.handle(ask(HOUSES, chat="2")), 10)
        assert "176" in " ".join(reply.parts)
        assert reply.feedback is None  # nothing recorded: nothing to rate
        assert store.health.up is False
        assert store.health.lost["question"] == 1 and store.health.lost["state"] >= 1
        assert store.health.report()["up"] is False
        # a follow-up in the same conversation still has its context, from the process's memory
        # (Lai Vung's article counts no such houses: the question asked there is declined, not
        # asked back as "còn Lai Vung thì sao?" alone would be)
        follow = await asyncio.wait_for(core.handle(ask("còn Lai Vung thì sao?", chat="2")), 10)
        assert follow.answer is not None and follow.answer.kind != "clarify"
        assert "Lai Vung" in " ".join(follow.parts)
        monkeypatch.undo()
        await core.handle(ask(HOUSES, chat="3"))
        assert store.health.up is True  # back without a restart
    finally:
        await store.close()
