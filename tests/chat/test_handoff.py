"""Handing a question the bot could not answer to the board, and /web's sign-in link, in the core."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.answering.answerer import Answerer
from bot.channels import plain
from bot.channels.collecting import CollectingDoor
from bot.chat import chat_texts
from bot.chat.core import Dialogue
from bot.curation.desk import CuratorDesk
from bot.store import Store
from tests.conftest import run_cli

GAP = "Lai Vung có bao nhiêu hộ nghèo năm 2019?"


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with await Store.open(f"sqlite:///{tmp_path / 'core.sqlite3'}") as opened:
        yield opened


def core(answerer: Answerer, store: Store, url: str | None = "https://bot.example") -> Dialogue:
    return Dialogue(
        answerer, store=store, handoff_doors=frozenset({"telegram", "zalo"}), desks=[CuratorDesk(None, url)]
    )


async def test_a_gap_can_be_sent_to_the_board_once_and_a_refusal_cannot(answerer: Answerer, store: Store) -> None:
    door = CollectingDoor(core(answerer, store), door="zalo", chat_id="u1", user_id="u1")
    declined = await door.say(GAP)
    assert not declined.answered and declined.handoff is not None
    assert chat_texts.HANDOFF_LABEL in plain.text(declined)  # a numbered choice where there are no buttons
    number = [c.label for c in declined.choices].index(chat_texts.HANDOFF_LABEL) + 1
    sent = await door.say(str(number))
    assert sent.kind == "notice" and GAP in sent.parts[0] and "cho riêng câu hỏi này" in sent.parts[0]
    again = await door.press(f"h:{declined.handoff}")
    assert again.parts == (chat_texts.HANDOFF_AGAIN,)
    (waiting,) = await store.handoffs.waiting()
    assert (waiting.door, waiting.chat_id, waiting.text) == ("zalo", "u1", GAP)
    # another chat cannot send someone else's question
    stranger = CollectingDoor(door.core, door="zalo", chat_id="u2", user_id="u2")
    assert (await stranger.press(f"h:{declined.handoff}")).kind == "expired"
    # no offer for what is refused on purpose, nor for what is answered
    assert (await door.say("thủ đô nước Pháp là gì")).handoff is None
    assert (await door.say("Bù Đốp xây được bao nhiêu căn nhà Đại đoàn kết?")).handoff is None


async def test_no_offer_on_a_door_that_cannot_bring_the_answer_back(answerer: Answerer, store: Store) -> None:
    web = CollectingDoor(core(answerer, store), door="web", chat_id="c" * 20, user_id="c" * 20)
    declined = await web.say(GAP)
    assert not declined.answered and declined.handoff is None
    assert (await web.press("h:1")).kind == "expired"


async def test_web_gives_an_admin_a_one_time_link(answerer: Answerer, store: Store) -> None:
    admin = CollectingDoor(core(answerer, store), door="telegram", chat_id="9", user_id="9", is_admin=True)
    reply = await admin.say("/web")
    link = next(word for word in plain.text(reply).split() if word.startswith("https://bot.example/admin/vao?t="))
    token = link.split("t=", 1)[1]
    assert await store.console.take_link(token) == store.console.curator("telegram", "9")
    user = CollectingDoor(admin.core, door="telegram", chat_id="8", user_id="8")
    assert (await user.say("/web")).kind == "refused"
    no_url = CollectingDoor(core(answerer, store, url=None), door="telegram", chat_id="9", user_id="9", is_admin=True)
    assert "PUBLIC_URL" in plain.text(await no_url.say("/web"))


def test_web_in_the_terminal_prints_the_link() -> None:
    result = run_cli("chat", stdin="/web\n", env_extra={"PUBLIC_URL": "https://bot.example"})
    assert result.returncode == 0, result.stderr
    assert "https://bot.example/admin/vao?t=" in result.stdout
