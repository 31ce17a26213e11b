"""The e2e harness itself: a tiny real python-telegram-bot Application against the emulator."""

from __future__ import annotations

import asyncio
import datetime as dtm
import re
import shutil
from pathlib import Path

import pytest
from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.e2e import emulator as emulator_module
from tests.e2e.emulator import Emulator, EmulatorNotAvailable, EmulatorProcess, run_polling

USER = 424242
GUARD = 15  # seconds: no single bot call may hang longer than this


def tiny_app(emu: Emulator) -> Application:  # type: ignore[type-arg]
    """Echo text, show a keyboard on /menu, answer button presses."""

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"echo: {update.effective_message.text}", do_quote=True)

    async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        keyboard = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton("Một", callback_data="pick:1"),
                    InlineKeyboardButton("Hai", callback_data="pick:2"),
                ]
            ]
        )
        await update.effective_message.reply_text("<b>Chọn</b> một:", parse_mode=ParseMode.HTML, reply_markup=keyboard)

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and query.message is not None
        await query.answer("ok")
        await context.bot.send_message(query.message.chat.id, f"you picked {query.data}")
        await query.edit_message_text(f"picked {query.data}")

    app = emu.application_builder().build()
    app.add_handler(CommandHandler("menu", menu))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.add_handler(CallbackQueryHandler(pressed))
    return app


def test_token_and_urls(emulator: Emulator) -> None:
    assert re.fullmatch(r"\d+:[A-Za-z0-9_-]{20,}", emulator.token)
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/bot", emulator.base_url)
    assert emulator.bot_id == int(emulator.token.split(":")[0])
    assert emulator.bot_username == "lam_theo_bac_bot"


async def test_get_me_is_a_bot(emulator: Emulator) -> None:
    app = emulator.application_builder().build()
    async with app:  # initialize() calls getMe and needs is_bot
        me = await asyncio.wait_for(app.bot.get_me(), GUARD)
        assert me.is_bot is True
        assert me.id == emulator.bot_id
        assert me.username == emulator.bot_username
        assert app.bot.username == emulator.bot_username


async def test_echo_over_polling(emulator: Emulator) -> None:
    async with run_polling(tiny_app(emulator)):
        sent = await emulator.send_message("xin chào Bác", user_id=USER)
        [reply] = await emulator.wait_for_bot_messages(USER)
        assert reply.text == "echo: xin chào Bác"
        assert reply.chat_id == USER
        assert reply.reply_to_message_id == sent.message_id

        await emulator.send_message("lần hai", user_id=USER)
        [second] = await emulator.wait_for_bot_messages(USER)
        assert second.text == "echo: lần hai"
        assert [m.text for m in await emulator.bot_messages(USER)] == ["echo: xin chào Bác", "echo: lần hai"]


async def test_callback_query_is_answered_and_handled(emulator: Emulator) -> None:
    async with run_polling(tiny_app(emulator)):
        await emulator.send_command("/menu", user_id=USER)
        [menu] = await emulator.wait_for_bot_messages(USER)
        assert menu.text == "<b>Chọn</b> một:" and menu.parse_mode == "HTML"
        assert [b["callback_data"] for b in menu.buttons] == ["pick:1", "pick:2"]

        sent = await emulator.send_callback(menu.button("Hai")["callback_data"], message=menu, user_id=USER)
        [picked] = await emulator.wait_for_bot_messages(USER)
        assert picked.text == "you picked pick:2"

        [answer] = await emulator.wait_for_api_call("answerCallbackQuery")
        assert answer["ok"] is True
        assert answer["params"]["callback_query_id"] == sent.callback_query_id
        assert answer["params"]["text"] == "ok"

        edited = await emulator.wait_for_edit(USER, menu.message_id)
        assert edited.text == "picked pick:2"
        assert edited.buttons == []  # an edit without reply_markup drops the keyboard, as on Telegram
        assert edited.edits[0]["method"] == "editMessageText"


async def test_group_command(emulator: Emulator) -> None:
    seen: list[tuple[int, str, str]] = []

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_chat is not None and update.effective_message is not None
        seen.append((update.effective_chat.id, update.effective_chat.type, update.effective_message.text or ""))
        await update.effective_message.reply_text("chào nhóm")

    app = emulator.application_builder().build()
    app.add_handler(CommandHandler("start", start))
    async with run_polling(app):
        group = -4001234567
        await emulator.send_command(
            f"/start@{emulator.bot_username} hi", chat_id=group, user_id=USER, chat_type="group"
        )
        sent = await emulator.send_message("không phải lệnh", chat_id=group, user_id=USER, chat_type="group")
        [reply] = await emulator.wait_for_bot_messages(group)
        assert reply.text == "chào nhóm"
        assert reply.reply_to_message_id is not None  # PTB quotes by default in groups
        assert sent.message_id > reply.reply_to_message_id
    assert seen == [(group, "group", f"/start@{emulator.bot_username} hi")]


