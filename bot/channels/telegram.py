"""The Telegram door: python-telegram-bot handlers around the engine.

No matching logic lives here. A message becomes a question for the engine,
its Answer becomes HTML messages with buttons; commands show what the
knowledge base holds; /reload swaps it for admins.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from collections.abc import Sequence
from typing import Any

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from ..answer import Answer, capitalize_first
from ..engine import (
    Engine,
    ReloadReport,
    district_by_slug,
    district_slug,
    districts_line,
    example_suggestions,
    models_of,
)
from ..knowledge import KnowledgeError, Located
from ..settings import Settings
from .ratelimit import RateLimiter
from .telegram_render import MAX_MESSAGE, Block, label, pack, page_keyboard, render

log = logging.getLogger(__name__)

COMMANDS = [
    BotCommand("start", "Bắt đầu: bot biết gì, câu hỏi mẫu"),
    BotCommand("help", "Cách hỏi và các lệnh"),
    BotCommand("huyen", "Các huyện và bài viết có trong dữ liệu"),
    BotCommand("mohinh", "Các mô hình, phong trào (thêm tên huyện để lọc)"),
    BotCommand("nguon", "Nguồn: các bài viết gốc"),
    BotCommand("hoi", "Đặt câu hỏi (dùng trong nhóm)"),
    BotCommand("reload", "Nạp lại dữ liệu (quản trị viên)"),
]
MODELS_PER_PAGE = 10
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


class TelegramDoor:
    """The handlers, sharing one engine, one rate limiter and the settings."""

    def __init__(self, engine: Engine, settings: Settings, limiter: RateLimiter | None = None):
        self.engine = engine
        self.settings = settings
        self.admins = frozenset(settings.admin_ids)
        self.limiter = limiter or RateLimiter(settings.rate_limit_messages, settings.rate_limit_seconds)

    # ------------------------------------------------------------ wiring

    def install(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        app.add_handler(CommandHandler("start", self.start))
        app.add_handler(CommandHandler("help", self.help))
        app.add_handler(CommandHandler("huyen", self.districts))
        app.add_handler(CommandHandler("mohinh", self.models))
        app.add_handler(CommandHandler("nguon", self.sources))
        app.add_handler(CommandHandler("hoi", self.ask_command))
        app.add_handler(CommandHandler("reload", self.reload))
        app.add_handler(CallbackQueryHandler(self.button))
        app.add_handler(MessageHandler(filters.COMMAND, self.unknown_command))
        app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, self.text))
        app.add_handler(MessageHandler(~filters.TEXT & ~filters.StatusUpdate.ALL, self.not_text))
        app.add_error_handler(self.on_error)

    async def post_init(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        try:
            await app.bot.set_my_commands(COMMANDS)
        except TelegramError as exc:  # some Bot API servers do not have it; the bot works without
            log.warning("setMyCommands bị từ chối (%s); bot vẫn chạy tiếp", exc)
        log.info("Bot @%s sẵn sàng; dữ liệu: %s", app.bot.username, self.engine.kb.summary())

    # ------------------------------------------------------------ questions

    async def text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or message.text is None:
            return
        question = addressed_text(message, context.bot.username, context.bot.id)
        if question is None:
            return  # a group conversation the bot is not part of
        await self.answer_question(update, context, question)

    async def ask_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        question = " ".join(context.args or [])
        if not question.strip():
            await self.reply(
                update, "Gõ câu hỏi sau lệnh, ví dụ:\n/hoi Bù Đốp xây được bao nhiêu căn nhà Đại đoàn kết?"
            )
            return
        await self.answer_question(update, context, question)

    async def answer_question(self, update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
        if not await self.within_limit(update):
            return
        await self.typing(update, context)
        await self.send_answer(update, self.engine.ask(question))

    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None or query.data is None:
            return
        kind, _, arg = query.data.partition(":")
        if kind == "p":  # a page of /mohinh: edit the list in place
            with contextlib.suppress(TelegramError):
                await query.answer()
            await self.show_models_page(update, arg)
            return
        if not await self.within_limit(update):
            with contextlib.suppress(TelegramError):
                await query.answer("Bạn bấm nhanh quá, đợi một chút nhé.")
            return
        with contextlib.suppress(TelegramError):
            await query.answer()
        await self.typing(update, context)
        await self.send_answer(update, self.engine.resolve(query.data))

    async def not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None:
            return
        in_group = message.chat.type != ChatType.PRIVATE
        replying_to_bot = message.reply_to_message is not None and (
            message.reply_to_message.from_user is not None and message.reply_to_message.from_user.id == context.bot.id
        )
        if in_group and not replying_to_bot:
            return
        await self.reply(
            update,
            "Mình chỉ đọc được tin nhắn chữ (không xem được ảnh, nhãn dán, tệp hay tin thoại). "
            "Bạn hãy gõ câu hỏi, ví dụ: «Kiên Lương có những mô hình nào?». Gõ /help để xem "
            "hướng dẫn.",
        )

    async def unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or message.chat.type != ChatType.PRIVATE:
            return  # in groups, other bots' commands are none of our business
        await self.reply(update, "Mình không có lệnh này. Gõ /help để xem các lệnh, hoặc hỏi thẳng bằng tiếng Việt.")

    # ------------------------------------------------------------ commands

    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        kb = self.engine.kb
        text = (
            "<b>Xin chào!</b> Mình trả lời câu hỏi về kết quả <i>học tập và làm theo tư tưởng, đạo đức, phong cách "
            "Hồ Chí Minh</i> (Chỉ thị 05-CT/TW, Kết luận 01-KL/TW) theo các bài viết về các huyện: "
            f"{html.escape(districts_line(kb))}.\n\n"
            "Bạn hỏi bằng tiếng Việt, có dấu hay không dấu đều được: con số (bao nhiêu nhà, bao nhiêu tiền…), "
            "một mô hình (của ai, làm được gì), hay danh sách (huyện X có những mô hình nào). Bấm thử một câu "
            "hỏi mẫu:"
        )
        buttons = [
            [InlineKeyboardButton(label(s.label), callback_data=s.action)]
            for s in example_suggestions(kb, limit=len(kb.examples))
        ]
        await self.reply(update, text, InlineKeyboardMarkup(buttons) if buttons else None)

    async def help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        text = (
            "<b>Cách hỏi</b>\n"
            "• Gõ câu hỏi như khi nhắn tin, có dấu hoặc không dấu: «bu dop xay bn can nha dai doan ket».\n"
            "• Nêu tên huyện để chỉ lấy số liệu của huyện đó.\n"
            "• Hỏi danh sách: «Hội Nông dân Bù Đốp làm được gì?», «Lai Vung có những mô hình nào?».\n"
            "• Bấm nút gợi ý dưới câu trả lời để hỏi tiếp.\n"
            "• Mọi câu trả lời đều ghi nguồn: bài viết, huyện, ngày đăng.\n\n"
            "<b>Lệnh</b>\n"
            + "\n".join(f"/{c.command}: {html.escape(c.description)}" for c in COMMANDS)
            + "\n\nTrong nhóm, bot chỉ trả lời khi được gọi: lệnh /hoi, nhắc tên bot, hoặc trả lời tin của bot."
        )
        await self.reply(update, text)

    async def districts(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        kb = self.engine.kb
        lines = ["<b>Các huyện có dữ liệu</b>"]
        for article in kb.articles.values():
            lines.append(
                f"\n<b>Huyện {html.escape(article.district)}</b> (tỉnh {html.escape(article.province)})\n"
                f"Bài: «{html.escape(article.title)}», {html.escape(article.date_label)}"
            )
        lines.append("\nGõ /mohinh kèm tên huyện để xem các mô hình, ví dụ: /mohinh Lai Vung")
        await self.reply_long(update, "\n".join(lines))

    async def sources(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        kb = self.engine.kb
        lines = ["<b>Nguồn dữ liệu</b>: các bài viết sau (bản sao đã bỏ phần trang trí của trang web)."]
        for article in kb.articles.values():
            author = f"tác giả {article.author}" if article.author else "không ghi tác giả"
            lines.append(
                f"\n• «{html.escape(article.title)}»\n  Huyện {html.escape(article.district)}, tỉnh "
                f"{html.escape(article.province)}; {html.escape(article.date_label)}; {html.escape(author)}; "
                f"tệp gốc {html.escape(article.source_file)}"
            )
        await self.reply_long(update, "\n".join(lines))

    async def models(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        wanted = " ".join(context.args or [])
        district, recognised = self.engine.district_named(wanted)
        if not recognised:
            await self.reply(
                update,
                f"Mình không có dữ liệu về «{html.escape(wanted)}». Các huyện có dữ liệu: "
                f"{html.escape(districts_line(self.engine.kb))}.",
            )
            return
        key = district_slug(self.engine.kb, district) if district else "*"
        text, keyboard = self.models_page(key, 0)
        await self.reply(update, text, keyboard)

    def models_page(self, key: str, page: int) -> tuple[str, InlineKeyboardMarkup | None]:
        kb = self.engine.kb
        district = None if key == "*" else district_by_slug(kb, key)
        if key != "*" and district is None:
            return "Danh sách này đã thay đổi sau khi dữ liệu được nạp lại. Gõ /mohinh để xem lại.", None
        items = models_of(kb, district)
        pages = max(1, -(-len(items) // MODELS_PER_PAGE))
        page = min(max(page, 0), pages - 1)
        shown = items[page * MODELS_PER_PAGE : (page + 1) * MODELS_PER_PAGE]
        where = f"huyện {district}" if district else "các huyện"
        lines = [f"<b>Các mô hình, phong trào ở {html.escape(where)}</b> (trang {page + 1}/{pages})"]
        lines += [model_line(item, with_district=district is None) for item in shown]
        return "\n".join(lines), page_keyboard(f"p:{key}", page, pages)

    async def show_models_page(self, update: Update, arg: str) -> None:
        key, _, page = arg.rpartition(":")
        text, keyboard = self.models_page(key, int(page) if page.isdigit() else 0)
        query = update.callback_query
        if query is None or query.message is None or not isinstance(query.message, Message):
            return
        try:
            await query.message.edit_text(
                text, parse_mode=ParseMode.HTML, reply_markup=keyboard, link_preview_options=NO_PREVIEW
            )
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():  # pressing the current page changes nothing
                raise

    # ------------------------------------------------------------ admin

    async def reload(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user = update.effective_user
        if user is None or user.id not in self.admins:
            log.warning("Từ chối /reload của người dùng id=%s (không phải quản trị viên)", user.id if user else None)
            await self.reply(update, "Chỉ quản trị viên mới được nạp lại dữ liệu.")
            return
        log.info("Quản trị viên id=%s nạp lại dữ liệu từ %s", user.id, self.engine.kb.directory)
        try:
            report = await asyncio.to_thread(self.engine.reload)
        except KnowledgeError as exc:
            log.error("Nạp lại thất bại (%d lỗi); vẫn dùng dữ liệu cũ", len(exc.problems))
            await self.reply_long(update, reload_failure_text(exc))
            return
        log.info("Đã nạp lại: %s", report)
        await self.reply_long(update, reload_report_text(report))

    # ------------------------------------------------------------ plumbing

    async def within_limit(self, update: Update) -> bool:
        user = update.effective_user
        if user is None:
            return True
        allowed, wait = self.limiter.check(user.id)
        if not allowed:
            log.info("Giới hạn tốc độ: người dùng id=%s", user.id)
            if self.limiter.should_warn(user.id) and update.callback_query is None:
                await self.reply(
                    update,
                    f"Bạn hỏi hơi nhanh. Đợi khoảng {max(1, round(wait))} giây rồi hỏi tiếp "
                    "nhé, để mọi người cùng được trả lời.",
                )
        return allowed

    async def typing(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if chat is None:
            return
        try:
            await context.bot.send_chat_action(chat.id, ChatAction.TYPING)
        except TelegramError as exc:  # cosmetic: never let it stop the answer
            log.debug("sendChatAction không thành: %s", exc)

    async def send_answer(self, update: Update, answer: Answer) -> None:
        messages, keyboard = render(answer)
        for i, text in enumerate(messages):
            await self.reply(update, text, keyboard if i == len(messages) - 1 else None)

    async def reply_long(self, update: Update, html_text: str) -> None:
        for text in pack([Block(html_text, lambda t: t)], MAX_MESSAGE):
            await self.reply(update, text)

    async def reply(self, update: Update, text: str, keyboard: InlineKeyboardMarkup | None = None) -> None:
        chat = update.effective_chat
        if chat is None:
            return
        message = update.effective_message
        # in a group, answer the asker's message so the thread stays readable
        reply_to = (
            message.message_id
            if message is not None and chat.type != ChatType.PRIVATE and (update.callback_query is None)
            else None
        )
        await update.get_bot().send_message(
            chat.id,
            text,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard,
            link_preview_options=NO_PREVIEW,
            reply_to_message_id=reply_to,
            allow_sending_without_reply=True,
        )

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        where = describe(update)
        log.error("Lỗi khi xử lý %s", where, exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat is not None:
            with contextlib.suppress(TelegramError):
                await update.get_bot().send_message(
                    update.effective_chat.id, "Xin lỗi, mình gặp trục trặc khi trả lời. Bạn thử lại sau ít phút nhé."
                )


def addressed_text(message: Message, username: str | None, bot_id: int) -> str | None:
    """The question, when the message is for the bot: any private message; in a
    group, a message mentioning the bot or replying to it (mention removed)."""
    text = message.text or ""
    if message.chat.type == ChatType.PRIVATE:
        return text
    mention = f"@{username}".lower() if username else None
    mentioned = False
    for entity, value in message.parse_entities([MessageEntity.MENTION]).items():
        if mention and value.lower() == mention:
            mentioned = True
            text = text.replace(value, " ")
        del entity
    replying = (
        message.reply_to_message is not None
        and message.reply_to_message.from_user is not None
        and (message.reply_to_message.from_user.id == bot_id)
    )
    if not (mentioned or replying):
        return None
    return " ".join(text.split())


def model_line(located: Located, with_district: bool) -> str:
    entry = located.entry
    name = getattr(entry, "name", entry.title)
    org = entry.org or ""
    where = f" [{located.district}]" if with_district else ""
    return f"• {html.escape(capitalize_first(name))} <i>({html.escape(org)})</i>{html.escape(where)}"


def reload_report_text(report: ReloadReport) -> str:
    head = "Đã nạp lại dữ liệu: không có thay đổi." if report.unchanged else "Đã nạp lại dữ liệu."
    lines = [f"<b>{head}</b>", f"Hiện có {report.articles} bài viết, {report.entries} mục."]
    for title, ids in (
        ("Thêm", report.added),
        ("Bỏ", report.removed),
        ("Sửa", report.changed),
        ("Bài viết mới", report.articles_added),
        ("Bài viết bỏ", report.articles_removed),
        ("Bài viết sửa", report.articles_changed),
    ):
        if ids:
            shown = ", ".join(ids[:30]) + (f" … (+{len(ids) - 30})" if len(ids) > 30 else "")
            lines.append(f"{title} ({len(ids)}): {html.escape(shown)}")
    return "\n".join(lines)


def reload_failure_text(exc: KnowledgeError, limit: int = 40) -> str:
    problems = exc.problems
    lines = [f"<b>Không nạp lại được: {len(problems)} lỗi.</b> Bot vẫn dùng dữ liệu cũ.", ""]
    lines += [f"• {html.escape(str(p))}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"… và {len(problems) - limit} lỗi nữa (chạy python -m bot check để xem hết).")
    return "\n".join(lines)


def describe(update: object) -> str:
    if not isinstance(update, Update):
        return repr(update)[:200]
    chat = update.effective_chat
    user = update.effective_user
    message = update.effective_message
    text = (message.text or "")[:100] if message is not None else ""
    data = update.callback_query.data if update.callback_query else None
    return (
        f"update {update.update_id} (chat {chat.id if chat else None}, user {user.id if user else None}, "
        f"text {text!r}, callback {data!r})"
    )


def build_application(
    engine: Engine, settings: Settings, webhook: bool = False, limiter: RateLimiter | None = None
) -> Application[Any, Any, Any, Any, Any, Any]:
    door = TelegramDoor(engine, settings, limiter)
    builder = ApplicationBuilder().token(settings.token).post_init(door.post_init)
    if settings.telegram_base_url:
        base = settings.telegram_base_url
        builder = builder.base_url(base).base_file_url(base.replace("/bot", "/file/bot", 1))
    if webhook:
        builder = builder.updater(None)  # updates arrive through our own web server
    app = builder.build()
    door.install(app)
    app.bot_data["door"] = door
    return app


async def initialize_with_retry(
    app: Application[Any, Any, Any, Any, Any, Any], attempts: int | None = None, first_delay: float = 1.0
) -> None:
    """Initialize, then run post_init. Telegram being unreachable at start is not
    a reason to die: retry with backoff."""
    from telegram.error import NetworkError

    delay = first_delay
    attempt = 0
    while True:
        attempt += 1
        try:
            await app.initialize()
            break
        except NetworkError as exc:  # TimedOut is a NetworkError too
            if attempts is not None and attempt >= attempts:
                raise
            log.warning("Chưa kết nối được Telegram (%s); thử lại sau %.0f giây", exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)
    # Application.run_* would call post_init; we drive the lifecycle ourselves
    if app.post_init is not None:
        await app.post_init(app)


def updates_allowed() -> Sequence[str]:
    return Update.ALL_TYPES
