"""The Zalo door end to end: the real runtime against the fake Zalo Bot API on 127.0.0.1."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.answering.answerer import Answerer
from bot.answering.suggestions import ShowEntry
from bot.channels import plain
from bot.channels.zalo.api import ZALO_TEXT_LIMIT
from bot.chat import chat_texts
from bot.chat.messages import Reply
from bot.hosting.retry import Backoff
from bot.hosting.runner import Runtime
from bot.hosting.settings import Settings
from bot.hosting.zalo_service import ZaloService
from tests.fakes.telegram_api import FakeTelegram, free_port, update
from tests.fakes.zalo_api import FakeZalo, wait_until

ADMIN = "zalo-admin-1"
USER = "zalo-user-7"
SECRET = "zalo-webhook-secret"
HOUSES = "Bù Đốp xây được bao nhiêu căn nhà Đại đoàn kết?"


def settings_for(fake: FakeZalo, kb_dir: Path, **extra: Any) -> Settings:
    values: dict[str, Any] = {
        "zalo_bot_token": fake.token,
        "zalo_base_url": fake.base_url,
        "zalo_admin_ids": (ADMIN,),
        "knowledge_dir": kb_dir,
        "rate_limit_messages": 100,
        "poll_timeout": 1.0,
        **extra,
    }
    return Settings(_env_file=None, **values)


@contextlib.asynccontextmanager
async def zalo_bot(fake: FakeZalo, kb_dir: Path, webhook: bool = False, **extra: Any) -> AsyncIterator[Runtime]:
    port = free_port()
    if webhook:
        extra = {"webhook_url": f"http://127.0.0.1:{port}", "zalo_webhook_secret": SECRET, "port": port, **extra}
    settings = settings_for(fake, kb_dir, **extra)

    def doors(dispatcher: Any) -> list[Any]:
        # quick retries: the test waits for the outcome, not for a real backoff
        return [ZaloService(settings, webhook, dispatcher, Backoff(first=0.01), outbox_delays=(0.01, 0.05))]

    runtime = Runtime(settings, webhook, answerer=Answerer.from_directory(kb_dir), host="127.0.0.1", doors=doors)
    async with runtime:
        await runtime.wait_ready()
        yield runtime


async def ask(fake: FakeZalo, text: str, chat: str = USER, **kwargs: Any) -> list[str]:
    before = len(fake.messages(chat))
    await fake.push_text(chat, kwargs.pop("user", chat), text, **kwargs)
    sent = await fake.wait_for_messages(chat, before + 1)
    await wait_until(lambda: not fake.pending_updates, what="the update to be taken")
    return [m.text for m in sent[before:]]


async def test_polling_answers_and_declines(fake_zalo: FakeZalo, kb_dir: Path) -> None:
    async with zalo_bot(fake_zalo, kb_dir):
        (answer,) = await ask(fake_zalo, "bu dop xay dc bn can nha dai doan ket")
        assert "176" in answer and "Nguồn:" in answer and "<" not in answer  # plain text, never HTML
        (declined,) = await ask(fake_zalo, "Huyện Củ Chi có bao nhiêu mô hình?")
        assert "Củ Chi" in declined and "Lai Vung" in declined and "Nguồn" not in declined
        # both answers took milliseconds: "typing…" would have come after them, so it was not sent
        assert not fake_zalo.calls("sendChatAction")


async def test_typing_is_shown_for_an_answer_slower_than_the_setting(fake_zalo: FakeZalo, kb_dir: Path) -> None:
    async with zalo_bot(fake_zalo, kb_dir, typing_after_seconds=0.0):  # every answer is "slow"
        assert "176" in (await ask(fake_zalo, HOUSES))[0]
        await wait_until(lambda: bool(fake_zalo.calls("sendChatAction")), what="typing to be shown")
        [call] = fake_zalo.calls("sendChatAction")
        assert call.params["action"] == "typing"


async def test_a_slow_typing_indicator_never_delays_the_answer(fake_zalo: FakeZalo, kb_dir: Path) -> None:
    fake_zalo.delays["sendChatAction"] = 60.0  # held until the fake stops
    async with zalo_bot(fake_zalo, kb_dir, typing_after_seconds=0.0):
        (answer,) = await ask(fake_zalo, HOUSES)  # within ask's 10 s, far less than the typing call takes
        assert "176" in answer
        assert not fake_zalo.calls("sendChatAction")  # still held: the answer did not wait for it


async def test_polling_removes_a_webhook_first(fake_zalo: FakeZalo, kb_dir: Path) -> None:
    fake_zalo.webhook_url = "https://old.example.org/zalo"
    async with zalo_bot(fake_zalo, kb_dir):
        assert fake_zalo.calls("deleteWebhook") and fake_zalo.webhook_url == ""
        assert "176" in (await ask(fake_zalo, HOUSES))[0]


async def test_webhook_registration_secret_and_both_envelopes(fake_zalo: FakeZalo, kb_dir: Path) -> None:
    async with zalo_bot(fake_zalo, kb_dir, webhook=True) as runtime:
        port = runtime.settings.port
        (registered,) = fake_zalo.calls("setWebhook")
        assert registered.params["url"] == f"http://127.0.0.1:{port}/zalo"
        assert registered.params["secret_token"] == SECRET
        assert "176" in (await ask(fake_zalo, HOUSES))[0]
        assert "52 tỷ" in (await ask(fake_zalo, "Lai Vung huy động bao nhiêu tiền xây cầu đường?", wrapped=True))[0]
        body = fake_zalo.make_update("message.text.received", "x1", "x1", text=HOUSES)
        async with httpx.AsyncClient(trust_env=False) as http:
            url = f"http://127.0.0.1:{port}/zalo"
            assert (
                await http.post(url, json=body, headers={"X-Bot-Api-Secret-Token": "wrong-secret"})
            ).status_code == 403
            assert (await http.post(url, json=body)).status_code == 403
            ok = {"X-Bot-Api-Secret-Token": SECRET}
            assert (await http.post(url, content=b"[1,2]", headers=ok)).status_code == 400
            health = (await http.get(f"http://127.0.0.1:{port}/healthz")).json()
        assert health["doors"]["zalo"]["webhook"]["registered"] is True
        assert fake_zalo.messages("x1") == []


async def test_long_lists_are_split_under_2000_characters(fake_zalo: FakeZalo, kb_dir: Path) -> None:
    async with zalo_bot(fake_zalo, kb_dir):
        await fake_zalo.push_text(USER, USER, "Bù Đốp có những mô hình nào?")
        await wait_until(lambda: len(fake_zalo.messages(USER)) >= 2, what="a list in several messages")
        await wait_until(lambda: "Nguồn:" in fake_zalo.messages(USER)[-1].text, what="the source, last")
        parts = [m.text for m in fake_zalo.messages(USER)]
        assert all(0 < len(p) <= ZALO_TEXT_LIMIT for p in parts)
        whole = plain.text(Reply.of(Answerer.from_directory(kb_dir).ask("Bù Đốp có những mô hình nào?")))
        assert "Túi an sinh công đoàn" in "\n".join(parts)
        lines = set(whole.splitlines())
        assert all(line in lines for p in parts for line in p.splitlines())  # cut between lines, none lost
        assert sum(len(line) for p in parts for line in p.splitlines()) == sum(len(line) for line in lines if line)


async def test_suggestions_are_numbered_and_picked_by_number(fake_zalo: FakeZalo, kb_dir: Path) -> None:
    async with zalo_bot(fake_zalo, kb_dir):
        (answer,) = await ask(fake_zalo, "Hội Nông dân Bù Đốp xây bao nhiêu căn nhà")
        assert "\n1. " in answer
        first = answer.split("\n1. ", 1)[1].split("\n", 1)[0]
        (picked,) = await ask(fake_zalo, "1")
        offered = Answerer.from_directory(kb_dir).ask("Hội Nông dân Bù Đốp xây bao nhiêu căn nhà").suggestions[0]
        assert offered.label == first and isinstance(offered.action, ShowEntry)
        kb = Answerer.from_directory(kb_dir).kb
        assert " ".join(kb.by_id[offered.action.entry_id].entry.answer.split()) in " ".join(picked.split())
        (nothing,) = await ask(fake_zalo, "7")
        assert "1 đến" in nothing


async def test_images_stickers_and_unsupported_events(fake_zalo: FakeZalo, kb_dir: Path) -> None:
    async with zalo_bot(fake_zalo, kb_dir):
        await fake_zalo.push_image(USER, USER)
        (explained,) = await fake_zalo.wait_for_messages(USER, 1)
        assert "chữ" in explained.text
        await fake_zalo.push_sticker(USER, USER)
        await fake_zalo.wait_for_messages(USER, 2)
        await fake_zalo.push_unsupported(USER, USER)
        (after,) = await ask(fake_zalo, HOUSES)  # the door went on, and the unsupported event got nothing
        assert "176" in after and len(fake_zalo.messages(USER)) == 3


async def test_a_redelivered_update_is_answered_once(fake_zalo: FakeZalo, kb_dir: Path) -> None:
    async with zalo_bot(fake_zalo, kb_dir, webhook=True):
        await ask(fake_zalo, HOUSES)
        await fake_zalo.redeliver()
        (second,) = await ask(fake_zalo, "Lai Vung huy động bao nhiêu tiền xây cầu đường?")
        assert "52 tỷ" in second
        texts = [m.text for m in fake_zalo.messages(USER)]
        assert len(texts) == 2 and sum("176" in t for t in texts) == 1


async def test_quota_errors_are_retried_in_order(fake_zalo: FakeZalo, kb_dir: Path) -> None:
    async with zalo_bot(fake_zalo, kb_dir):
        fake_zalo.fail_next_sends(3)
        await fake_zalo.push_text(USER, USER, HOUSES)
        await fake_zalo.push_text(USER, USER, "Lai Vung huy động bao nhiêu tiền xây cầu đường?")
        sent = await fake_zalo.wait_for_messages(USER, 2)
        assert "176" in sent[0].text and "52 tỷ" in sent[1].text
        assert sum(c.error_code == 429 for c in fake_zalo.calls("sendMessage")) == 3


async def test_a_send_that_finally_fails_does_not_stop_the_door(fake_zalo: FakeZalo, kb_dir: Path) -> None:
    async with zalo_bot(fake_zalo, kb_dir):
        fake_zalo.fail_next_sends(5)  # the outbox's every attempt
        await fake_zalo.push_text(USER, USER, HOUSES)
        await wait_until(lambda: len(fake_zalo.calls("sendMessage")) >= 5, what="the attempts")
        assert "52 tỷ" in (await ask(fake_zalo, "Lai Vung huy động bao nhiêu tiền xây cầu đường?"))[0]


async def test_a_failure_while_handling_gets_the_apology(
    fake_zalo: FakeZalo, kb_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(question: str, context: object) -> object:
        raise RuntimeError("simulated bug")

    async with zalo_bot(fake_zalo, kb_dir) as runtime:
        assert runtime.answerer is not None
        monkeypatch.setattr(runtime.answerer, "converse", broken)
        (sorry,) = await ask(fake_zalo, HOUSES)
        assert sorry == chat_texts.FAILURE
        monkeypatch.undo()
        (answer,) = await ask(fake_zalo, HOUSES)
        assert "176" in answer and len(fake_zalo.messages(USER)) == 2  # one apology, then the door goes on


async def test_reload_for_admins_only(fake_zalo: FakeZalo, kb_dir: Path) -> None:
    async with zalo_bot(fake_zalo, kb_dir):
        (refused,) = await ask(fake_zalo, "/reload")
        assert "quản trị viên" in refused
        (done,) = await ask(fake_zalo, "/reload", chat=ADMIN)
        assert "Đã nạp lại" in done
        (kb_dir / "facts" / "lai-vung.yaml").write_text("article: lai-vung\nentries: [\n", encoding="utf-8")
        (broken,) = await ask(fake_zalo, "/reload", chat=ADMIN)
        assert "Không nạp lại được" in broken and "lai-vung.yaml" in broken
        assert "52 tỷ" in (await ask(fake_zalo, "Lai Vung huy động bao nhiêu tiền xây cầu đường?"))[0]
        (mine,) = await ask(fake_zalo, "/id")
        assert USER in mine


async def test_telegram_and_zalo_in_one_process(fake_zalo: FakeZalo, kb_dir: Path) -> None:
    telegram = FakeTelegram()
    port = free_port()
    settings = settings_for(
        fake_zalo,
        kb_dir,
        telegram_bot_token="123456:" + "B" * 35,
        telegram_base_url=telegram.base_url,
        webhook_url=f"http://127.0.0.1:{port}",
        webhook_secret="telegram-secret",
        zalo_webhook_secret=SECRET,
        port=port,
    )
    async with telegram.running():
        runtime = Runtime(settings, webhook=True, answerer=Answerer.from_directory(kb_dir), host="127.0.0.1")
        async with runtime, httpx.AsyncClient(trust_env=False) as http:
            await runtime.wait_ready()
            assert {s.name for s in runtime.services} == {"telegram", "zalo"}
            headers = {"X-Telegram-Bot-Api-Secret-Token": "telegram-secret"}
            posted = await http.post(f"http://127.0.0.1:{port}/telegram", json=update(1, 77, HOUSES), headers=headers)
            assert posted.status_code == 200
            (zalo_reply,) = await ask(fake_zalo, "Lai Vung huy động bao nhiêu tiền xây cầu đường?")
            await wait_until(lambda: bool(telegram.replies_to(77)), what="the Telegram reply")
            health = (await http.get(f"http://127.0.0.1:{port}/healthz")).json()
    assert "52 tỷ" in zalo_reply and "176" in telegram.replies_to(77)[0]
    assert health["doors"]["telegram"]["ready"] and health["doors"]["zalo"]["ready"]


@pytest.mark.parametrize("value", ["has space", "x"])
def test_malformed_zalo_settings_name_the_variable(value: str) -> None:
    from bot.hosting.settings import SettingsError, load_settings

    with pytest.raises(SettingsError, match="ZALO_BOT_TOKEN"):
        load_settings(_env_file=None, zalo_bot_token=value)
    with pytest.raises(SettingsError, match="ZALO_WEBHOOK_SECRET"):
        load_settings(
            _env_file=None, zalo_bot_token="abc:defghijklmnop", webhook_url="https://x.org", zalo_webhook_secret="short"
        )


async def test_sigterm_in_polling_mode_answers_every_update_taken(fake_zalo: FakeZalo, tmp_path: Path) -> None:
    import asyncio
    import os
    import signal
    import subprocess
    import sys

    from tests.conftest import KNOWLEDGE, ROOT

    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_", "ZALO_"))}
    env.update(
        ZALO_BOT_TOKEN=fake_zalo.token,
        ZALO_BASE_URL=fake_zalo.base_url,
        KNOWLEDGE_DIR=str(KNOWLEDGE),
        POLL_TIMEOUT="1",
        RATE_LIMIT_MESSAGES="100",
        DATABASE_URL=f"sqlite:///{tmp_path / 'bot.sqlite3'}",
    )
    fake_zalo.delays["sendMessage"] = 0.5  # replies are slow: some are still owed at SIGTERM
    chats = [f"drain-{i}" for i in range(8)]
    log = tmp_path / "bot.log"
    with log.open("wb") as out:
        bot = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--polling"], env=env, cwd=ROOT, stdout=out, stderr=out
        )
        try:
            await wait_until(lambda: bool(fake_zalo.calls("getUpdates")), timeout=60, what="the bot polling")
            for chat in chats:
                await fake_zalo.push_text(chat, chat, HOUSES)
            await wait_until(lambda: fake_zalo.pending_updates == 0, timeout=60, what="every update taken")
            bot.send_signal(signal.SIGTERM)
            code = await asyncio.to_thread(bot.wait, 60)
        finally:
            if bot.poll() is None:
                bot.kill()
    assert code == 0, log.read_text(encoding="utf-8")
    assert all(any("176" in m.text for m in fake_zalo.messages(chat)) for chat in chats)
