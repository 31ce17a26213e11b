"""Unit tests of the Telegram door's pieces that need no server."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from telegram import Chat, Message, MessageEntity, User
from telegram.error import TimedOut

from bot.answering import answer_texts
from bot.answering.answer import Answer, Source
from bot.answering.answerer import Answerer
from bot.answering.suggestions import ShowEntry, Suggestion
from bot.channels.telegram.door import TelegramDoor, addressed_text
from bot.channels.telegram.render import MAX_MESSAGE, Block, pack, render
from bot.chat import chat_texts
from bot.chat.actions import encode
from bot.chat.messages import Reply

BOT = User(id=999, first_name="Bot", is_bot=True, username="lam_theo_bac_bot")
ALICE = User(id=1, first_name="Alice", is_bot=False)


def message(
    text: str, chat_type: str = Chat.PRIVATE, reply_to: Message | None = None, entities: tuple[MessageEntity, ...] = ()
) -> Message:
    return Message(
        message_id=5,
        date=dt.datetime.now(dt.UTC),
        chat=Chat(id=-100 if chat_type != Chat.PRIVATE else 1, type=chat_type),
        from_user=ALICE,
        text=text,
        reply_to_message=reply_to,
        entities=entities,
    )


def test_data_is_escaped() -> None:
    answer = Answer(
        answered=True,
        kind="fact",
        text="",
        body="a <b>bold</b> & <script>",
        quotes=("x < y",),
        sources=(Source(article_id="a", title="T <1>", district="D", province="P", date=None, date_label="không ghi"),),
    )
    messages, keyboard = render(Reply.of(answer))
    html = "\n".join(messages)
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;" in html
    assert "x &lt; y" in html and "T &lt;1&gt;" in html
    assert "<blockquote>" in html and "<b>Nguồn:</b>" in html  # our own markup stays
    assert keyboard is None


def test_long_answers_are_split_cleanly() -> None:
    lines = "\n".join(f"• Mô hình số {i} <của hội> & bạn bè" for i in range(600))
    messages = pack([Block("Danh sách:"), Block(lines)])
    assert len(messages) > 1
    assert all(len(m) <= MAX_MESSAGE for m in messages)
    joined = "".join(messages)
    assert "<của" not in joined and joined.count("&lt;của hội&gt;") == 600  # nothing lost, nothing cut in an entity
    # one unbroken run longer than a message is still cut under the limit
    assert all(len(m) <= MAX_MESSAGE for m in pack([Block("x" * 10_000)]))


def test_suggestions_become_buttons_within_64_bytes(answerer: Answerer) -> None:
    answer = answerer.ask("Hội Nông dân Bù Đốp xây bao nhiêu căn nhà")
    _, keyboard = render(Reply.of(answer))
    assert keyboard is not None
    buttons = [b for row in keyboard.inline_keyboard for b in row]
    # the cut quote's whole passage first, then one button per suggestion
    assert answer.quote_of is not None and buttons[0].callback_data == f"q:{answer.quote_of}"
    assert [b.callback_data for b in buttons[1:]] == [encode(s.action) for s in answer.suggestions]
    assert all(len(str(b.callback_data).encode()) <= 64 for b in buttons)
    too_long = Answer(
        answered=True,
        kind="fact",
        text="",
        body="x",
        suggestions=(Suggestion(action=ShowEntry("x" * 70), label="quá dài"),),
    )
    assert render(Reply.of(too_long))[1] is None


def test_every_entry_fits_a_button(answerer: Answerer) -> None:
    assert all(len(encode(ShowEntry(e.id)).encode()) <= 64 for e in answerer.kb.entries)


def test_group_addressing() -> None:
    assert addressed_text(message("bù đốp có gì"), BOT.username, BOT.id) == "bù đốp có gì"
    group = Chat.SUPERGROUP
    assert addressed_text(message("bù đốp có gì", group), BOT.username, BOT.id) is None
    mention = "@lam_theo_bac_bot"
    text = f"{mention} bù đốp có gì"
    entity = MessageEntity(type=MessageEntity.MENTION, offset=0, length=len(mention))
    assert addressed_text(message(text, group, entities=(entity,)), BOT.username, BOT.id) == "bù đốp có gì"
    other = MessageEntity(type=MessageEntity.MENTION, offset=0, length=len("@someone"))
    assert addressed_text(message("@someone bù đốp", group, entities=(other,)), BOT.username, BOT.id) is None
    bots_message = Message(
        message_id=4, date=dt.datetime.now(dt.UTC), chat=Chat(id=-100, type=group), from_user=BOT, text="…"
    )
    assert addressed_text(message("còn Lai Vung?", group, reply_to=bots_message), BOT.username, BOT.id) == (
        "còn Lai Vung?"
    )
    # commands: ours (bare or addressed to us) pass, another bot's do not
    assert addressed_text(message("/hoi bù đốp", group), BOT.username, BOT.id) == "/hoi bù đốp"
    assert addressed_text(message("/huyen@lam_theo_bac_bot", group), BOT.username, BOT.id) == "/huyen@lam_theo_bac_bot"
    assert addressed_text(message("/start@other_bot", group), BOT.username, BOT.id) is None


async def test_an_apology_that_cannot_be_sent_is_not_sent_twice() -> None:
    """The core's apology, when it cannot be sent, stays out of the error handler (which would
    apologise again); any other failed send goes on to it."""

    class Unreachable:
        async def send_message(self, *args: Any, **kwargs: Any) -> None:
            raise TimedOut()

    update: Any = SimpleNamespace(
        effective_chat=Chat(id=1, type=Chat.PRIVATE),
        effective_message=None,
        callback_query=None,
        get_bot=Unreachable,
    )
    door = TelegramDoor(core=None)  # type: ignore[arg-type]
    await door.send(update, Reply.say("failure", chat_texts.FAILURE))  # logged, not raised
    with pytest.raises(TimedOut):
        await door.send(update, Reply.say("invalid", answer_texts.NOT_TEXT))  # on to the error handler


def test_describe_never_fails_on_a_malformed_update() -> None:
    from telegram import Bot, Update

    from bot.channels.telegram.door import describe

    bot = Bot("123:abc")
    data = {
        "update_id": 7,
        "message": {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"}, "text": {"not": "a string"}},
    }
    update = Update.de_json(data, bot)
    line = describe(update)
    assert "update 7" in line and "chat 5" in line and "not" in line
    assert describe(object()).startswith("<object")


def test_a_lone_surrogate_never_reaches_the_core() -> None:
    from bot.chat.messages import Incoming

    incoming = Incoming(door="telegram", chat_id="1", user_id="1", text="Lai Vung \ud800?", action="x\udfff")
    assert incoming.text == "Lai Vung \ufffd?" and incoming.action == "x\ufffd"
    assert incoming.text.encode("utf-8")  # encodable everywhere now
