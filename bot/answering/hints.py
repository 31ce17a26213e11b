"""What the conversation tells ranking beyond the question itself.

A follow-up is ranked as a question of its own (a :class:`~bot.answering.query.Query`), plus
these hints from the turns before: the passage just answered, the words it brings at a
discount, the words the follow-up itself changed, and the entry it asks past ("còn …?").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hints:
    near: tuple[str, ...] = ()  # entries just answered: a follow-up's passage is preferred
    focus: tuple[str, ...] = ()  # a follow-up's own words, among those it inherits: weighed more
    seen: tuple[str, ...] = ()  # entries just answered, when "còn…?" asks for another
    context: tuple[str, ...] = ()  # words from the previous turns, matched at a discount
    excluded: tuple[str, ...] = ()  # entries just answered, when "… nữa", "… khác" asks for others


NO_HINTS = Hints()
