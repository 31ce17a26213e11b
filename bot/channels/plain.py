"""A Reply as plain text, for the media without markup or buttons (the terminal, Zalo).

Suggestions and page turns become numbered lines; the user answers with the
number. The blocks are kept apart so that a door with a size limit can split
between them.
"""

from __future__ import annotations

from bot.answering import answer_texts
from bot.answering.answer import numbered, sources_text
from bot.chat import chat_texts
from bot.chat.messages import Reply


def blocks(reply: Reply) -> list[str]:
    """The reply's text blocks, in reading order (joined by blank lines, they are the whole reply)."""
    out: list[str] = []
    if reply.title:
        out.append(reply.title)
    out.extend(reply.parts)
    out.extend(answer_texts.quote_line(q) for q in reply.quotes)
    if reply.whole_quote is not None:
        out.append(answer_texts.WHOLE_QUOTE_HINT)
    if reply.sources:
        out.append(sources_text(reply.sources))
    choices = reply.choices
    if choices:
        heading = reply.suggestions_heading if reply.suggestions else answer_texts.NUMBERS_HINT
        out.append(f"{heading or answer_texts.NUMBERS_HINT}\n{numbered(choices)}")
    if reply.feedback is not None:
        out.append(chat_texts.FEEDBACK_HINT)
    return out


def text(reply: Reply) -> str:
    return "\n\n".join(blocks(reply))
