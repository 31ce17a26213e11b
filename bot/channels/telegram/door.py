"""The Telegram door: python-telegram-bot updates in, rendered Replies out.

A translation and a renderer, nothing more: an update becomes a neutral
Incoming for the dialogue core, and its Reply becomes HTML messages with
inline buttons (or an edit in place, or a short notice on a pressed button).
Commands, catalogs, rate limits and the admin check all live in the core.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from telegram import Bot, BotCommand, InputFile, LinkPreviewOptions, Message, MessageEntity, Update
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.channels import journal
from bot.channels.background import TYPING_AFTER_SECONDS, Background
from bot.channels.telegram.render import render
from bot.chat import chat_texts
from bot.chat.core import Dialogue
from bot.chat.messages import Attachment, Incoming, Media, Reply
from bot.curation import curator_texts

log = logging.getLogger(__name__)

DOOR = "telegram"
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
COMMANDS = [BotCommand(name, description) for name, description in chat_texts.COMMANDS]


class TelegramDoor:
    """Translates between Telegram and the core."""

    def __init__(self, core: Dialogue, max_upload: int = 5 * 1024 * 1024, typing_after: float = TYPING_AFTER_SECONDS):
        self.core = core
        self.max_upload = max_upload
        self.background = Background(typing_after)

    def install(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        app.add_handler(CallbackQueryHandler(self.button))
        app.add_handler(MessageHandler(filters.TEXT, self.text))
        app.add_handler(MessageHandler(~filters.TEXT & ~filters.StatusUpdate.ALL, self.not_text))
        app.add_error_handler(self.on_error)

    async def post_init(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        try:
            await app.bot.set_my_commands(COMMANDS)
        except TelegramError as exc:  # some Bot API servers do not have it; the bot works without
            log.warning("setMyCommands bị từ chối (%s); bot vẫn chạy tiếp", exc)
        log.info("Bot @%s sẵn sàng; dữ liệu: %s", app.bot.username, self.core.answerer.kb.summary())

    # ------------------------------------------------------------ translation in

    async def text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or not isinstance(message.text, str):
            return
        text = addressed_text(message, context.bot.username, context.bot.id)
        if text is None:
            return  # a group conversation the bot is not part of
        async with self.typing(update, context):
            reply = await self.core.handle(self.incoming(update, text=text))
        await self.send(update, reply)

    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        reply = await self.core.handle(self.incoming(update, action=query.data or ""))
        # a pressed button always gets its spinner stopped; a limit or a thank-you is a short notice there
        brief = reply.kind in ("limited", "notice")
        with contextlib.suppress(TelegramError):
            await query.answer(reply.parts[0] if brief else None)
        if brief:
            return
        if reply.edit and isinstance(query.message, Message):
            await self.edit(query.message, reply)
            return
        await self.send(update, reply)

    async def not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None:
            return
        if message.chat.type != ChatType.PRIVATE and not replies_to(message, context.bot.id):
            return
        caption = message.caption if isinstance(message.caption, str) else None
        incoming = self.incoming(update, media=media_of(message), text=caption)
        document = message.document
        if document is not None and await self.core.wants_file(incoming):
            # a curator's update: the only files ever fetched
            if (document.file_size or 0) > self.max_upload:
                await self.send(update, Reply.say("invalid", curator_texts.file_too_large(self.max_upload)))
                return
            try:
                file = await document.get_file()
                data = bytes(await file.download_as_bytearray())
            except TelegramError as exc:
                log.warning("Không tải được tệp %s: %s", document.file_name, exc)
                await self.send(update, Reply.say("invalid", curator_texts.DOWNLOAD_FAILED))
                return
            incoming = incoming.model_copy(update={"attachment": Attachment(name=document.file_name or "", data=data)})
        await self.send(update, await self.core.handle(incoming))

    def incoming(self, update: Update, **fields: Any) -> Incoming:
        chat = update.effective_chat
        user = update.effective_user
        message = update.effective_message
        return Incoming(
            door=DOOR,
            chat_id=str(chat.id) if chat else "",
            user_id=str(user.id) if user else "",
            is_group=chat is not None and chat.type != ChatType.PRIVATE,
            message_id=str(message.message_id) if message else None,
            takes_files=True,
            **fields,
        )

    # ------------------------------------------------------------ rendering out

    async def send(self, update: Update, reply: Reply) -> None:
        if reply.silent:
            return
        await journal.before_sending(reply)
        chat = update.effective_chat
        if chat is None:
            return
        messages, keyboard = render(reply)
        message = update.effective_message
        # in a group, answer the asker's message so the thread stays readable
        reply_to = (
            message.message_id
            if message is not None and chat.type != ChatType.PRIVATE and update.callback_query is None
            else None
        )
        try:
            for i, text in enumerate(messages):
                await update.get_bot().send_message(
                    chat.id,
                    text,
                    parse_mode=ParseMode.HTML,
                    reply_markup=keyboard if i == len(messages) - 1 else None,
                    link_preview_options=NO_PREVIEW,
                    reply_to_message_id=reply_to,
                    allow_sending_without_reply=True,
                )
        except TelegramError as exc:
            if reply.kind != "failure":
                raise
            # the core's apology could not go (or may have gone): on_error must not send a second one
            log.warning("Không gửi được lời xin lỗi tới chat %s: %s", chat.id, exc)
            return
        if reply.attachment is not None:
            await update.get_bot().send_document(
                chat.id, InputFile(reply.attachment.data, filename=reply.attachment.name)
            )

    async def send_to(self, bot: Bot, chat_id: str, reply: Reply) -> None:
        """A reply that answers no update (the board's later answer): the same messages and buttons."""
        messages, keyboard = render(reply)
        for i, text in enumerate(messages):
            await bot.send_message(
                int(chat_id),
                text,
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard if i == len(messages) - 1 else None,
                link_preview_options=NO_PREVIEW,
            )

    async def edit(self, message: Message, reply: Reply) -> None:
        messages, keyboard = render(reply)
        try:
            await message.edit_text(
                messages[0], parse_mode=ParseMode.HTML, reply_markup=keyboard, link_preview_options=NO_PREVIEW
            )
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():  # pressing the current page changes nothing
                raise

    def typing(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> AbstractAsyncContextManager[None]:
        """ "typing…" while a slow answer is worked out: in the background, never waited for."""
        chat = update.effective_chat
        if chat is None:
            return contextlib.nullcontext()
        return self.background.unless_quick(
            lambda: context.bot.send_chat_action(chat.id, ChatAction.TYPING), "sendChatAction"
        )

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """What failed outside the core (sending, editing, fetching a file): the core itself
        answers its own failures with chat_texts.FAILURE, and send() never lets that one come here."""
        log.error("Lỗi khi xử lý %s", describe(update), exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat is not None:
            with contextlib.suppress(TelegramError):
                await update.get_bot().send_message(update.effective_chat.id, chat_texts.FAILURE)


def replies_to(message: Message, bot_id: int) -> bool:
    replied = message.reply_to_message
    return replied is not None and replied.from_user is not None and replied.from_user.id == bot_id


def addressed_text(message: Message, username: str | None, bot_id: int) -> str | None:
    """The text, when the message is for the bot: any private message; in a group, a command
    for this bot, a message mentioning it, or a reply to it (the mention removed)."""
    text = message.text or ""
    if message.chat.type == ChatType.PRIVATE:
        return text
    if text.startswith("/"):
        target = text.split(maxsplit=1)[0].partition("@")[2]
        return text if not target or (username is not None and target.lower() == username.lower()) else None
    mention = f"@{username}".lower() if username else None
    mentioned = False
    for value in message.parse_entities([MessageEntity.MENTION]).values():
        if mention and value.lower() == mention:
            mentioned = True
            text = text.replace(value, " ")
    if not (mentioned or replies_to(message, bot_id)):
        return None
    return " ".join(text.split())


def media_of(message: Message) -> Media:
    if message.photo:
        return "image"
    if message.sticker:
        return "sticker"
    if message.voice or message.audio or message.video_note:
        return "voice"
    if message.document:
        return "file"
    return "other"


def describe(update: object) -> str:
    """A line for the log about any update, however malformed: this runs in the error handler,
    so it must not fail on what made the handler fail."""
    if not isinstance(update, Update):
        return repr(update)[:200]
    try:
        chat = update.effective_chat
        user = update.effective_user
        message = update.effective_message
        text = repr(message.text)[:100] if message is not None else "None"
        data = repr(update.callback_query.data)[:100] if update.callback_query else "None"
        return (
            f"update {update.update_id} (chat {getattr(chat, 'id', None)}, user {getattr(user, 'id', None)}, "
            f"text {text}, callback {data})"
        )
    except Exception:  # a log line must never raise
        return f"update {getattr(update, 'update_id', '?')} (unreadable)"


def updates_allowed() -> Sequence[str]:
    return Update.ALL_TYPES
