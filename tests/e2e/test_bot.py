"""The real Application of the bot, over HTTP, against the Bot API emulator."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from telegram.error import NetworkError

from bot.answering.answerer import Answerer
from bot.chat import chat_texts
from bot.hosting import wiring
from bot.hosting.dispatcher import ChatDispatcher
from bot.hosting.retry import Backoff
from bot.hosting.runner import Runtime
from bot.hosting.settings import Settings
from bot.hosting.telegram_service import SECRET_HEADER, TelegramService, build_application
from bot.knowledge.schema import Figure
from tests.e2e.emulator import BotMessage, Emulator
from tests.fakes.telegram_api import free_port, update

ADMIN = 4242
USER = 10001
SECRET = "e2e_webhook_secret-123"


def settings_for(emu: Emulator, kb_dir: Path, **extra: Any) -> Settings:
    values: dict[str, Any] = {
        "telegram_bot_token": emu.token,
        "telegram_base_url": emu.base_url,
        "admin_ids": (ADMIN,),
        "knowledge_dir": kb_dir,
        "rate_limit_messages": 50,
        "poll_timeout": 1.0,
        # "typing…" for every typed question, however quick, so the tests can see it sent or refused
        "typing_after_seconds": 0.0,
        **extra,
    }
    return Settings(_env_file=None, **values)


@dataclass
class RunningBot:
    emu: Emulator
    answerer: Answerer
    kb_dir: Path


@contextlib.asynccontextmanager
async def polling_bot(emu: Emulator, kb_dir: Path, **extra: Any) -> AsyncIterator[RunningBot]:
    answerer = Answerer.from_directory(kb_dir)
    async with Runtime(settings_for(emu, kb_dir, **extra), webhook=False, answerer=answerer) as runtime:
        await runtime.wait_ready()
        yield RunningBot(emu, answerer, kb_dir)


@pytest.fixture
async def bot(emulator: Emulator, kb_dir: Path) -> AsyncIterator[RunningBot]:
    async with polling_bot(emulator, kb_dir) as running:
        yield running


async def ask(emu: Emulator, text: str, **kwargs: Any) -> BotMessage:
    sent = await emu.send_message(text, **kwargs)
    (reply,) = await emu.wait_for_bot_messages(sent.chat_id, count=1)
    return reply


def text_of(message: BotMessage) -> str:
    """The text of a message the bot sent; every message these tests read has one."""
    assert message.text is not None, f"bot message {message.message_id} has no text: {message.raw!r}"
    return message.text


# ---------------------------------------------------------------- polling


async def test_question_answered_with_source(bot: RunningBot) -> None:
    reply = await ask(bot.emu, "bu dop xay dc bn can nha dai doan ket")
    assert reply.parse_mode == "HTML"
    assert "176" in text_of(reply) and "<b>Nguồn:</b>" in text_of(reply) and "<blockquote>" in text_of(reply)


async def test_declined_question(bot: RunningBot) -> None:
    reply = await ask(bot.emu, "Huyện Củ Chi có bao nhiêu mô hình?")
    assert "Củ Chi" in text_of(reply) and "Lai Vung" in text_of(reply)
    assert "Nguồn" not in text_of(reply)
    # the hints are the curated examples, as buttons
    assert reply.buttons and all(b["callback_data"].startswith("x:") for b in reply.buttons)


async def test_suggestion_button_answers_that_entry(bot: RunningBot) -> None:
    reply = await ask(bot.emu, "Hội Nông dân Bù Đốp xây bao nhiêu căn nhà")
    assert reply.buttons
    button = next(b for b in reply.buttons if b["callback_data"].startswith("e:"))  # not the whole quote's
    entry_id = button["callback_data"].removeprefix("e:")
    typed = len(await bot.emu.wait_for_api_call("sendChatAction"))  # "typing…" for the typed question
    await bot.emu.send_callback(button["callback_data"], message=reply)
    (answer,) = await bot.emu.wait_for_bot_messages(reply.chat_id, count=1)
    entry = bot.answerer.kb.by_id[entry_id].entry
    assert isinstance(entry, Figure)  # a "how many" question: its suggestions are figures
    assert entry.answer.split()[0] in text_of(answer)
    assert entry.value in text_of(answer)
    await bot.emu.wait_for_api_call("answerCallbackQuery")
    # the press's answer was ready at once: no "typing…" sent before it
    assert len(await bot.emu.api_calls("sendChatAction")) == typed


async def test_start_offers_examples_that_work(bot: RunningBot) -> None:
    sent = await bot.emu.send_command("/start")
    (welcome,) = await bot.emu.wait_for_bot_messages(sent.chat_id)
    assert "Bù Đốp" in text_of(welcome) and len(welcome.buttons) == len(bot.answerer.kb.examples)
    await bot.emu.send_callback(welcome.buttons[0]["callback_data"], message=welcome)
    (answer,) = await bot.emu.wait_for_bot_messages(sent.chat_id)
    assert "176" in text_of(answer)


async def test_help_sources_and_districts(bot: RunningBot) -> None:
    sources = ("/nguon", "Những kết quả nổi bật sau 2 năm")
    for command, expected in (("/help", "/mohinh"), sources, ("/huyen", "Đồng Tháp")):
        sent = await bot.emu.send_command(command)
        (reply,) = await bot.emu.wait_for_bot_messages(sent.chat_id)
        assert expected in text_of(reply), command


async def test_models_are_paged(bot: RunningBot) -> None:
    sent = await bot.emu.send_command("/mohinh bu dop")
    (page,) = await bot.emu.wait_for_bot_messages(sent.chat_id)
    assert "trang 1/" in text_of(page) and "Bù Đốp" in text_of(page)
    forward = page.button(chat_texts.NEXT_PAGE)
    await bot.emu.send_callback(forward["callback_data"], message=page)
    edited = await bot.emu.wait_for_edit(sent.chat_id, page.message_id)
    assert "trang 2/" in edited.edits[-1]["text"]
    sent = await bot.emu.send_command("/mohinh Củ Chi")
    (unknown,) = await bot.emu.wait_for_bot_messages(sent.chat_id)
    assert "Củ Chi" in text_of(unknown) and "Kiên Lương" in text_of(unknown)


async def test_group_answers_only_when_addressed(bot: RunningBot) -> None:
    emu = bot.emu
    group = "supergroup"
    await emu.send_message("Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết?", chat_type=group)  # not for the bot
    await emu.send_message("một tấm ảnh đẹp quá", chat_type=group)
    asked = await emu.send_command("/hoi Lai Vung huy động được bao nhiêu tiền xây cầu đường?", chat_type=group)
    (reply,) = await emu.wait_for_bot_messages(asked.chat_id)
    assert "52 tỷ" in text_of(reply)
    assert reply.reply_to_message_id == asked.message_id  # answers the asker's message
    mention = f"@{emu.bot_username}"
    text = f"{mention} Kiên Lương có những mô hình nào?"
    entity = {"type": "mention", "offset": 0, "length": len(mention)}
    await emu.send_message(text, entities=[entity], chat_type=group)
    (listed,) = await emu.wait_for_bot_messages(asked.chat_id)
    assert "Nụ cười công sở" in text_of(listed)
    follow = await emu.send_message(
        "còn Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết?", reply_to_message=listed, chat_type=group
    )
    (answer,) = await emu.wait_for_bot_messages(follow.chat_id)
    assert "176" in text_of(answer)
    # exactly three replies: the first two group messages were left alone
    assert len(await emu.bot_messages(asked.chat_id)) == 3


async def test_bot_survives_unsupported_methods(bot: RunningBot) -> None:
    await ask(bot.emu, "Kiên Lương có những mô hình nào?")
    (commands,) = await bot.emu.api_calls("setMyCommands")
    assert commands["ok"] is False  # refused by this Bot API server, logged, and the bot carried on
    typing = await bot.emu.api_calls("sendChatAction")
    assert typing and not any(call["ok"] for call in typing)
    assert "176" in text_of(await ask(bot.emu, "Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết?"))


async def test_emoji_and_stickers_get_a_short_explanation(bot: RunningBot) -> None:
    reply = await ask(bot.emu, "😀😀😀")
    assert "bằng chữ" in text_of(reply)
    sticker = {
        "file_id": "CAACAgIAAxk",
        "file_unique_id": "AgAD",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "type": "regular",
        "emoji": "👍",
    }
    user = {"id": USER, "is_bot": False, "first_name": "Lan"}
    await bot.emu._post(
        "/sendMessage",
        {
            "botToken": bot.emu.token,
            "from": user,
            "sticker": sticker,
            "chat": {"id": USER, "type": "private", "first_name": "Lan"},
            "date": int(time.time()),
        },
    )
    (explained,) = await bot.emu.wait_for_bot_messages(USER)
    assert "nhãn dán" in text_of(explained) and "/help" in text_of(explained)


async def test_long_answers_stay_under_the_limit(bot: RunningBot) -> None:
    sent = await bot.emu.send_message("Bù Đốp có những mô hình nào?")
    replies = await bot.emu.wait_for_bot_messages(sent.chat_id)
    assert all(len(text_of(r)) <= 4096 for r in replies)
    assert "Túi an sinh công đoàn" in text_of(replies[0])


# ---------------------------------------------------------------- reload


def edit_house_figure(kb_dir: Path, old: str, new: str) -> None:
    article = kb_dir / "articles" / "bu-dop.txt"
    article.write_text(
        article.read_text(encoding="utf-8").replace(f"Xây dựng {old} căn", f"Xây dựng {new} căn"), encoding="utf-8"
    )
    facts = kb_dir / "facts" / "bu-dop.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


async def test_admin_reload_serves_the_edited_figure(bot: RunningBot) -> None:
    question = "Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết?"
    assert "176" in text_of(await ask(bot.emu, question, user_id=ADMIN))
    edit_house_figure(bot.kb_dir, "176", "178")
    sent = await bot.emu.send_command("/reload", user_id=ADMIN)
    (report,) = await bot.emu.wait_for_bot_messages(sent.chat_id)
    assert "Đã nạp lại" in text_of(report) and "bd-mttq-nha-dai-doan-ket" in text_of(report)
    assert "Bài viết sửa (1): bu-dop" in text_of(report)
    reply = await ask(bot.emu, question, user_id=ADMIN)
    assert "178" in text_of(reply) and "176" not in text_of(reply)


async def test_non_admin_reload_is_refused_and_logged(bot: RunningBot, caplog: pytest.LogCaptureFixture) -> None:
    edit_house_figure(bot.kb_dir, "176", "178")
    with caplog.at_level(logging.WARNING):
        sent = await bot.emu.send_command("/reload", user_id=USER)
        (reply,) = await bot.emu.wait_for_bot_messages(sent.chat_id)
    assert "quản trị viên" in text_of(reply)
    assert f"telegram:{USER}" in caplog.text
    assert "176" in text_of(await ask(bot.emu, "Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết?"))


async def test_broken_reload_reports_errors_and_keeps_old_answers(bot: RunningBot) -> None:
    facts = bot.kb_dir / "facts" / "bu-dop.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace('value: "176"', 'value: "999"'), encoding="utf-8")
    (bot.kb_dir / "facts" / "lai-vung.yaml").write_text("article: lai-vung\nentries: [\n", encoding="utf-8")
    sent = await bot.emu.send_command("/reload", user_id=ADMIN)
    (report,) = await bot.emu.wait_for_bot_messages(sent.chat_id)
    assert "Không nạp lại được" in text_of(report) and "dữ liệu cũ" in text_of(report)
    assert "bu-dop.yaml" in text_of(report) and "trường value" in text_of(report)
    assert "lai-vung.yaml" in text_of(report) and "dòng" in text_of(report)
    assert "176" in text_of(await ask(bot.emu, "Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết?", user_id=ADMIN))
    assert "52 tỷ" in text_of(await ask(bot.emu, "Lai Vung huy động được bao nhiêu tiền xây cầu đường?"))


# ---------------------------------------------------------------- limits and errors


async def test_flooding_user_is_slowed_down_politely(emulator: Emulator, kb_dir: Path) -> None:
    async with polling_bot(emulator, kb_dir, rate_limit_messages=2, rate_limit_seconds=60) as running:
        emu = running.emu
        for _ in range(4):
            await emu.send_message("Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết?")
        replies = await emu.wait_for_bot_messages(USER, count=3)
        assert ["176" in text_of(r) for r in replies] == [True, True, False]
        assert "nhanh" in text_of(replies[2])
        # another user is still served
        assert "52 tỷ" in text_of(await ask(emu, "Lai Vung huy động được bao nhiêu tiền xây cầu đường?", user_id=777))
        assert len(await emu.bot_messages(USER)) == 3  # the fourth message got no reply at all


async def test_a_failing_handler_is_reported_and_the_bot_goes_on(
    bot: RunningBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_converse = bot.answerer.converse
    calls = {"n": 0}

    def flaky(question: str, context: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("simulated bug")
        return real_converse(question, context)

    monkeypatch.setattr(bot.answerer, "converse", flaky)
    sorry = await ask(bot.emu, "Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết?")
    assert "trục trặc" in text_of(sorry)
    assert "176" in text_of(await ask(bot.emu, "Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết?"))
    assert len(await bot.emu.bot_messages(USER)) == 2  # one apology: the core's, not the error handler's too


async def test_unreachable_telegram_is_retried(
    monkeypatch: pytest.MonkeyPatch, emulator: Emulator, kb_dir: Path
) -> None:
    settings = settings_for(emulator, kb_dir)
    service = TelegramService(settings, webhook=False, dispatcher=ChatDispatcher(), backoff=Backoff(first=0.01))
    app = build_application(wiring.dialogue(Answerer.from_directory(kb_dir), settings), settings)
    real_initialize = app.initialize
    failures = {"left": 2}

    async def flaky_initialize() -> None:
        if failures["left"]:
            failures["left"] -= 1
            raise NetworkError("connection refused")
        await real_initialize()

    monkeypatch.setattr(app, "initialize", flaky_initialize)
    assert not service.ready and "Telegram" in str(service.health()["problem"])
    await service._connect(app)
    assert failures["left"] == 0 and app.bot.username == emulator.bot_username and service.connected
    await app.shutdown()


# ---------------------------------------------------------------- webhook


async def test_webhook_mode(emulator: Emulator, kb_dir: Path) -> None:
    port = free_port()
    settings = settings_for(
        emulator, kb_dir, webhook_url=f"https://bot.example.org/hook/{port}", webhook_secret=SECRET, port=port
    )
    answerer = Answerer.from_directory(kb_dir)
    base = f"http://127.0.0.1:{port}"
    runtime = Runtime(settings, webhook=True, answerer=answerer, host="127.0.0.1")
    async with runtime, httpx.AsyncClient(trust_env=False) as http:
        await runtime.wait_ready()
        (registered,) = await emulator.api_calls("setWebhook")
        assert registered["params"]["url"] == f"https://bot.example.org/hook/{port}"
        assert registered["params"]["secret_token"] == SECRET

        health = (await http.get(f"{base}/healthz")).json()
        assert health["knowledge"]["loaded"] is True and health["knowledge"]["entries"] == len(answerer.kb.entries)
        assert health["doors"]["telegram"]["webhook"]["registered"] is True

        refused = await http.post(
            f"{base}/hook/{port}", json=update(1, 5555, "thời tiết"), headers={SECRET_HEADER: "wrong"}
        )
        assert refused.status_code == 403
        missing = await http.post(f"{base}/hook/{port}", json=update(2, 5555, "thời tiết"))
        assert missing.status_code == 403
        garbage = await http.post(f"{base}/hook/{port}", content=b"not json", headers={SECRET_HEADER: SECRET})
        assert garbage.status_code == 400

        ok = await http.post(
            f"{base}/hook/{port}",
            json=update(3, 5555, "Lai Vung huy động được bao nhiêu tiền xây cầu đường?"),
            headers={SECRET_HEADER: SECRET},
        )
        assert ok.status_code == 200
        (reply,) = await emulator.wait_for_bot_messages(5555)
        assert "52 tỷ" in text_of(reply)
        # the refused updates were never processed
        await asyncio.sleep(0)
        assert len(await emulator.bot_messages(5555)) == 1
