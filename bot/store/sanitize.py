"""Text from chats made fit for any column: PostgreSQL refuses NUL characters and lone
surrogates in text, and a message longer than any chat allows is cut, not refused."""

from __future__ import annotations

from bot.language.folding import whole_characters

MAX_TEXT_CHARS = 4096  # Telegram's limit for one message


def clean_text(text: str, limit: int = MAX_TEXT_CHARS) -> str:
    return whole_characters(text.replace("\x00", ""))[:limit]


def check_label(name: str, value: str, limit: int = 32) -> str:
    """A short label the code chooses (a door, an answer kind): wrong ones are bugs, so they raise."""
    if not value or len(value) > limit:
        raise ValueError(f"{name} must be 1..{limit} characters, got {value!r}")
    return value
