"""How an Answer looks in Telegram: HTML, split under the size limit, with buttons.

Everything that comes from the data is escaped; the only markup is ours.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from ..answer import Answer, Suggestion

MAX_MESSAGE = 4096  # Telegram's limit for a message's text
MAX_CALLBACK_BYTES = 64  # Telegram's limit for a button's callback data
MAX_BUTTON_LABEL = 60


@dataclass(frozen=True)
class Block:
    """A piece of text and the markup around it: split, it keeps its markup on each part."""

    text: str
    wrap: Callable[[str], str] = html.escape


def _quote(text: str) -> str:
    return f"<blockquote>{html.escape(text)}</blockquote>"


def _bold_prefix(prefix: str) -> Callable[[str], str]:
    def wrap(text: str) -> str:
        return f"<b>{html.escape(prefix)}</b> {html.escape(text)}"

    return wrap


def answer_blocks(answer: Answer) -> list[Block]:
    blocks = [Block(answer.body)]
    for quote in answer.quotes:
        blocks.append(Block(f"Trích bài: “{quote}”", _quote))
    if len(answer.sources) == 1:
        blocks.append(Block(answer.sources[0].line(), _bold_prefix("Nguồn:")))
    elif answer.sources:
        blocks.append(Block("\n".join(f"• {s.line()}" for s in answer.sources), _bold_prefix("Nguồn:\n")))
    if answer.suggestions and not answer.answered:
        # the buttons carry them; a heading says what they are
        blocks.append(
            Block(
                "Bạn có thể bấm một gợi ý bên dưới."
                if answer.kind != "clarify"
                else "Có phải bạn muốn hỏi một trong các ý bên dưới?"
            )
        )
    elif answer.suggestions:
        blocks.append(Block("Có thể bạn muốn hỏi thêm (bấm nút bên dưới)."))
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
    out: list[str] = []
    for part in _split_text(block.text, lambda t: len(block.wrap(t)) <= limit):
        out.append(block.wrap(part))
    return out


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


def suggestion_keyboard(suggestions: Sequence[Suggestion]) -> InlineKeyboardMarkup | None:
    rows = [
        [InlineKeyboardButton(label(s.label), callback_data=s.action)]
        for s in suggestions
        if len(s.action.encode("utf-8")) <= MAX_CALLBACK_BYTES
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def render(answer: Answer) -> tuple[list[str], InlineKeyboardMarkup | None]:
    """The messages to send for an answer, and the keyboard for the last one."""
    return pack(answer_blocks(answer)), suggestion_keyboard(answer.suggestions)


def page_keyboard(prefix: str, page: int, pages: int) -> InlineKeyboardMarkup | None:
    """« Trước · x/y · Sau » for paged lists; callback data is `prefix:page`."""
    if pages <= 1:
        return None
    row = []
    if page > 0:
        row.append(InlineKeyboardButton("« Trước", callback_data=f"{prefix}:{page - 1}"))
    row.append(InlineKeyboardButton(f"{page + 1}/{pages}", callback_data=f"{prefix}:{page}"))
    if page < pages - 1:
        row.append(InlineKeyboardButton("Sau »", callback_data=f"{prefix}:{page + 1}"))
    return InlineKeyboardMarkup([row])
