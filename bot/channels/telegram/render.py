"""How a Reply looks in Telegram: HTML, split under the size limit, with inline buttons.

Everything that comes from the data is escaped; the only markup is ours.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answering import answer_texts
from bot.answering.answer import sources_text
from bot.answering.suggestions import Suggestion
from bot.chat import chat_texts
from bot.chat.actions import HandOff, Rate, encode, fits_button
from bot.chat.messages import Reply

MAX_MESSAGE = 4096  # Telegram's limit for a message's text
MAX_BUTTON_LABEL = 60


@dataclass(frozen=True)
class Block:
    """A piece of text and the markup around it: split, it keeps its markup on each part."""

    text: str
    wrap: Callable[[str], str] = html.escape


def _quote(text: str) -> str:
    return f"<blockquote>{html.escape(text)}</blockquote>"


def _bold(text: str) -> str:
    return f"<b>{html.escape(text)}</b>"


def _bold_prefix(prefix: str) -> Callable[[str], str]:
    def wrap(text: str) -> str:
        return f"<b>{html.escape(prefix)}</b>{html.escape(text)}"

    return wrap


def _hint(reply: Reply) -> str | None:
    """What the text says about the buttons under it."""
    if not reply.suggestions:
        return None
    if reply.kind == "command":
        return reply.suggestions_heading
    if reply.answered:
        return answer_texts.BUTTONS_MORE_HINT
    if reply.kind == "clarify":
        return answer_texts.BUTTONS_CLARIFY_HINT
    return answer_texts.BUTTONS_HINT


def reply_blocks(reply: Reply) -> list[Block]:
    blocks = [Block(reply.title, _bold)] if reply.title else []
    blocks.extend(Block(part) for part in reply.parts)
    for quote in reply.quotes:
        blocks.append(Block(answer_texts.quote_line(quote), _quote))
    if reply.sources:
        prefix, _, rest = sources_text(reply.sources).partition(answer_texts.SOURCE_PREFIX)
        blocks.append(Block(rest, _bold_prefix(prefix + answer_texts.SOURCE_PREFIX)))
    hint = _hint(reply)
    if hint:
        blocks.append(Block(hint))
    return blocks


def pack(blocks: Sequence[Block], limit: int = MAX_MESSAGE) -> list[str]:
    """Join blocks into messages of at most `limit` characters, never cutting
    inside markup: an oversize block is split on lines, then words, then
    characters, and each part is wrapped again."""
    pieces: list[str] = []
    for block in blocks:
        pieces.extend(_split_block(block, limit))
    messages: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}\n\n{piece}" if current else piece
        if len(candidate) <= limit:
            current = candidate
        else:
            messages.append(current)
            current = piece
    if current:
        messages.append(current)
    return messages or [""]


def _split_block(block: Block, limit: int) -> list[str]:
    rendered = block.wrap(block.text)
    if len(rendered) <= limit:
        return [rendered]
    return [block.wrap(part) for part in _split_text(block.text, lambda t: len(block.wrap(t)) <= limit)]


def _split_text(text: str, fits: Callable[[str], bool]) -> list[str]:
    for separator in ("\n", " "):
        units = text.split(separator)
        if len(units) > 1 and all(fits(u) for u in units):
            return _greedy(units, separator, fits)
    # one unbroken run longer than a message: cut it
    out, current = [], ""
    for ch in text:
        if fits(current + ch):
            current += ch
        else:
            out.append(current)
            current = ch
    if current:
        out.append(current)
    return out


def _greedy(units: list[str], separator: str, fits: Callable[[str], bool]) -> list[str]:
    out: list[str] = []
    current = ""
    for unit in units:
        candidate = f"{current}{separator}{unit}" if current else unit
        if fits(candidate):
            current = candidate
        else:
            out.append(current)
            current = unit
    if current:
        out.append(current)
    return out


def label(text: str) -> str:
    return text if len(text) <= MAX_BUTTON_LABEL else text[: MAX_BUTTON_LABEL - 1].rstrip() + "…"


def _button(suggestion: Suggestion, text: str | None = None) -> InlineKeyboardButton | None:
    data = encode(suggestion.action)
    if not fits_button(data):
        return None
    return InlineKeyboardButton(label(text or suggestion.label), callback_data=data)


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """One button per suggestion, then a « Trước · x/y · Sau » row for a paged list."""
    rows = [[button] for s in reply.suggestions if (button := _button(s)) is not None]
    if reply.whole_quote is not None and fits_button(data := encode(reply.whole_quote)):
        rows.insert(0, [InlineKeyboardButton(answer_texts.WHOLE_QUOTE_BUTTON, callback_data=data)])
    page = reply.page
    if page is not None:
        row = []
        if page.previous is not None:
            row.append(InlineKeyboardButton(chat_texts.PREVIOUS_PAGE, callback_data=encode(page.previous)))
        if page.current is not None:
            row.append(InlineKeyboardButton(f"{page.number}/{page.total}", callback_data=encode(page.current)))
        if page.next is not None:
            row.append(InlineKeyboardButton(chat_texts.NEXT_PAGE, callback_data=encode(page.next)))
        rows.append(row)
    if reply.feedback is not None:  # was the answer right?
        rows.append(
            [
                InlineKeyboardButton(chat_texts.FEEDBACK_GOOD_LABEL, callback_data=encode(Rate(reply.feedback, 1))),
                InlineKeyboardButton(chat_texts.FEEDBACK_BAD_LABEL, callback_data=encode(Rate(reply.feedback, -1))),
            ]
        )
    if reply.handoff is not None:  # the bot could not answer: a person may
        rows.append([InlineKeyboardButton(chat_texts.HANDOFF_LABEL, callback_data=encode(HandOff(reply.handoff)))])
    return InlineKeyboardMarkup(rows) if rows else None


def render(reply: Reply) -> tuple[list[str], InlineKeyboardMarkup | None]:
    """The messages to send for a reply, and the keyboard for the last one."""
    return pack(reply_blocks(reply)), keyboard(reply)