async def test_unsupported_methods_raise_telegram_error(emulator: Emulator) -> None:
    app = emulator.application_builder().build()
    async with app:
        bot = app.bot
        with pytest.raises(TelegramError) as raised:
            await asyncio.wait_for(bot.set_my_commands([BotCommand("start", "Bắt đầu")]), GUARD)
        assert isinstance(raised.value, BadRequest)
        # PTB drops "Bad Request: " and capitalizes the rest (str.capitalize lowercases the name).
        assert "setmycommands" in raised.value.message.lower()
        for call in (
            bot.send_chat_action(USER, ChatAction.TYPING),
            bot.get_webhook_info(),
            bot.delete_my_commands(),
        ):
            with pytest.raises(BadRequest):
                await asyncio.wait_for(call, GUARD)
        failed = await emulator.api_calls(["setMyCommands", "sendChatAction", "getWebhookInfo", "deleteMyCommands"])
        assert [(c["method"], c["ok"], c["error_code"]) for c in failed] == [
            ("setMyCommands", False, 400),
            ("sendChatAction", False, 400),
            ("getWebhookInfo", False, 400),
            ("deleteMyCommands", False, 400),
        ]


async def test_bot_that_ignores_errors_keeps_answering(emulator: Emulator) -> None:
    """A handler hitting an unsupported method goes to the error handler; polling goes on."""
    errors: list[object] = []

    async def typing_then_echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        if update.effective_message.text == "boom":
            await context.bot.send_chat_action(update.effective_message.chat_id, ChatAction.TYPING)
        await update.effective_message.reply_text(update.effective_message.text or "")

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        errors.append(context.error)

    app = emulator.application_builder().build()
    app.add_handler(MessageHandler(filters.TEXT, typing_then_echo))
    app.add_error_handler(on_error)
    async with run_polling(app):
        await emulator.send_message("boom", user_id=USER)
        await emulator.send_message("still here", user_id=USER)
        [reply] = await emulator.wait_for_bot_messages(USER)
        assert reply.text == "still here"
    assert len(errors) == 1 and isinstance(errors[0], BadRequest)


async def test_messages_have_second_dates_and_edits_behave_like_telegram(emulator: Emulator) -> None:
    app = emulator.application_builder().build()
    async with app:
        bot = app.bot
        before = dtm.datetime.now(dtm.UTC) - dtm.timedelta(seconds=5)
        message = await bot.send_message(USER, "một <i>hai</i>", parse_mode=ParseMode.HTML)
        assert before <= message.date <= dtm.datetime.now(dtm.UTC) + dtm.timedelta(seconds=5)
        assert message.from_user is not None and message.from_user.id == emulator.bot_id
        assert message.chat.id == USER

        edited = await bot.edit_message_text("ba", chat_id=USER, message_id=message.message_id)
        assert not isinstance(edited, bool) and edited.text == "ba" and edited.edit_date is not None
        with pytest.raises(BadRequest, match="not modified"):
            await bot.edit_message_text("ba", chat_id=USER, message_id=message.message_id)
        with pytest.raises(BadRequest, match="not found"):
            await bot.edit_message_text("x", chat_id=USER, message_id=987654)

        with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
            await bot.send_message(USER, "a < b <b>", parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match="too long"):
            await bot.send_message(USER, "x" * 4097)
        with pytest.raises(BadRequest, match="empty"):
            await bot.send_message(USER, " ")
        assert await bot.delete_message(USER, message.message_id) is True

    # deleteMessage removes the stored message: neither view shows it unless fetched before.
    assert await emulator.bot_history(USER) == []
    assert await emulator.bot_messages(USER) == []
    [deleted] = await emulator.api_calls("deleteMessage")
    assert deleted["ok"] is True and deleted["params"]["message_id"] == str(message.message_id)


async def test_updates_wait_for_the_bot_and_are_not_lost_on_restart(emulator: Emulator) -> None:
    await emulator.send_message("sent before the bot runs", user_id=USER)
    async with run_polling(tiny_app(emulator)):
        [first] = await emulator.wait_for_bot_messages(USER)
    assert first.text == "echo: sent before the bot runs"

    await emulator.send_message("sent while the bot is down", user_id=USER)
    async with run_polling(tiny_app(emulator)):
        [second] = await emulator.wait_for_bot_messages(USER)
    assert second.text == "echo: sent while the bot is down"
    # Each update was handled once: no echo of the first message the second time.
    assert len(await emulator.bot_messages(USER)) == 2


async def test_tests_are_isolated_by_token(emulator_process: EmulatorProcess, emulator: Emulator) -> None:
    other = emulator_process.new_bot("other")
    try:
        assert other.token != emulator.token
        await other.send_message("for the other bot", user_id=USER)
        app = emulator.application_builder().build()
        async with app:
            assert await app.bot.get_updates(timeout=0) == ()
    finally:
        await other.aclose()


def test_missing_install_fails_with_the_fix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(emulator_module, "PACKAGE_MARKER", tmp_path / "absent" / "package.json")
    with pytest.raises(EmulatorNotAvailable, match="npm ci --prefix tests/e2e"):
        EmulatorProcess.start()

    monkeypatch.delenv("E2E_NODE", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(EmulatorNotAvailable, match="node"):
        EmulatorProcess.start()


def test_process_is_killed_at_stop() -> None:
    process = EmulatorProcess.start()
    try:
        assert process.process.poll() is None
    finally:
        process.stop()
    assert process.process.poll() is not None
