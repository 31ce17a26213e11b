"""What crosses between a door and the core: a neutral incoming message and a plain-data reply.

A door translates its platform's update into an :class:`Incoming` and renders
the :class:`Reply` in its medium (HTML and buttons, plain text and numbers, a
terminal). Neither holds anything of a platform.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from bot.answering.answer import Answer, Source
from bot.answering.suggestions import ShowQuote, Suggestion
from bot.chat import chat_texts
from bot.chat.actions import Action, HandOff
from bot.language.folding import whole_characters

ReplyKind = Literal[
    "fact",
    "list",
    "clarify",
    "decline",
    "smalltalk",
    "invalid",
    "command",  # a command's own output (/start, /help, /huyen…)
    "catalog",  # a view of what the base holds (/mohinh pages…)
    "expired",  # a button or number that no longer means anything
    "refused",  # an admin command from someone who is not one
    "limited",  # too many messages: the once-per-window warning
    "silent",  # nothing to send (still limited, already warned; not addressed to the bot)
    "notice",  # a short acknowledgement (feedback taken): a toast where the medium has one
    "failure",  # handling the message failed: an apology, rendered like any short text
]
Media = Literal["image", "sticker", "file", "voice", "other"]


class Attachment(BaseModel):
    """A file that came with a message (a curator's upload) or goes with a reply (an export)."""

    model_config = ConfigDict(frozen=True)

    name: str
    data: bytes


class Incoming(BaseModel):
    """One message to the bot, whatever door it came through."""

    model_config = ConfigDict(frozen=True)

    door: str  # "telegram", "zalo", "console"…
    chat_id: str
    user_id: str
    text: str | None = None  # typed text (a question, a command, a suggestion's number)
    action: str | None = None  # a pressed button's data, as the platform delivered it
    media: Media | None = None  # a message with no text: a photo, a sticker…
    is_group: bool = False
    is_admin: bool | None = None  # None: the core decides from the configured admin ids
    message_id: str | None = None
    attachment: Attachment | None = None  # a file sent with the message (its caption is `text`)
    takes_files: bool = False  # the door can receive files from users (Zalo's bots cannot)

    @field_validator("text", "action")
    @classmethod
    def _encodable(cls, value: str | None) -> str | None:
        # a lone surrogate (JSON can carry one) would break recording, logging and every reply
        return None if value is None else whole_characters(value)

    @property
    def conversation(self) -> str:
        """Whose conversation this is: the chat, and in a group each member's own."""
        key = f"{self.door}:{self.chat_id}"
        return f"{key}:{self.user_id}" if self.is_group else key


class Choice(BaseModel):
    """Something to pick that is not an answer's suggestion: a page turn."""

    model_config = ConfigDict(frozen=True)

    label: str
    action: Action


class Page(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int  # from 1
    total: int
    current: Action | None = None
    previous: Action | None = None
    next: Action | None = None


class Reply(BaseModel):
    """What the bot says back, as plain data for any door to render."""

    model_config = ConfigDict(frozen=True)

    kind: ReplyKind
    answered: bool = False  # it states something from the base
    title: str | None = None
    parts: tuple[str, ...] = ()  # blocks of text; a door splits long replies between them
    quotes: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    suggestions_heading: str | None = None
    page: Page | None = None
    edit: bool = False  # a page turn: replace the list whose button was pressed, where the medium can
    answer: Answer | None = None  # the answerer's answer, when the reply is one
    whole_quote: ShowQuote | None = None  # the quotes were cut: the whole passage, one button or word away
    feedback: int | None = None  # the recorded question this answers: users may rate it
    handoff: int | None = None  # the recorded question the bot could not answer: the user may send it to the board
    attachment: Attachment | None = None  # a file to send with the reply (an export)

    @classmethod
    def of(cls, answer: Answer) -> Reply:
        return cls(
            kind=answer.kind,
            answered=answer.answered,
            parts=tuple(p for p in answer.body.split("\n\n") if p.strip()),
            quotes=answer.quotes,
            sources=answer.sources,
            suggestions=answer.suggestions,
            suggestions_heading=answer.suggestions_heading if answer.suggestions else None,
            answer=answer,
            whole_quote=ShowQuote(answer.quote_of) if answer.quote_of else None,
        )

    @classmethod
    def say(cls, kind: ReplyKind, *parts: str, title: str | None = None) -> Reply:
        return cls(kind=kind, title=title, parts=parts)

    @classmethod
    def nothing(cls) -> Reply:
        return cls(kind="silent")

    @property
    def silent(self) -> bool:
        return self.kind == "silent"

    @property
    def page_choices(self) -> tuple[Choice, ...]:
        if self.page is None:
            return ()
        out = []
        if self.page.previous is not None:
            out.append(Choice(label=chat_texts.PREVIOUS_PAGE, action=self.page.previous))
        if self.page.next is not None:
            out.append(Choice(label=chat_texts.NEXT_PAGE, action=self.page.next))
        return tuple(out)

    @property
    def handoff_choice(self) -> tuple[Choice, ...]:
        if self.handoff is None:
            return ()
        return (Choice(label=chat_texts.HANDOFF_LABEL, action=HandOff(self.handoff)),)

    @property
    def choices(self) -> tuple[Suggestion | Choice, ...]:
        """Everything the user can pick by number, in the order doors number them."""
        return self.suggestions + self.page_choices + self.handoff_choice
